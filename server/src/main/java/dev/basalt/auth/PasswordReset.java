package dev.basalt.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.basalt.collections.Collection;
import dev.basalt.collections.CollectionRegistry;
import dev.basalt.collections.fields.PasswordField;
import dev.basalt.error.ApiException;
import dev.basalt.error.FieldError;
import dev.basalt.records.Record;
import dev.basalt.store.Database;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** {@code request-password-reset} and {@code confirm-password-reset}. */
public final class PasswordReset {

    /** A second reset mail for the same record within this window is silently skipped. */
    static final Duration RESEND_WINDOW = Duration.ofMinutes(2);
    static final String PASSWORD_AUTH_DISABLED = "The collection is not configured to allow password authentication.";
    // bcrypt reads at most 72 bytes; PocketBase caps passwords at 71 characters.
    private static final int MAX_PASSWORD = 71;

    private final Database db;
    private final Accounts accounts;
    private final Tokens tokens;
    private final SystemMails mails;
    // Per node: in a cluster a user may get one reset mail per node within the window; harmless.
    private final Cache<String, Boolean> recentlySent = Caffeine.newBuilder().expireAfterWrite(RESEND_WINDOW).build();

    public PasswordReset(Database db, CollectionRegistry registry, PasswordHasher hasher, Tokens tokens,
            SystemMails mails) {
        this.db = db;
        this.accounts = new Accounts(registry, hasher);
        this.tokens = tokens;
        this.mails = mails;
    }

    /**
     * Emails a reset link to the record with that address, unless one went out less than two
     * minutes ago. Answers the same whether or not the address exists.
     */
    public void request(String collection, String email) {
        Collection c = collection(collection);
        Map<String, FieldError> errors = new LinkedHashMap<>();
        Accounts.emailError(email).ifPresent(e -> errors.put("email", e));
        Accounts.throwIfAny(errors);
        Optional<Record> record = db.read(dsl -> accounts.findByEmail(dsl, c, email));
        record.ifPresent(r -> {
            if (recentlySent.asMap().putIfAbsent(c.id() + "/" + r.id(), Boolean.TRUE) == null) {
                mails.sendPasswordReset(r, tokens.issuePasswordResetToken(r));
            }
        });
    }

    /**
     * Sets the new password (a new tokenKey: every token of the record dies) and marks the record
     * verified when the link went to its current address.
     */
    public void confirm(String collection, String token, String password, String passwordConfirm) {
        Collection c = collection(collection);
        Map<String, FieldError> errors = new LinkedHashMap<>();
        if (token.isEmpty()) {
            errors.put("token", FieldError.required());
        }
        passwordError(c, password).ifPresent(e -> errors.put("password", e));
        if (passwordConfirm.isEmpty()) {
            errors.put("passwordConfirm", FieldError.required());
        } else if (!passwordConfirm.equals(password)) {
            errors.put("passwordConfirm", new FieldError("validation_values_mismatch", "Values don't match."));
        }
        Accounts.throwIfAny(errors);
        VerifiedToken v = tokens.verify(token, TokenType.PASSWORD_RESET)
                .filter(t -> t.record().collection().id().equals(c.id()))
                .orElseThrow(() -> ApiException.badRequest(Accounts.BAD_DATA, Map.of("token", Accounts.invalidToken())));
        Record changed = accounts.withPassword(v.record(), password);
        db.transaction(tx -> {
            Record r = accounts.findById(tx.dsl(), c, v.record().id()).orElseThrow(ApiException::notFound);
            Record updated = r.with("password", changed.get("password")).with("tokenKey", changed.get("tokenKey"));
            if (v.email().equalsIgnoreCase(r.getString("email"))) {
                updated = updated.with("verified", true);
            }
            accounts.update(tx.dsl(), updated);
        });
    }

    private static Optional<FieldError> passwordError(Collection c, String password) {
        if (password.isEmpty()) {
            return Optional.of(FieldError.required());
        }
        int min = c.field("password").map(f -> f instanceof PasswordField p ? p.min() : 0).orElse(0);
        int max = c.field("password").map(f -> f instanceof PasswordField p && p.max() > 0 ? p.max() : MAX_PASSWORD)
                .orElse(MAX_PASSWORD);
        min = Math.max(min, 1);
        int length = password.codePointCount(0, password.length());
        if (length < min || length > max) {
            return Optional.of(new FieldError("validation_length_out_of_range",
                    "The length must be between " + min + " and " + max + "."));
        }
        return Optional.empty();
    }

    private Collection collection(String idOrName) {
        Collection c = accounts.authCollection(idOrName);
        if (!Accounts.enabled(c, "passwordAuth")) {
            throw ApiException.badRequest(PASSWORD_AUTH_DISABLED);
        }
        return c;
    }
}
