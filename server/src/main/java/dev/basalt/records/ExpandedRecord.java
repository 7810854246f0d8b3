package dev.basalt.records;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A record with the relations a request asked to expand. Each value of {@code expand} is an
 * {@code ExpandedRecord} (single relation, or a back-relation with a unique index) or a
 * {@code List<ExpandedRecord>}. An empty map means nothing was expanded; {@code requested}
 * tells whether the request asked for expansion at all (the wire then carries {@code "expand"}).
 */
public record ExpandedRecord(Record record, Map<String, Object> expand, boolean requested) {

    public ExpandedRecord {
        expand = Collections.unmodifiableMap(new LinkedHashMap<>(expand));
    }

    public static ExpandedRecord plain(Record record) {
        return new ExpandedRecord(record, Map.of(), false);
    }
}
