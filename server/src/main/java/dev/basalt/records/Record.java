package dev.basalt.records;

import dev.basalt.collections.Collection;
import java.util.AbstractMap;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * One record of a collection: its field values by field name. Values use these Java types:
 * {@code String} for text-like fields, datetimes and single select/relation/file; {@code Double}
 * for numbers; {@code Boolean}; {@code List<String>} for multi-value fields; a Jackson
 * {@code JsonNode} for json and geoPoint (JSON null as {@code NullNode}). Every field of the
 * collection has a value; an unset one holds the type's empty value.
 */
public record Record(Collection collection, Map<String, Object> values) {

    public Record {
        values = values instanceof Values owned ? owned : new Values(new LinkedHashMap<>(values));
    }

    /**
     * A record over a map its caller built for it and hands over, without the copy the constructor
     * makes: reading a page of records copied every row's map once more for nothing.
     */
    static Record adopt(Collection collection, LinkedHashMap<String, Object> values) {
        return new Record(collection, new Values(values));
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
        LinkedHashMap<String, Object> copy = new LinkedHashMap<>(values);
        copy.put(field, value);
        return adopt(collection, copy);
    }

    /** The read-only values of one record, over a map no one else holds. */
    private static final class Values extends AbstractMap<String, Object> {
        private final Map<String, Object> view;

        Values(LinkedHashMap<String, Object> owned) {
            this.view = Collections.unmodifiableMap(owned);
        }

        @Override
        public Object get(Object key) {
            return view.get(key);
        }

        @Override
        public boolean containsKey(Object key) {
            return view.containsKey(key);
        }

        @Override
        public int size() {
            return view.size();
        }

        @Override
        public Set<Entry<String, Object>> entrySet() {
            return view.entrySet();
        }

        @Override
        public Set<String> keySet() {
            return view.keySet();
        }

        @Override
        public java.util.Collection<Object> values() {
            return view.values();
        }
    }
}
