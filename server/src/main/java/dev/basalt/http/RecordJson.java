package dev.basalt.http;

import dev.basalt.collections.fields.Field;
import dev.basalt.collections.fields.PasswordField;
import dev.basalt.records.Record;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A record as the wire shows it: {@code collectionId}, {@code collectionName}, then every field
 * the requester may see. Passwords and token keys never leave; hidden fields only for superusers.
 */
final class RecordJson {

    private RecordJson() {}

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
