package dev.basalt.records;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.lower;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.selectOne;

import com.fasterxml.jackson.databind.JsonNode;
import dev.basalt.collections.Collection;
import dev.basalt.collections.CollectionRegistry;
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
import dev.basalt.error.FieldError;
import dev.basalt.files.FileUpload;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.jooq.Condition;
import org.jooq.DSLContext;

/**
 * Checks a record's values against its collection's fields, as PocketBase's field validators do,
 * and collects every failure: one {@link FieldError} per field, keyed by field name.
 */
final class RecordValidator {

    static final int TEXT_MAX_DEFAULT = 5000;
    static final long EDITOR_MAX_DEFAULT = 5L << 20;
    static final long JSON_MAX_DEFAULT = 1L << 20;
    static final int PASSWORD_MAX_DEFAULT = 71;
    private static final int BCRYPT_MAX_BYTES = 72;

    // Characters that could escape a directory or break a URL when an id is used as a path part.
    private static final String FORBIDDEN_ID_CHARS = "./\\|\"'`<>:?*%$ \t\r\n\0";
    private static final Pattern RESERVED_ID = Pattern.compile("(?i)^(con|prn|aux|nul|com[1-9]|lpt[1-9])$");
    private static final String LOWERCASE_ID_PATTERN = "^[a-z0-9]+$";
    private static final Set<String> EMPTY_JSON = Set.of("null", "\"\"", "[]", "{}", "");

    private final CollectionRegistry registry;
    private final Map<String, Optional<Pattern>> patterns = new ConcurrentHashMap<>();

    RecordValidator(CollectionRegistry registry) {
        this.registry = registry;
    }

    /**
     * @param stored the record before an update, or empty for a create
     * @return the failures by field name; empty when the record is valid
     */
    Map<String, FieldError> validate(DSLContext dsl, Record record, Optional<Record> stored) {
        return validate(dsl, record, stored, Map.of());
    }

    /**
     * @param plainPasswords the new plain values of password fields, by field name (the record
     *                       still holds the stored hashes; only new values are checked for length
     *                       and pattern)
     */
    Map<String, FieldError> validate(DSLContext dsl, Record record, Optional<Record> stored,
            Map<String, String> plainPasswords) {
        return validate(dsl, record, stored, plainPasswords, Map.of());
    }

    /**
     * @param uploads the files this write uploads, by the name they are stored under (their names
     *                are in the record's file fields)
     */
    Map<String, FieldError> validate(DSLContext dsl, Record record, Optional<Record> stored,
            Map<String, String> plainPasswords, Map<String, FileUpload> uploads) {
        return validate(dsl, record, stored, plainPasswords, uploads, false);
    }

    /**
     * @param generatedId whether the server generated the record's id: 15 random characters of
     *                    {@code [a-z0-9]} do not collide in practice, so it is not looked up (the
     *                    primary key constraint still refuses a collision, as a unique violation)
     */
    Map<String, FieldError> validate(DSLContext dsl, Record record, Optional<Record> stored,
            Map<String, String> plainPasswords, Map<String, FileUpload> uploads, boolean generatedId) {
        Map<String, FieldError> errors = new LinkedHashMap<>();
        for (Field f : record.collection().fields()) {
            Optional<FieldError> error = f instanceof PasswordField p && plainPasswords.containsKey(p.name())
                    ? password(p, plainPasswords.get(p.name()))
                    : f instanceof FileField x ? file(x, record, stored, uploads)
                    : f instanceof TextField t && t.primaryKey() ? primaryKey(dsl, t, record, stored, generatedId)
                    : check(dsl, f, record, stored);
            error.ifPresent(e -> errors.put(f.name(), e));
        }
        return errors;
    }

    private Optional<FieldError> check(DSLContext dsl, Field f, Record record, Optional<Record> stored) {
        Object value = record.get(f.name());
        return switch (f) {
            case TextField t when t.primaryKey() -> primaryKey(dsl, t, record, stored, false);
            case TextField t -> text(t, (String) value);
            case EditorField e -> editor(e, (String) value);
            case NumberField n -> number(n, (Double) value);
            case BoolField b -> b.required() && !((Boolean) value) ? required() : none();
            case EmailField e -> email(e, (String) value);
            case UrlField u -> url(u, (String) value);
            case DateField d -> date(d, (String) value);
            case AutodateField a -> none();
            case SelectField s -> select(s, FieldValues.uniqueStrings(value));
            case RelationField r -> relation(dsl, r, FieldValues.uniqueStrings(value));
            case FileField x -> file(x, record, stored, Map.of());
            case JsonField j -> json(j, (JsonNode) value);
            case GeoPointField g -> geoPoint(g, (JsonNode) value);
            case PasswordField p -> p.required() && ((String) value).isEmpty() ? required() : none();
        };
    }

