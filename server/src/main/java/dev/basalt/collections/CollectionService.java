package dev.basalt.collections;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.basalt.collections.fields.RelationField;
import dev.basalt.collections.fields.TextField;
import dev.basalt.error.ApiException;
import dev.basalt.error.FieldError;
import dev.basalt.store.Database;
import dev.basalt.store.Tx;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jooq.Condition;
import org.jooq.SortField;
import org.jooq.exception.DataAccessException;

/**
 * Use cases on collections: create, update, delete, import and list. Each write runs in
 * one transaction that validates against the collections as stored at that moment, changes the
 * {@code _collections} row and the table together, and reloads the registry after commit, so the
 * registry only ever shows committed state.
 */
public final class CollectionService {

    private static final String INVALID_BODY = "Failed to load the submitted data due to invalid formatting.";
    private static final Set<String> TYPES = Set.of("base", "auth", "view");

    private final Database db;
    private final CollectionRegistry registry;
    private final CollectionRepository repository = new CollectionRepository();
    private final SchemaSync schema;
    private final CollectionValidator validator;
    private final CollectionFilter filter;
    private final CollectionImport imports;
    private final List<Consumer<Collection>> deletedListeners = new CopyOnWriteArrayList<>();
    private final List<Runnable> committedListeners = new CopyOnWriteArrayList<>();

    public CollectionService(Database db, CollectionRegistry registry) {
        this(db, registry, RuleCheck.ACCEPT_ALL);
    }

    /**
     * @param ruleCheck validates rule expressions on save
     */
    public CollectionService(Database db, CollectionRegistry registry, RuleCheck ruleCheck) {
        this.db = db;
        this.registry = registry;
        this.schema = new SchemaSync(db.dialect());
        this.validator = new CollectionValidator(ruleCheck);
        this.filter = new CollectionFilter(db.dialect());
        this.imports = new CollectionImport(repository, schema, validator);
    }

    /**
     * Subscribes to collection deletes (also those of an import). Listeners run after the commit,
     * on the writing thread; a failure is logged and the others still run.
     */
    public void onDeleted(Consumer<Collection> listener) {
        deletedListeners.add(listener);
    }

    /**
     * Subscribes to committed changes of the collection model (create, update, delete, import made
     * through this service). Listeners run after the commit, once the registry is reloaded, on the
     * writing thread; a failure is logged and the others still run.
     */
    public void onCommitted(Runnable listener) {
        committedListeners.add(listener);
    }

    private void deleted(Tx tx, Collection c) {
        for (Consumer<Collection> listener : deletedListeners) {
            tx.afterCommit(() -> listener.accept(c));
        }
    }

    public List<Collection> all() {
        return registry.all();
    }

    public Optional<Collection> find(String idOrName) {
        return registry.find(idOrName);
    }

    public Collection view(String idOrName) {
        return find(idOrName).orElseThrow(ApiException::notFound);
    }

    /** One page of collections; {@code sort} accepts {@code id, created, updated, name, system, type}. */
    public CollectionPage list(CollectionQuery query) {
        Condition where = filter.compile(query.filter());
        List<SortField<?>> orderBy = sort(query.sort());
        int offset = (query.page() - 1) * query.perPage();
        return db.read(dsl -> {
            List<Collection> items = repository.find(dsl, where, orderBy, query.perPage(), offset);
            if (query.skipTotal()) {
                return new CollectionPage(query.page(), query.perPage(), -1, -1, items);
            }
            int total = repository.count(dsl, where);
            return new CollectionPage(query.page(), query.perPage(), total,
                    (int) Math.ceil(total / (double) query.perPage()), items);
        });
    }

    private static List<SortField<?>> sort(String sort) {
        List<SortField<?>> out = new ArrayList<>();
        for (String raw : sort.split(",")) {
            String s = raw.strip();
            if (s.isEmpty()) {
                continue;
            }
            boolean desc = s.startsWith("-");
            String column = s.startsWith("-") || s.startsWith("+") ? s.substring(1) : s;
            org.jooq.Field<?> field = CollectionRepository.column(column)
                    .orElseThrow(() -> ApiException.badRequest("Invalid sort field \"" + column + "\"."));
            out.add(desc ? field.desc() : field.asc());
        }
        return out;
    }

