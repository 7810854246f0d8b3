package dev.basalt.collections;

import dev.basalt.collections.fields.Field;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A collection: a named set of records with typed fields, rules per action and indexes. Each
 * collection has a table of the same name.
 *
 * @param options type-specific settings kept as the wire has them ({@code viewQuery} for views;
 *                {@code authRule}, {@code manageRule}, {@code passwordAuth}, token settings, ... for
 *                auth collections). Secrets live here too and are removed by the JSON writer.
 */
public record Collection(
        String id,
        String name,
        CollectionType type,
        boolean system,
        List<Field> fields,
        List<String> indexes,
        Rule listRule,
        Rule viewRule,
        Rule createRule,
        Rule updateRule,
        Rule deleteRule,
        Map<String, Object> options,
        String created,
        String updated) {

    public Collection {
        fields = List.copyOf(fields);
        indexes = List.copyOf(indexes);
        options = options == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(options));
        created = created == null ? "" : created;
        updated = updated == null ? "" : updated;
    }

    public boolean isAuth() {
        return type == CollectionType.AUTH;
    }

    public boolean isView() {
        return type == CollectionType.VIEW;
    }

    public Optional<Field> field(String fieldName) {
        for (Field f : fields) {
            if (f.name().equals(fieldName)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    public Collection withFields(List<Field> newFields) {
        return new Collection(id, name, type, system, newFields, indexes, listRule, viewRule, createRule,
                updateRule, deleteRule, options, created, updated);
    }

    public Collection withField(Field field) {
        List<Field> copy = new ArrayList<>(fields);
        copy.removeIf(f -> f.id().equals(field.id()));
        copy.add(field);
        return withFields(copy);
    }

    public Collection withTimestamps(String newCreated, String newUpdated) {
        return new Collection(id, name, type, system, fields, indexes, listRule, viewRule, createRule,
                updateRule, deleteRule, options, newCreated, newUpdated);
    }
}
