package dev.basalt.http;

import dev.basalt.collections.fields.Field;
import dev.basalt.collections.fields.PasswordField;
import dev.basalt.records.ExpandedRecord;
import dev.basalt.records.Record;
import dev.basalt.records.RequestInfo;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A record as the wire shows it: {@code collectionId}, {@code collectionName}, then every field
 * the requester may see. Passwords and token keys never leave; hidden fields only for superusers.
 */
final class RecordJson {

    private RecordJson() {}

    /** The wire form of a record (and its expansions) as this requester may see it. */
    static Map<String, Object> of(ExpandedRecord expanded, RequestInfo viewer) {
        Map<String, Object> out = of(expanded.record(), viewer.isSuperuser());
        if (expanded.requested()) {
            Map<String, Object> expand = new LinkedHashMap<>();
            expanded.expand().forEach((k, v) -> expand.put(k, v instanceof ExpandedRecord e ? of(e, viewer)
                    : ((java.util.List<?>) v).stream().map(e -> of((ExpandedRecord) e, viewer)).toList()));
            out.put("expand", expand);
        }
        return out;
    }

    static Map<String, Object> of(Record record, boolean superuser) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("collectionId", record.collection().id());
        out.put("collectionName", record.collection().name());
        for (Field f : record.collection().fields()) {
            if (f instanceof PasswordField || f.name().equals("tokenKey")) {
                continue;
            }
            if (f.hidden() && !superuser) {
                continue;
            }
            out.put(f.name(), record.get(f.name()));
        }
        return out;
    }
}
