package dev.basalt.collections;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.basalt.collections.fields.Field;
import dev.basalt.error.ApiException;
import dev.basalt.error.FieldError;
import dev.basalt.store.Tx;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.jooq.exception.DataAccessException;

/**
 * {@code PUT /api/collections/import} inside the caller's transaction: each entry updates the
 * collection with its id (or else name) or creates a new one; with {@code deleteMissing},
 * non-system collections not listed are deleted first and listed ones lose the fields they do not
 * list. Entries are all saved before any is validated, so they may relate to each other; any
 * failure is a 400 with {@code data.collections} and rolls everything back.
 */
final class CollectionImport {

    private static final Set<String> TYPES = Set.of("base", "auth", "view");

    private final CollectionRepository repository;
    private final SchemaSync schema;
    private final CollectionValidator validator;

    CollectionImport(CollectionRepository repository, SchemaSync schema, CollectionValidator validator) {
        this.repository = repository;
        this.schema = schema;
        this.validator = validator;
    }

    /** An import entry ready to save, with the stored collection it replaces. */
    private record Staged(Collection collection, Optional<Collection> original) {}

    /** @param deleted told about each collection the import deletes */
    void run(Tx tx, Catalog catalog, List<ObjectNode> entries, boolean deleteMissing, Consumer<Collection> deleted) {
        List<Staged> staged = stage(entries, catalog, deleteMissing);
        Set<String> importedIds = staged.stream().map(s -> s.collection().id()).collect(Collectors.toSet());
        Catalog result = catalog;
        if (deleteMissing) {
            for (Collection existing : catalog.collections()) {
                if (!existing.system() && !importedIds.contains(existing.id())) {
                    repository.delete(tx.dsl(), existing.id());
                    schema.dropTable(tx.dsl(), existing);
                    deleted.accept(existing);
                    result = result.without(existing.id());
                }
            }
        }
        for (Staged s : staged) {
            result = result.with(s.collection());
            save(tx, s);
        }
        for (Staged s : staged) {
            // PocketBase compat: a new collection is validated as an update of itself, since it is
            // already saved by now.
            ValidationErrors errors = validator.validate(s.collection(), Optional.of(s.original().orElse(s.collection())), result);
            if (!errors.isEmpty()) {
                throw failure("Data validations failed for collection \"" + s.collection().name() + "\" ("
                        + s.collection().id() + "):\n" + describe(errors));
            }
        }
    }

    private List<Staged> stage(List<ObjectNode> entries, Catalog catalog, boolean deleteMissing) {
        List<Staged> staged = new ArrayList<>();
        Catalog ids = catalog;
        for (ObjectNode entry : entries) {
            String identifier = entry.path("id").asText("");
            if (identifier.isEmpty()) {
                identifier = entry.path("name").asText("");
            }
            Optional<Collection> existing = catalog.find(identifier);
            if (existing.isPresent()) {
                ObjectNode data = entry.deepCopy();
                if (deleteMissing && !data.has("fields")) {
                    data.putArray("fields");
                }
                ObjectNode merged = CollectionJson.merge(CollectionJson.toStored(existing.get()), data);
                Collection draft = keepExistingFields(parse(merged), existing.get(), deleteMissing);
                staged.add(new Staged(CollectionDefaults.apply(draft, existing, ids::hasId), existing));
            } else {
                Collection c = CollectionDefaults.apply(parse(entry), Optional.empty(), ids::hasId);
                ids = ids.with(c);
                staged.add(new Staged(c, Optional.empty()));
            }
        }
        return staged;
    }

    // PocketBase compat: without deleteMissing, stored fields the import does not list are kept;
    // a listed field with the name and type of a stored one keeps the stored field (and column).
    private static Collection keepExistingFields(Collection imported, Collection existing, boolean deleteMissing) {
        List<Field> fields = new ArrayList<>(CollectionDefaults.withFieldIds(imported.fields()));
        for (Field f : existing.fields()) {
            if ((!f.system() && deleteMissing) || fields.stream().anyMatch(x -> x.id().equals(f.id()))) {
                continue;
            }
            int sameName = -1;
            for (int i = 0; i < fields.size(); i++) {
                if (fields.get(i).name().equals(f.name()) && fields.get(i).type().equals(f.type())) {
                    sameName = i;
                }
            }
            if (sameName >= 0) {
                fields.set(sameName, f);
            } else {
                fields.add(f);
            }
        }
        return imported.withFields(fields);
    }

    private void save(Tx tx, Staged s) {
        if (s.collection().isView()) {
            throw failure("View collections are not supported yet (\"" + s.collection().name() + "\").");
        }
        try {
            ValidationErrors errors;
            if (s.original().isPresent()) {
                repository.update(tx.dsl(), s.collection());
                errors = schema.update(tx.dsl(), s.original().get(), s.collection());
            } else {
                repository.insert(tx.dsl(), s.collection());
                errors = schema.createTable(tx.dsl(), s.collection());
            }
            if (!errors.isEmpty()) {
                throw failure("Failed to save collection \"" + s.collection().name() + "\":\n" + describe(errors));
            }
        } catch (DataAccessException e) {
            throw failure("Failed to import the collections configuration. Raw error:\n"
                    + "failed to save collection \"" + s.collection().name() + "\": " + e.getMessage());
        }
    }

    private static Collection parse(JsonNode node) {
        JsonNode type = node.get("type");
        if (type != null && !type.isNull() && !(type.isTextual() && (type.asText().isEmpty() || TYPES.contains(type.asText())))) {
            throw failure("Invalid collection type " + type + ".");
        }
        try {
            return CollectionJson.fromJson(node);
        } catch (IllegalArgumentException e) {
            throw failure("Failed to import the collections configuration. Raw error:\n" + e.getMessage());
        }
    }

    static ApiException failure(String message) {
        return ApiException.badRequest("Failed to import collections.",
                Map.of("collections", new FieldError("validation_collections_import_failure", message)));
    }

    private static String describe(ValidationErrors errors) {
        try {
            return CollectionJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(errors.toMap());
        } catch (JsonProcessingException e) {
            return errors.toMap().toString();
        }
    }
}
