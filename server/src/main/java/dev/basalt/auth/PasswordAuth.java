package dev.basalt.auth;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.lower;
import static org.jooq.impl.DSL.name;

import dev.basalt.collections.Collection;
import dev.basalt.collections.CollectionRegistry;
import dev.basalt.error.ApiException;
import dev.basalt.error.FieldError;
import dev.basalt.records.Record;
import dev.basalt.records.RecordRepository;
import dev.basalt.store.Database;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** {@code auth-with-password}: identity + password in, token out. */
public final class PasswordAuth {

    private final Database db;
    private final CollectionRegistry registry;
    private final Tokens tokens;
    private final PasswordHasher hasher;
    private final RecordRepository records = new RecordRepository();

    public PasswordAuth(Database db, CollectionRegistry registry, Tokens tokens, PasswordHasher hasher) {
        this.db = db;
        this.registry = registry;
        this.tokens = tokens;
        this.hasher = hasher;
    }

    public AuthResult authenticate(String collectionIdOrName, String identity, String password) {
        Collection c = registry.find(collectionIdOrName).filter(Collection::isAuth)
                .orElseThrow(() -> ApiException.notFound("Missing or invalid auth collection context."));
        Map<String, Object> errors = new LinkedHashMap<>();
        if (identity == null || identity.isEmpty()) {
            errors.put("identity", FieldError.required());
        } else if (identity.length() > 255) {
            errors.put("identity", new FieldError("validation_length_out_of_range", "The length must be between 1 and 255."));
        }
        if (password == null || password.isEmpty()) {
            errors.put("password", FieldError.required());
        } else if (password.length() > 255) {
            errors.put("password", new FieldError("validation_length_out_of_range", "The length must be between 1 and 255."));
        }
        if (!errors.isEmpty()) {
            throw ApiException.badRequest("An error occurred while validating the submitted data.", errors);
        }
        Optional<Record> found = db.read(dsl -> records.findFirst(dsl, c,
                lower(field(name(c.name(), "email"), String.class)).eq(identity.toLowerCase(java.util.Locale.ROOT))));
        // Compare against a dummy hash when no record matches, so both paths cost one bcrypt.
        String hash = found.map(r -> r.getString("password")).orElseGet(this::dummyHash);
        boolean ok = hasher.matches(password, hash) && found.isPresent();
        if (!ok) {
            throw ApiException.badRequest("Failed to authenticate.");
        }
        Record record = found.get();
        return new AuthResult(tokens.issueAuthToken(record), record);
    }

    private volatile String dummyHash;

    private String dummyHash() {
        String h = dummyHash;
        if (h == null) {
            h = hasher.hash(dev.basalt.collections.Ids.random(30), PasswordHasher.DEFAULT_COST);
            dummyHash = h;
        }
        return h;
    }
}
