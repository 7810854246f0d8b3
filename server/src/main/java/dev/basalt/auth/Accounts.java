package dev.basalt.auth;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.lower;
import static org.jooq.impl.DSL.name;

import dev.basalt.collections.Collection;
import dev.basalt.collections.CollectionRegistry;
import dev.basalt.collections.Ids;
import dev.basalt.collections.SystemCollections;
import dev.basalt.collections.Timestamps;
import dev.basalt.collections.fields.AutodateField;
import dev.basalt.collections.fields.Field;
import dev.basalt.collections.fields.PasswordField;
import dev.basalt.error.ApiException;
import dev.basalt.error.FieldError;
import dev.basalt.records.EmailFormat;
import dev.basalt.records.Record;
import dev.basalt.records.RecordRepository;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;

/**
 * What the account flows share: the auth collection of a route, lookups by email, password
 * changes (which always rotate the tokenKey) and writes that bypass the API rules, as the flows
 * are the server acting on a verified token or code.
 */
final class Accounts {

    static final String BAD_DATA = "An error occurred while validating the submitted data.";

    private final CollectionRegistry registry;
    private final PasswordHasher hasher;
    private final RecordRepository records = new RecordRepository();

    Accounts(CollectionRegistry registry, PasswordHasher hasher) {
        this.registry = registry;
        this.hasher = hasher;
    }

    /** The auth collection a route names; 404 for a missing or non-auth collection. */
    Collection authCollection(String idOrName) {
        return registry.find(idOrName).filter(Collection::isAuth)
                .orElseThrow(() -> ApiException.notFound("Missing or invalid auth collection context."));
    }

    Optional<Record> findByEmail(DSLContext dsl, Collection c, String email) {
        if (email.isEmpty()) {
            return Optional.empty();
        }
        return records.findFirst(dsl, c,
                lower(field(name(c.name(), "email"), String.class)).eq(email.toLowerCase(Locale.ROOT)));
    }

    Optional<Record> findById(DSLContext dsl, Collection c, String id) {
        return records.findById(dsl, c, id);
    }

    /** The record with a new password hash and a new tokenKey (every token it had dies). */
    Record withPassword(Record r, String password) {
        int cost = r.collection().field("password").map(f -> f instanceof PasswordField p ? p.cost() : 0).orElse(0);
        return r.with("password", hasher.hash(password, cost)).with("tokenKey", Ids.random(50));
    }

    /** A random password nobody knows (closes the password door of an account claimed by other means). */
    Record withRandomPassword(Record r) {
        return withPassword(r, Ids.random(30));
    }

    boolean passwordMatches(Record r, String password) {
        return hasher.matches(password, r.getString("password"));
    }

    /** Writes the record as it is, stamping its on-update autodate fields. */
    Record update(DSLContext dsl, Record r) {
        Record out = r;
        String now = Timestamps.now();
        for (Field f : r.collection().fields()) {
            if (f instanceof AutodateField a && a.onUpdate()) {
                out = out.with(a.name(), now);
            }
        }
        records.update(dsl, out);
        return out;
    }

    static boolean isSuperusers(Collection c) {
        return SystemCollections.SUPERUSERS.equals(c.name());
    }

    static boolean isEmail(String s) {
        return EmailFormat.isValid(s);
    }

    /** The email field error of a submitted address, if any. */
    static Optional<FieldError> emailError(String value) {
        if (value.isEmpty()) {
            return Optional.of(FieldError.required());
        }
        if (value.length() > 255 || !isEmail(value)) {
            return Optional.of(new FieldError("validation_is_email", "Must be a valid email address."));
        }
        return Optional.empty();
    }

    static void throwIfAny(Map<String, FieldError> errors) {
        if (!errors.isEmpty()) {
            throw ApiException.badRequest(BAD_DATA, errors);
        }
    }

    static FieldError invalidToken() {
        return new FieldError("validation_invalid_token", "Invalid or expired token.");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> option(Collection c, String key) {
        return c.options().get(key) instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    static boolean enabled(Collection c, String key) {
        return Boolean.TRUE.equals(option(c, key).get("enabled"));
    }
}
