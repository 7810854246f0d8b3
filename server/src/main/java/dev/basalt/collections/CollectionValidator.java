package dev.basalt.collections;

import static dev.basalt.collections.ValidationErrors.error;

import dev.basalt.collections.fields.BoolField;
import dev.basalt.collections.fields.EmailField;
import dev.basalt.collections.fields.Field;
import dev.basalt.collections.fields.PasswordField;
import dev.basalt.collections.fields.TextField;
import dev.basalt.error.FieldError;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Validates a collection before it is saved, collecting every error into the nested shape of
 * PocketBase's {@code data} ({@code name.code}, {@code fields.0.name.code}, {@code indexes.1.code},
 * {@code authToken.duration.code}). Rule expressions are checked through a {@link RuleCheck}.
 */
final class CollectionValidator {

    private static final Pattern NAME = Pattern.compile("^\\w+$");
    private static final Set<String> RESERVED_AUTH_NAMES = Set.of("passwordConfirm", "oldPassword");

    private final RuleCheck ruleCheck;
    private final AuthOptionsValidator authOptions;

    CollectionValidator(RuleCheck ruleCheck) {
        this.ruleCheck = ruleCheck;
        this.authOptions = new AuthOptionsValidator(this::checkExpression);
    }

    /**
     * The errors of a collection about to be saved; empty when it is valid.
     *
     * @param original the stored collection when updating
     * @param catalog the other collections and tables (the collection itself may be in it)
     */
    ValidationErrors validate(Collection c, Optional<Collection> original, Catalog catalog) {
        ValidationErrors e = new ValidationErrors();
        checkId(e, c, original, catalog);
        original.filter(o -> o.system() != c.system()).ifPresent(o ->
                e.add("system", error("validation_collection_system_flag_change", "System collection state cannot be changed.")));
        original.filter(o -> o.type() != c.type()).ifPresent(o ->
                e.add("type", error("validation_collection_type_change", "Collection type cannot be changed.")));
        checkName(e, c, original, catalog);
        checkFields(e, c, original, catalog);
        checkRule(e, "listRule", c.listRule(), c, original.map(Collection::listRule), catalog);
        checkRule(e, "viewRule", c.viewRule(), c, original.map(Collection::viewRule), catalog);
        checkRule(e, "createRule", c.createRule(), c, original.map(Collection::createRule), catalog);
        checkRule(e, "updateRule", c.updateRule(), c, original.map(Collection::updateRule), catalog);
        checkRule(e, "deleteRule", c.deleteRule(), c, original.map(Collection::deleteRule), catalog);
        checkIndexes(e, c, original, catalog);
        if (c.isAuth()) {
            authOptions.validate(e, c, original, catalog);
        }
        return e;
    }

    private void checkId(ValidationErrors e, Collection c, Optional<Collection> original, Catalog catalog) {
        if (c.id().isEmpty()) {
            e.add("id", FieldError.required());
        } else if (original.isPresent()) {
            if (!original.get().id().equals(c.id())) {
                e.add("id", error("validation_values_mismatch", "Values don't match."));
            }
        } else if (c.id().length() > 100) {
            e.add("id", FieldSettingsValidator.lengthOutOfRange(1, 100));
        } else if (!NAME.matcher(c.id()).matches()) {
            e.add("id", FieldSettingsValidator.matchInvalid());
        } else if (catalog.hasId(c.id())) {
            e.add("id", error("validation_invalid_or_existing_id", "The model id is invalid or already exists."));
        }
    }

    private void checkName(ValidationErrors e, Collection c, Optional<Collection> original, Catalog catalog) {
        String name = c.name();
        String originalId = original.map(Collection::id).orElse("");
        if (name.isEmpty()) {
            e.add("name", FieldError.required());
        } else if (name.length() > 255) {
            e.add("name", FieldSettingsValidator.lengthOutOfRange(1, 255));
        } else if (name.toLowerCase(Locale.ROOT).contains("_via_")) {
            e.add("name", FieldSettingsValidator.foundVia());
        } else if (!NAME.matcher(name).matches()) {
            e.add("name", FieldSettingsValidator.matchInvalid());
        } else if (original.isPresent() && original.get().system() && !original.get().name().equals(name)) {
            e.add("name", error("validation_collection_system_name_change", "System collection name cannot be changed."));
        } else if (catalog.collections().stream().anyMatch(x -> !x.id().equals(originalId) && x.name().equalsIgnoreCase(name))) {
            e.add("name", error("validation_collection_name_exists", "Collection name must be unique (case insensitive)."));
        } else if (catalog.hasId(name) && !name.equals(originalId)) {
            e.add("name", error("validation_collection_name_id_duplicate", "The name must not match an existing collection id."));
        } else if (!original.map(Collection::name).orElse("").equals(name)
                && catalog.collections().stream().noneMatch(x -> x.name().equalsIgnoreCase(name))
                && catalog.hasTable(name)) {
            e.add("name", error("validation_collection_name_invalid", "The name shouldn't match with an existing internal table."));
        }
    }