    /** The default models of each type, as {@code GET /api/collections/meta/scaffolds} returns them. */
    public Map<String, Collection> scaffolds() {
        Map<String, Collection> out = new LinkedHashMap<>();
        for (CollectionType type : CollectionType.values()) {
            out.put(type.wire(), CollectionDefaults.scaffold(type));
        }
        return out;
    }

    /** Creates a collection from a request body (PocketBase's collection JSON). */
    public Collection create(JsonNode body) {
        ObjectNode object = requireObject(body);
        checkType(object, "Failed to create collection.");
        return create(parse(object));
    }

    /**
     * Creates a collection and its table. Ids, system fields, auth options and timestamps are filled
     * in as PocketBase does; an invalid collection is a 400 with every error in {@code data}.
     */
    public Collection create(Collection draft) {
        rejectView(draft.type());
        return write(tx -> {
            Catalog catalog = catalog(tx);
            Collection c = CollectionDefaults.apply(draft, Optional.empty(), catalog::hasId);
            failOn(validator.validate(c, Optional.empty(), catalog), "Failed to create collection.");
            String failed = "Failed to create collection.";
            failOn(sql(failed, () -> {
                repository.insert(tx.dsl(), c);
                return schema.createTable(tx.dsl(), c);
            }), failed);
            return c;
        });
    }

    /**
     * Updates a collection with a partial body merged onto the stored model (a submitted
     * {@code fields} array replaces the list; fields are matched by id), then brings its table in
     * step in the same transaction.
     */
    public Collection update(String idOrName, JsonNode body) {
        ObjectNode patch = requireObject(body);
        return write(tx -> {
            Catalog catalog = catalog(tx);
            Collection original = catalog.find(idOrName).orElseThrow(ApiException::notFound);
            rejectView(original.type());
            ObjectNode merged = CollectionJson.merge(CollectionJson.toStored(original), patch);
            checkType(merged, "Failed to update collection.");
            Collection draft = parse(merged);
            Collection c = regenerateAuthSecretOnRuleChange(
                    CollectionDefaults.apply(draft, Optional.of(original), catalog::hasId), original);
            failOn(validator.validate(c, Optional.of(original), catalog), "Failed to update collection.");
            String failed = "Failed to update collection.";
            failOn(sql(failed, () -> {
                repository.update(tx.dsl(), c);
                return schema.update(tx.dsl(), original, c);
            }), failed);
            return c;
        });
    }

    /**
     * Deletes a collection and its table. System collections and collections that other
     * collections relate to cannot be deleted (400).
     */
    public void delete(String idOrName) {
        write(tx -> {
            Catalog catalog = catalog(tx);
            Collection c = catalog.find(idOrName).orElseThrow(ApiException::notFound);
            if (c.system()) {
                throw ApiException.badRequest("Failed to delete collection.");
            }
            List<String> referencing = referencing(catalog, c);
            if (!referencing.isEmpty()) {
                throw ApiException.badRequest("Failed to delete collection probably due to existing reference in "
                        + String.join(", ", referencing) + ".");
            }
            repository.delete(tx.dsl(), c.id());
            if (!c.isView()) {
                schema.dropTable(tx.dsl(), c);
            }
            deleted(tx, c);
            return null;
        });
    }

    /**
     * Deletes every record of a collection. Relation cascades and stored files are not handled
     * here: rows of other collections that reference the deleted records keep their ids.
     */

    /**
     * Imports collections in one transaction: each entry updates the collection with its id (or
     * else name) or creates a new one; with {@code deleteMissing}, non-system collections not listed
     * are deleted (and listed collections lose the fields not listed). Entries are saved first and
     * validated afterwards, so they may relate to each other.
     */
    public void importCollections(JsonNode collections, boolean deleteMissing) {
        if (collections == null || !collections.isArray() || collections.isEmpty()) {
            throw ApiException.badRequest("An error occurred while validating the submitted data.",
                    Map.of("collections", FieldError.required()));
        }
        List<ObjectNode> entries = new ArrayList<>();
        for (JsonNode entry : collections) {
            if (!(entry instanceof ObjectNode object)) {
                throw ApiException.badRequest("An error occurred while loading the submitted data.");
            }
            entries.add(object);
        }
        write(tx -> {
            imports.run(tx, catalog(tx), entries, deleteMissing, c -> deleted(tx, c));
            return null;
        });
    }