    private static Optional<FieldError> file(FileField f, Record record, Optional<Record> stored,
            Map<String, FileUpload> uploads) {
        List<String> before = stored.map(r -> FieldValues.uniqueStrings(r.get(f.name()))).orElse(List.of());
        return FileValidator.check(f, FieldValues.uniqueStrings(record.get(f.name())), before, uploads);
    }

    private Optional<FieldError> primaryKey(DSLContext dsl, TextField f, Record record, Optional<Record> stored,
            boolean generated) {
        String id = record.id();
        if (stored.isPresent()) {
            return id.equals(stored.get().id()) ? none()
                    : error("validation_pk_change", "The record primary key cannot be changed.");
        }
        for (char c : id.toCharArray()) {
            if (FORBIDDEN_ID_CHARS.indexOf(c) >= 0) {
                return Optional.of(new FieldError("validation_pk_forbidden",
                        "The record primary key contains forbidden characters.", Map.of("forbidden", String.valueOf(c))));
            }
        }
        if (RESERVED_ID.matcher(id).matches()) {
            return error("validation_pk_forbidden", "The record primary key is a reserved name.");
        }
        Optional<FieldError> plain = text(f, id);
        if (plain.isPresent() || generated) {
            return plain;
        }
        // Ids name directories on case-insensitive file systems too, so a pattern that allows
        // upper case is checked without case; the default lower-case pattern can use the index.
        Collection c = record.collection();
        org.jooq.Field<String> column = field(name(c.name(), "id"), String.class);
        Condition sameId = f.pattern().equals(LOWERCASE_ID_PATTERN) ? column.eq(id)
                : lower(column).eq(id.toLowerCase(Locale.ROOT));
        boolean taken = dsl.fetchExists(selectOne().from(RecordRepository.table(c)).where(sameId));
        if (taken) {
            return error("validation_pk_invalid", "The record primary key is invalid or already exists.");
        }
        return c.isAuth() ? authId(dsl, c, id) : none();
    }

    // A token names its record by collection and id, but other lookups (auth origins, external
    // auths, MFA sessions) go by id alone, so an auth id is unique across all auth collections.
    private Optional<FieldError> authId(DSLContext dsl, Collection c, String id) {
        for (Collection other : registry.all()) {
            if (other.isAuth() && !other.id().equals(c.id())
                    && dsl.fetchExists(selectOne().from(RecordRepository.table(other))
                            .where(field(name(other.name(), "id"), String.class).eq(id)))) {
                return error("validation_invalid_auth_id", "Invalid or duplicated auth record id.");
            }
        }
        return none();
    }

    /**
     * A new plain password: length in characters between min and max (0 means bcrypt's limit of
     * 71), within bcrypt's 72 bytes, and the pattern. An empty plain value is no new value.
     */
    private Optional<FieldError> password(PasswordField f, String plain) {
        if (plain.isEmpty()) {
            return f.required() ? required() : none();
        }
        int length = plain.codePointCount(0, plain.length());
        if (length < f.min()) {
            return Optional.of(new FieldError("validation_min_text_constraint",
                    "Must be at least " + f.min() + " character(s).", Map.of("min", f.min())));
        }
        int max = f.max() <= 0 ? PASSWORD_MAX_DEFAULT : f.max();
        if (length > max || plain.getBytes(StandardCharsets.UTF_8).length > BCRYPT_MAX_BYTES) {
            return Optional.of(new FieldError("validation_max_text_constraint",
                    "Must be no more than " + max + " character(s).", Map.of("max", max)));
        }
        if (!f.pattern().isEmpty() && !matches(f.pattern(), plain)) {
            return error("validation_invalid_format", "Invalid value format.");
        }
        return none();
    }