    private void checkFields(ValidationErrors e, Collection c, Optional<Collection> original, Catalog catalog) {
        List<Field> fields = c.fields();
        Optional<ValidationErrors> duplicates = duplicates(fields);
        if (duplicates.isPresent()) {
            e.add("fields", duplicates.get());
            return;
        }
        Optional<FieldError> missing = missingSystemField(c);
        if (missing.isPresent()) {
            e.add("fields", missing.get());
            return;
        }
        if (!c.isView() && original.isPresent()) {
            for (Field old : original.get().fields()) {
                Optional<Field> now = byId(fields, old.id());
                if (old.system() && (now.isEmpty() || !now.get().name().equals(old.name()))) {
                    e.add("fields", error("validation_system_field_change", "System fields cannot be deleted or renamed."));
                    return;
                }
            }
            for (int i = 0; i < fields.size(); i++) {
                Field f = fields.get(i);
                if (byId(original.get().fields(), f.id()).filter(old -> !old.type().equals(f.type())).isPresent()) {
                    e.add("fields", new ValidationErrors().add(Integer.toString(i),
                            error("validation_field_type_change", "Field type cannot be changed.")));
                    return;
                }
            }
        }
        ValidationErrors each = new ValidationErrors();
        for (int i = 0; i < fields.size(); i++) {
            Field f = fields.get(i);
            if (c.isAuth() && RESERVED_AUTH_NAMES.contains(f.name())) {
                each.add(Integer.toString(i), new ValidationErrors().add("name",
                        error("validation_reserved_field_name", "The field name is reserved and cannot be used.")));
            }
        }
        if (!each.isEmpty()) {
            e.add("fields", each);
            return;
        }
        for (int i = 0; i < fields.size(); i++) {
            Field f = fields.get(i);
            Optional<Field> old = original.flatMap(o -> byId(o.fields(), f.id()));
            each.add(Integer.toString(i), FieldSettingsValidator.validate(f, c, old, catalog));
        }
        e.add("fields", each);
    }