    /** Creates a collection inside an open transaction (system migrations); no validation. */
    public void insert(Tx tx, Collection c) {
        repository.insert(tx.dsl(), c);
        ValidationErrors errors = schema.createTable(tx.dsl(), c);
        if (!errors.isEmpty()) {
            throw new IllegalStateException("cannot create the indexes of " + c.name() + ": " + errors.toMap());
        }
        registry.reload();
        tx.afterCommit(registry::reload);
    }

    /** Fills in the collection id, field ids, the {@code id} field and timestamps. */
    static Collection withDefaults(Collection draft) {
        return CollectionDefaults.apply(draft, Optional.empty(), id -> false);
    }

    /** The primary key field every base and auth collection starts with. */
    public static TextField idField() {
        return new TextField(Ids.fieldId("text", "id"), "id", true, false, false, true, "", 15, 15,
                CollectionDefaults.DEFAULT_ID_PATTERN, "[a-z0-9]{15}", true);
    }

    private <T> T write(Function<Tx, T> work) {
        return db.transaction(tx -> {
            tx.afterCommit(registry::reload);
            committedListeners.forEach(tx::afterCommit);
            return work.apply(tx);
        });
    }

    private Catalog catalog(Tx tx) {
        return new Catalog(repository.findAll(tx.dsl()), repository.tableNames(tx.dsl()));
    }

    private static List<String> referencing(Catalog catalog, Collection target) {
        List<String> names = new ArrayList<>();
        for (Collection other : catalog.collections()) {
            if (other.id().equals(target.id())) {
                continue;
            }
            boolean refers = other.fields().stream()
                    .anyMatch(f -> f instanceof RelationField r && r.collectionId().equals(target.id()));
            if (refers) {
                names.add(other.name());
            }
        }
        return names;
    }

    // PocketBase compat: changing authRule invalidates every issued auth token.
    @SuppressWarnings("unchecked")
    private static Collection regenerateAuthSecretOnRuleChange(Collection c, Collection original) {
        if (!c.isAuth() || Objects.equals(c.options().get("authRule"), original.options().get("authRule"))) {
            return c;
        }
        Map<String, Object> options = new LinkedHashMap<>(c.options());
        Map<String, Object> token = options.get("authToken") instanceof Map<?, ?> m
                ? new LinkedHashMap<>((Map<String, Object>) m) : new LinkedHashMap<>();
        token.put("secret", Ids.randomSecret(50));
        options.put("authToken", token);
        return new Collection(c.id(), c.name(), c.type(), c.system(), c.fields(), c.indexes(), c.listRule(),
                c.viewRule(), c.createRule(), c.updateRule(), c.deleteRule(), options, c.created(), c.updated());
    }

    // PocketBase compat: a database failure while saving a valid collection is a 400 that
    // carries the raw error in its message (never in data).
    private static ValidationErrors sql(String message, Supplier<ValidationErrors> work) {
        try {
            return work.get();
        } catch (DataAccessException e) {
            throw ApiException.badRequest(message + " Raw error: \n" + e.getMessage());
        }
    }

    private static void failOn(ValidationErrors errors, String message) {
        if (!errors.isEmpty()) {
            throw ApiException.badRequest(message, errors.toMap());
        }
    }

    private static ObjectNode requireObject(JsonNode body) {
        if (body instanceof ObjectNode object) {
            return object;
        }
        throw ApiException.badRequest(INVALID_BODY);
    }

    private static void checkType(JsonNode node, String message) {
        JsonNode type = node.get("type");
        if (type != null && !type.isNull() && !(type.isTextual() && (type.asText().isEmpty() || TYPES.contains(type.asText())))) {
            throw ApiException.badRequest(message,
                    Map.of("type", new FieldError("validation_in_invalid", "Must be a valid value.")));
        }
    }

    private static Collection parse(JsonNode node) {
        try {
            return CollectionJson.fromJson(node);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(INVALID_BODY);
        }
    }

    private static void rejectView(CollectionType type) {
        if (type == CollectionType.VIEW) {
            throw ApiException.badRequest("View collections are not supported yet.");
        }
    }

}
