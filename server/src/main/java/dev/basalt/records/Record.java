package dev.basalt.records;

import dev.basalt.collections.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One record of a collection: its field values by field name. Values use these Java types:
 * {@code String} for text-like fields, datetimes and single select/relation/file; {@code Double}
 * for numbers; {@code Boolean}; {@code List<String>} for multi-value fields; a Jackson
 * {@code JsonNode} for json and geoPoint (JSON null as {@code NullNode}). Every field of the
 * collection has a value; an unset one holds the type's empty value.
 */
public record Record(Collection collection, Map<String, Object> values) {

    public Record {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    public String id() {
        Object id = values.get("id");
        return id == null ? "" : id.toString();
    }

    public Object get(String field) {
        return values.get(field);
    }

    public String getString(String field) {
        Object v = values.get(field);
        return v == null ? "" : v.toString();
    }

    /** A copy with one value replaced. */
    public Record with(String field, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(values);
        copy.put(field, value);
        return new Record(collection, copy);
    }
}