    Optional<FieldError> text(TextField f, String value) {
        if ((f.required() || f.primaryKey()) && value.isEmpty()) {
            return required();
        }
        if (value.isEmpty()) {
            return none();
        }
        int length = value.codePointCount(0, value.length());
        if (f.min() > 0 && length < f.min()) {
            return Optional.of(new FieldError("validation_min_text_constraint",
                    "Must be at least " + f.min() + " character(s).", Map.of("min", f.min())));
        }
        int max = f.max() == 0 ? TEXT_MAX_DEFAULT : f.max();
        if (max > 0 && length > max) {
            return Optional.of(new FieldError("validation_max_text_constraint",
                    "Must be no more than " + max + " character(s).", Map.of("max", max)));
        }
        if (!f.pattern().isEmpty() && !matches(f.pattern(), value)) {
            return error("validation_invalid_format", "Invalid value format.");
        }
        return none();
    }

    private Optional<FieldError> editor(EditorField f, String value) {
        if (f.required() && value.isEmpty()) {
            return required();
        }
        long max = f.maxSize() <= 0 ? EDITOR_MAX_DEFAULT : f.maxSize();
        if (value.getBytes(StandardCharsets.UTF_8).length > max) {
            return Optional.of(new FieldError("validation_content_size_limit",
                    "The maximum allowed content size is " + max + " bytes.", Map.of("maxSize", max)));
        }
        return none();
    }

