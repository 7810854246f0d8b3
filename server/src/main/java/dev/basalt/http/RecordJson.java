package dev.basalt.http;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.basalt.collections.fields.AutodateField;
import dev.basalt.collections.fields.BoolField;
import dev.basalt.collections.fields.DateField;
import dev.basalt.collections.fields.EditorField;
import dev.basalt.collections.fields.EmailField;
import dev.basalt.collections.fields.Field;
import dev.basalt.collections.fields.FileField;
import dev.basalt.collections.fields.GeoPointField;
import dev.basalt.collections.fields.JsonField;
import dev.basalt.collections.fields.NumberField;
import dev.basalt.collections.fields.PasswordField;
import dev.basalt.collections.fields.RelationField;
import dev.basalt.collections.fields.SelectField;
import dev.basalt.collections.fields.TextField;
import dev.basalt.collections.fields.UrlField;
import dev.basalt.records.ExpandedRecord;
import dev.basalt.records.Record;
import dev.basalt.records.RequestInfo;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A record as the wire shows it to one requester: {@code collectionId}, {@code collectionName},
 * then every field the requester may see, then {@code expand} when expansion was requested.
 * Passwords and token keys never leave; hidden fields only for superusers; the {@code email} of an
 * auth record only when it is public, or the requester is a superuser, the record itself or one
 * that passes the collection's manageRule for it.
 */
final class RecordJson {

    static final String EMAIL = "email";
    static final String EMAIL_VISIBILITY = "emailVisibility";
    static final String TOKEN_KEY = "tokenKey";

    private RecordJson() {}

    /** The wire form of a record and its expansions as this requester may see them. */
    static Map<String, Object> of(ExpandedRecord expanded, RequestInfo viewer) {
        return of(expanded, viewer, record -> false);
    }

    /**
     * The wire form of a record and its expansions.
     *
     * @param manages whether the requester passes the manageRule of an auth record's collection for
     *                that record (the caller evaluates the rule, batched, before serialising)
     */
    static Map<String, Object> of(ExpandedRecord expanded, RequestInfo viewer, Predicate<Record> manages) {
        Map<String, Object> out = of(expanded.record(), viewer, manages);
        if (expanded.requested()) {
            Map<String, Object> expand = new LinkedHashMap<>();
            expanded.expand().forEach((key, value) -> expand.put(key, switch (value) {
                case ExpandedRecord one -> of(one, viewer, manages);
                case List<?> many -> many.stream().map(e -> of((ExpandedRecord) e, viewer, manages)).toList();
                default -> throw new IllegalStateException("unexpected expand value for " + key + ": " + value);
            }));
            out.put("expand", expand);
        }
        return out;
    }

    /** The wire form of a record (without expand) as this requester may see it. */
    static Map<String, Object> of(Record record, RequestInfo viewer) {
        return of(record, viewer, r -> false);
    }

    /**
     * The wire form of a record as a superuser ({@code true}) or as a guest ({@code false}) sees it.
     */
    static Map<String, Object> of(Record record, boolean superuser) {
        return of(record, superuser, r -> superuser);
    }

    private static Map<String, Object> of(Record record, RequestInfo viewer, Predicate<Record> manages) {
        boolean superuser = viewer.isSuperuser();
        Predicate<Record> emailVisible = r -> superuser || isSelf(r, viewer) || manages.test(r);
        return of(record, superuser, emailVisible);
    }

    private static Map<String, Object> of(Record record, boolean superuser, Predicate<Record> emailVisible) {
        Map<String, Object> out = LinkedHashMap.newLinkedHashMap(record.collection().fields().size() + 3);
        out.put("collectionId", record.collection().id());
        out.put("collectionName", record.collection().name());
        boolean auth = record.collection().isAuth();
        for (Field f : record.collection().fields()) {
            if (f instanceof PasswordField || (auth && f.name().equals(TOKEN_KEY))) {
                continue;
            }
            if (f.hidden() && !superuser) {
                continue;
            }
            if (auth && f.name().equals(EMAIL) && !Boolean.TRUE.equals(record.get(EMAIL_VISIBILITY))
                    && !emailVisible.test(record)) {
                continue;
            }
            Object value = record.get(f.name());
            out.put(f.name(), value == null ? emptyValue(f) : value);
        }
        return out;
    }

    private static boolean isSelf(Record record, RequestInfo viewer) {
        Record auth = viewer.auth();
        return auth != null
                && auth.collection().id().equals(record.collection().id())
                && auth.id().equals(record.id());
    }

    /** The value a field shows when it holds nothing. */
    static Object emptyValue(Field f) {
        if (f.isMultiple()) {
            return List.of();
        }
        return switch (f) {
            case NumberField n -> 0d;
            case BoolField b -> false;
            case JsonField j -> NullNode.getInstance();
            case GeoPointField g -> geoPointZero();
            case TextField t -> "";
            case EditorField e -> "";
            case EmailField e -> "";
            case UrlField u -> "";
            case DateField d -> "";
            case AutodateField a -> "";
            case SelectField s -> "";
            case RelationField r -> "";
            case FileField file -> "";
            case PasswordField p -> "";
        };
    }

    private static ObjectNode geoPointZero() {
        ObjectNode point = JsonNodeFactory.instance.objectNode();
        point.put("lon", 0);
        point.put("lat", 0);
        return point;
    }
}