    private static Optional<ValidationErrors> duplicates(List<Field> fields) {
        Set<String> ids = new HashSet<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < fields.size(); i++) {
            Field f = fields.get(i);
            if (!ids.add(f.id())) {
                return Optional.of(new ValidationErrors().add(Integer.toString(i), new ValidationErrors().add("id",
                        error("validation_duplicated_field_id", "Duplicated or invalid field id \"" + f.id() + "\"."))));
            }
            // field names are column names: SQL identifiers are case-insensitive
            if (!names.add(f.name().toLowerCase(Locale.ROOT))) {
                return Optional.of(new ValidationErrors().add(Integer.toString(i), new ValidationErrors().add("name",
                        error("validation_duplicated_field_name", "Duplicated or invalid field name " + f.name() + ".",
                                Map.of("fieldName", f.name())))));
            }
        }
        return Optional.empty();
    }

    private static Optional<FieldError> missingSystemField(Collection c) {
        if (c.fields().isEmpty()) {
            return Optional.of(FieldError.required());
        }
        if (!(byName(c.fields(), "id").orElse(null) instanceof TextField id) || !id.primaryKey()) {
            return Optional.of(error("validation_missing_primary_key", "Missing or invalid \"id\" PK field."));
        }
        if (!c.isAuth()) {
            return Optional.empty();
        }
        if (!(byName(c.fields(), "password").orElse(null) instanceof PasswordField)) {
            return Optional.of(error("validation_missing_password_field", "System \"password\" field is required."));
        }
        if (!(byName(c.fields(), "tokenKey").orElse(null) instanceof TextField)) {
            return Optional.of(error("validation_missing_tokenKey_field", "System \"tokenKey\" field is required."));
        }
        if (!(byName(c.fields(), "email").orElse(null) instanceof EmailField)) {
            return Optional.of(error("validation_missing_email_field", "System \"email\" field is required."));
        }
        for (String name : List.of("emailVisibility", "verified")) {
            if (!(byName(c.fields(), name).orElse(null) instanceof BoolField)) {
                return Optional.of(error("validation_missing_" + name + "_field", "System \"" + name + "\" field is required."));
            }
        }
        return Optional.empty();
    }

    private void checkRule(ValidationErrors e, String key, Rule rule, Collection c, Optional<Rule> originalRule,
            Catalog catalog) {
        boolean writeRule = key.equals("createRule") || key.equals("updateRule") || key.equals("deleteRule");
        if (c.isView() && writeRule && !(rule instanceof Rule.SuperusersOnly)) {
            e.add(key, error("validation_nil", "Must be blank."));
            return;
        }
        checkExpression(e, key, rule.wire(), c, catalog);
        if (!e.has(key) && originalRule.isPresent() && c.system()
                && !Objects.equals(originalRule.get().wire(), rule.wire())) {
            e.add(key, error("validation_collection_system_rule_change", "System collection API rule cannot be changed."));
        }
    }

    void checkExpression(ValidationErrors e, String key, String expression, Collection c, Catalog catalog) {
        if (expression == null || expression.isEmpty()) {
            return;
        }
        ruleCheck.problem(c, expression, catalog::find).ifPresent(problem ->
                e.add(key, error("validation_invalid_rule", "Invalid rule. Raw error: " + problem)));
    }

    private void checkIndexes(ValidationErrors e, Collection c, Optional<Collection> original, Catalog catalog) {
        List<String> indexes = c.indexes();
        if (c.isView() && !indexes.isEmpty()) {
            e.add("indexes", error("validation_indexes_not_supported", "View collections don't support indexes."));
            return;
        }
        Set<String> names = new HashSet<>();
        Set<String> definitions = new HashSet<>();
        for (int i = 0; i < indexes.size(); i++) {
            String key = Integer.toString(i);
            Optional<Index> parsed = Index.parse(indexes.get(i));
            if (parsed.isEmpty()) {
                e.add("indexes", new ValidationErrors().add(key,
                        error("validation_invalid_index_expression", "Invalid CREATE INDEX expression.")));
                return;
            }
            Index idx = parsed.get();
            if (!names.add(idx.name().toLowerCase(Locale.ROOT))) {
                e.add("indexes", new ValidationErrors().add(key,
                        error("validation_duplicated_index_name", "The index name already exists.")));
                return;
            }
            Optional<Collection> owner = indexOwner(idx.name(), c, original, catalog);
            if (owner.isPresent()) {
                e.add("indexes", new ValidationErrors().add(key, error("validation_existing_index_name",
                        "The index name is already used in " + owner.get().name() + " collection.",
                        Map.of("usedTableName", owner.get().name()))));
                return;
            }
            if (!definitions.add(idx.definitionKey())) {
                e.add("indexes", new ValidationErrors().add(key,
                        error("validation_duplicated_index_definition", "The index definition already exists.")));
                return;
            }
        }
        if (original.isPresent()) {
            checkSystemUniqueIndexes(e, c, original.get());
        }
        if (c.isAuth()) {
            for (String column : List.of("tokenKey", "email")) {
                if (Index.findSingleColumnUnique(indexes, column).isEmpty()) {
                    e.add("indexes", error("validation_missing_required_unique_index",
                            "Missing required unique index for field \"" + column + "\".", Map.of("fieldName", column)));
                    return;
                }
            }
        }
    }

    private static Optional<Collection> indexOwner(String indexName, Collection c, Optional<Collection> original, Catalog catalog) {
        String self = original.map(Collection::id).orElse(c.id());
        for (Collection other : catalog.collections()) {
            if (other.id().equals(self)) {
                continue;
            }
            for (String raw : other.indexes()) {
                if (Index.parse(raw).filter(i -> i.name().equalsIgnoreCase(indexName)).isPresent()) {
                    return Optional.of(other);
                }
            }
        }
        return Optional.empty();
    }

    /** Unique indexes over system fields (tokenKey, email, ...) may not be dropped or changed. */
    private static void checkSystemUniqueIndexes(ValidationErrors e, Collection c, Collection original) {
        for (String raw : original.indexes()) {
            Optional<Index> old = Index.parse(raw).filter(Index::unique);
            if (old.isEmpty()) {
                continue;
            }
            for (Index.Column column : old.get().columns()) {
                Optional<Field> systemField = original.fields().stream()
                        .filter(f -> f.system() && f.name().equalsIgnoreCase(column.name())).findFirst();
                if (systemField.isEmpty()) {
                    continue;
                }
                if (c.indexes().stream().map(Index::parse).flatMap(Optional::stream)
                        .noneMatch(idx -> idx.unique() && sameColumns(idx, old.get()))) {
                    e.add("indexes", error("validation_invalid_unique_system_field_index",
                            "Unique index definition on system fields (" + systemField.get().name() + ") is invalid or missing.",
                            Map.of("fieldName", systemField.get().name())));
                    return;
                }
                break;
            }
        }
    }

    private static boolean sameColumns(Index a, Index b) {
        if (a.columns().size() != b.columns().size()) {
            return false;
        }
        for (int i = 0; i < a.columns().size(); i++) {
            if (!a.columns().get(i).name().equalsIgnoreCase(b.columns().get(i).name())) {
                return false;
            }
        }
        return true;
    }

    private static Optional<Field> byId(List<Field> fields, String id) {
        return fields.stream().filter(f -> f.id().equals(id)).findFirst();
    }

    static Optional<Field> byName(List<Field> fields, String name) {
        return fields.stream().filter(f -> f.name().equals(name)).findFirst();
    }
}
