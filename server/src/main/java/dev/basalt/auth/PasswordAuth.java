package dev.basalt.auth;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;

import dev.basalt.collections.Collection;
import dev.basalt.collections.Ids;
import dev.basalt.collections.Index;
import dev.basalt.error.ApiException;
import dev.basalt.error.FieldError;
import dev.basalt.records.Record;
import dev.basalt.records.RecordRepository;
import dev.basalt.records.RequestInfo;
import dev.basalt.store.Database;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jooq.Condition;

/**
 * {@code auth-with-password}: identity + password in; the record found by one of the collection's
 * {@code passwordAuth.identityFields} goes on to {@link AuthFlow#complete}.
 */
public final class PasswordAuth {

    private static final String EMAIL_FIELD = "email";
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+$");

    private final Database db;
    private final AuthFlow flow;
    private final PasswordHasher hasher;
    private final RecordRepository records = new RecordRepository();
    // The hash checked when no record matches, so that an unknown identity costs one bcrypt like a
    // wrong password does. Made once, lazily (a startup without logins needs no bcrypt).
    private volatile String dummyHash;

    public PasswordAuth(Database db, AuthFlow flow, PasswordHasher hasher) {
        this.db = db;
        this.flow = flow;
        this.hasher = hasher;
    }

    /** The submitted form of auth-with-password; {@code identityField} and {@code mfaId} may be {@code ""}. */
    public record Attempt(String identity, String password, String identityField, String mfaId) {}

    /**
     * Authenticates with a password.
     *
     * @param request the request; its context becomes {@code "password"}
     * @throws ApiException 404 for a missing or non-auth collection, 403 when password auth is
     *                      disabled, 400 for invalid input or wrong credentials ({@code data:{}})
     */
    public AuthOutcome authenticate(String collectionIdOrName, Attempt attempt, RequestInfo request) {
        Collection c = flow.authCollection(collectionIdOrName);
        Map<String, Object> options = passwordOptions(c);
        if (!Boolean.TRUE.equals(options.get("enabled"))) {
            throw ApiException.forbidden("The collection is not configured to allow password authentication.");
        }
        List<String> identityFields = identityFields(options);
        validate(attempt, identityFields);
        Optional<Record> found = attempt.identityField().isEmpty()
                ? findByAnyIdentity(c, identityFields, attempt.identity())
                : find(c, attempt.identityField(), attempt.identity());
        String hash = found.map(r -> r.getString("password")).filter(h -> !h.isEmpty()).orElseGet(this::dummyHash);
        if (!hasher.matches(attempt.password(), hash) || found.isEmpty()) {
            throw ApiException.badRequest("Failed to authenticate.");
        }
        return flow.complete(found.get(), AuthFlow.METHOD_PASSWORD, attempt.mfaId(), request.withContext(AuthFlow.METHOD_PASSWORD));
    }

    // PocketBase compat: an identity that looks like an email is looked up by email first; one that
    // does not is never looked up by email; then the identity fields in their configured order.
    private Optional<Record> findByAnyIdentity(Collection c, List<String> identityFields, String identity) {
        boolean isEmail = EMAIL.matcher(identity).matches();
        if (isEmail && identityFields.contains(EMAIL_FIELD)) {
            Optional<Record> byEmail = find(c, EMAIL_FIELD, identity);
            if (byEmail.isPresent()) {
                return byEmail;
            }
        }
        for (String fieldName : identityFields) {
            if (fieldName.equals(EMAIL_FIELD)) {
                continue;
            }
            Optional<Record> found = find(c, fieldName, identity);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    private static void validate(Attempt attempt, List<String> identityFields) {
        Map<String, Object> errors = new LinkedHashMap<>();
        lengthError(attempt.identity()).ifPresent(e -> errors.put("identity", e));
        lengthError(attempt.password()).ifPresent(e -> errors.put("password", e));
        if (!attempt.identityField().isEmpty() && !identityFields.contains(attempt.identityField())) {
            errors.put("identityField", new FieldError("validation_in_invalid", "Must be a valid value."));
        }
        if (!errors.isEmpty()) {
            throw ApiException.badRequest("An error occurred while validating the submitted data.", errors);
        }
    }

    private static Optional<FieldError> lengthError(String value) {
        if (value.isEmpty()) {
            return Optional.of(FieldError.required());
        }
        if (value.length() > 255) {
            return Optional.of(new FieldError("validation_length_out_of_range", "The length must be between 1 and 255."));
        }
        return Optional.empty();
    }

    /**
     * The record whose identity field holds the value. The field must have a single-column unique
     * index; the comparison ignores case when that index column is {@code COLLATE NOCASE}.
     */
    private Optional<Record> find(Collection c, String fieldName, String identity) {
        if (c.field(fieldName).isEmpty()) {
            return Optional.empty();
        }
        Optional<Index.Column> column = uniqueColumn(c, fieldName);
        if (column.isEmpty()) {
            return Optional.empty();
        }
        org.jooq.Field<String> f = field(name(c.name(), fieldName), String.class);
        Condition where = column.get().collate().equalsIgnoreCase("NOCASE")
                ? db.dialect().equalsIgnoreCase(f, identity)
                : f.eq(identity);
        return db.read(dsl -> records.findFirst(dsl, c, where));
    }

    private static Optional<Index.Column> uniqueColumn(Collection c, String fieldName) {
        return c.indexes().stream()
                .map(Index::parse)
                .flatMap(Optional::stream)
                .filter(i -> i.unique() && i.columns().size() == 1 && i.columns().getFirst().name().equalsIgnoreCase(fieldName))
                .map(i -> i.columns().getFirst())
                .findFirst();
    }

    private String dummyHash() {
        String h = dummyHash;
        if (h == null) {
            h = hasher.hash(Ids.random(30), PasswordHasher.DEFAULT_COST);
            dummyHash = h;
        }
        return h;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> passwordOptions(Collection c) {
        return c.options().get("passwordAuth") instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    static List<String> identityFields(Map<String, Object> passwordOptions) {
        return passwordOptions.get("identityFields") instanceof List<?> l
                ? l.stream().map(String::valueOf).toList()
                : List.of();
    }
}