    private Optional<FieldError> number(NumberField f, double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return error("validation_not_a_number", "The submitted number is not properly formatted.");
        }
        // PocketBase compat: 0 is the empty number, so it skips the bounds.
        if (value == 0) {
            return f.required() ? required() : none();
        }
        if (f.onlyInt() && value != Math.rint(value)) {
            return error("validation_only_int_constraint", "Decimal numbers are not allowed.");
        }
        if (f.min() != null && value < f.min()) {
            return Optional.of(new FieldError("validation_min_number_constraint",
                    "Must be larger than " + plain(f.min()) + ".", Map.of("min", f.min())));
        }
        if (f.max() != null && value > f.max()) {
            return Optional.of(new FieldError("validation_max_number_constraint",
                    "Must be less than " + plain(f.max()) + ".", Map.of("max", f.max())));
        }
        return none();
    }

    private Optional<FieldError> email(EmailField f, String value) {
        if (value.isEmpty()) {
            return f.required() ? required() : none();
        }
        if (!EmailFormat.isValid(value)) {
            return error("validation_is_email", "Must be a valid email address.");
        }
        String domain = value.substring(value.lastIndexOf('@') + 1);
        if (!allowed(domain, f.onlyDomains(), f.exceptDomains())) {
            return error("validation_email_domain_not_allowed", "Email domain is not allowed.");
        }
        return none();
    }

    private Optional<FieldError> url(UrlField f, String value) {
        if (value.isEmpty()) {
            return f.required() ? required() : none();
        }
        Optional<String> host = host(value);
        if (host.isEmpty()) {
            return error("validation_invalid_url", "Must be a valid url.");
        }
        if (!allowed(host.get(), f.onlyDomains(), f.exceptDomains())) {
            return error("validation_url_domain_not_allowed", "Url domain is not allowed.");
        }
        return none();
    }

    /** The host (with port) of a URL, {@code ""} for a scheme-less one, empty when it is no URL. */
    private static Optional<String> host(String value) {
        if (value.chars().anyMatch(Character::isWhitespace)) {
            return Optional.empty();
        }
        try {
            boolean hasScheme = value.matches("^[a-zA-Z][a-zA-Z0-9+.-]*://.*");
            // PocketBase compat: "example.com/x" is a valid url whose host is empty (Go's url.Parse).
            URI uri = new URI(hasScheme ? value : "http://" + value);
            if (uri.getHost() == null || !uri.getHost().contains(".") && !uri.getHost().equals("localhost")) {
                return Optional.empty();
            }
            if (!hasScheme) {
                return Optional.of("");
            }
            return Optional.of(uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort());
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    private Optional<FieldError> date(DateField f, String value) {
        if (value.isEmpty()) {
            return f.required() ? required() : none();
        }
        Instant at = FieldValues.parseDate(value).orElse(null);
        if (at == null) {
            return none();
        }
        Optional<Instant> min = FieldValues.parseDate(f.min());
        if (min.isPresent() && at.isBefore(min.get())) {
            return Optional.of(new FieldError("validation_min_greater_equal_than_required",
                    "Must be no less than " + f.min() + ".", Map.of("threshold", f.min())));
        }
        Optional<Instant> max = FieldValues.parseDate(f.max());
        if (max.isPresent() && at.isAfter(max.get())) {
            return Optional.of(new FieldError("validation_max_less_equal_than_required",
                    "Must be no greater than " + f.max() + ".", Map.of("threshold", f.max())));
        }
        return none();
    }

    private Optional<FieldError> select(SelectField f, List<String> values) {
        if (values.isEmpty()) {
            return f.required() ? required() : none();
        }
        int max = Math.max(f.maxSelect(), 1);
        if (values.size() > max) {
            return tooMany(max);
        }
        for (String v : values) {
            if (!f.values().contains(v)) {
                return Optional.of(new FieldError("validation_invalid_value", "Invalid value " + v + ".", Map.of("value", v)));
            }
        }
        return none();
    }

    private Optional<FieldError> relation(DSLContext dsl, RelationField f, List<String> ids) {
        if (ids.isEmpty()) {
            return f.required() ? required() : none();
        }
        if (f.minSelect() > 0 && ids.size() < f.minSelect()) {
            return Optional.of(new FieldError("validation_not_enough_values",
                    "Select at least " + f.minSelect() + ".", Map.of("minSelect", f.minSelect())));
        }
        int max = Math.max(f.maxSelect(), 1);
        if (ids.size() > max) {
            return tooMany(max);
        }
        Optional<Collection> target = registry.find(f.collectionId());
        if (target.isEmpty()) {
            return error("validation_missing_rel_collection", "Relation connection is missing or cannot be accessed.");
        }
        Collection t = target.get();
        long found = RecordRepository.countIds(dsl, t, ids);
        return found == ids.size() ? none()
                : error("validation_missing_rel_records", "Failed to find all relation records with the provided ids.");
    }

    private Optional<FieldError> json(JsonField f, JsonNode value) {
        String raw = value.isNull() ? "null" : value.toString();
        long max = f.maxSize() <= 0 ? JSON_MAX_DEFAULT : f.maxSize();
        if (raw.getBytes(StandardCharsets.UTF_8).length > max) {
            return Optional.of(new FieldError("validation_json_size_limit",
                    "The maximum allowed JSON size is " + max + " bytes.", Map.of("maxSize", max)));
        }
        if (f.required() && EMPTY_JSON.contains(raw.strip())) {
            return required();
        }
        return none();
    }

    private Optional<FieldError> geoPoint(GeoPointField f, JsonNode value) {
        if (!value.isObject() || !value.path("lon").isNumber() || !value.path("lat").isNumber()) {
            return error("validation_invalid_value", "Must be an object with numeric lon and lat.");
        }
        double lon = value.get("lon").asDouble();
        double lat = value.get("lat").asDouble();
        if (lat < -90 || lat > 90) {
            return error("validation_invalid_value", "Latitude must be between -90 and 90 degrees.");
        }
        if (lon < -180 || lon > 180) {
            return error("validation_invalid_value", "Longitude must be between -180 and 180 degrees.");
        }
        return f.required() && lon == 0 && lat == 0 ? required() : none();
    }

    private boolean matches(String regex, String value) {
        Optional<Pattern> p = patterns.computeIfAbsent(regex, r -> {
            try {
                return Optional.of(Pattern.compile(r));
            } catch (PatternSyntaxException e) {
                return Optional.empty();
            }
        });
        // Go's MatchString looks for a match anywhere in the value, as find() does.
        return p.map(pattern -> pattern.matcher(value).find()).orElse(false);
    }

    private static boolean allowed(String domain, List<String> only, List<String> except) {
        if (!only.isEmpty() && !only.contains(domain)) {
            return false;
        }
        return except.isEmpty() || !except.contains(domain);
    }

    private static String plain(double d) {
        return FieldValues.text(d);
    }

    private static Optional<FieldError> tooMany(int max) {
        return Optional.of(new FieldError("validation_too_many_values",
                "Select no more than " + max + ".", Map.of("maxSelect", max)));
    }

    private static Optional<FieldError> required() {
        return Optional.of(FieldError.required());
    }

    private static Optional<FieldError> error(String code, String message) {
        return Optional.of(new FieldError(code, message));
    }

    private static Optional<FieldError> none() {
        return Optional.empty();
    }
}
