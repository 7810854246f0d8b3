package dev.basalt.auth;

import dev.basalt.collections.Collection;
import dev.basalt.collections.CollectionRegistry;
import dev.basalt.error.ApiException;
import dev.basalt.error.FieldError;
import dev.basalt.records.Record;
import dev.basalt.store.Database;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** {@code request-verification} and {@code confirm-verification}. */
public final class Verification {

    static final String SUPERUSERS_VERIFIED = "All superusers are verified by default.";

    private final Database db;
    private final Accounts accounts;
    private final Tokens tokens;
    private final SystemMails mails;

    public Verification(Database db, CollectionRegistry registry, PasswordHasher hasher, Tokens tokens,
            SystemMails mails) {
        this.db = db;
        this.accounts = new Accounts(registry, hasher);
        this.tokens = tokens;
        this.mails = mails;
    }

    /**
     * Emails a verification link to the record with that address, if there is one and it is not
     * verified yet. Answers the same in every case: nothing tells whether the address exists.
     */
    public void request(String collection, String email) {
        Collection c = collection(collection);
        Map<String, FieldError> errors = new LinkedHashMap<>();
        Accounts.emailError(email).ifPresent(e -> errors.put("email", e));
        Accounts.throwIfAny(errors);
        Optional<Record> record = db.read(dsl -> accounts.findByEmail(dsl, c, email));
        record.filter(r -> !Boolean.TRUE.equals(r.get("verified")))
                .ifPresent(r -> mails.sendVerification(r, tokens.issueVerificationToken(r)));
    }

    /** Marks the token's record verified (and, without password auth, closes the password door). */
    public void confirm(String collection, String token) {
        Collection c = collection(collection);
        if (token.isEmpty()) {
            Accounts.throwIfAny(Map.of("token", FieldError.required()));
        }
        VerifiedToken v = tokens.verify(token, TokenType.VERIFICATION)
                .filter(t -> t.record().collection().id().equals(c.id()))
                .filter(t -> t.email().equalsIgnoreCase(t.record().getString("email")))
                .orElseThrow(() -> ApiException.badRequest(Accounts.BAD_DATA, Map.of("token", Accounts.invalidToken())));
        if (Boolean.TRUE.equals(v.record().get("verified"))) {
            return;
        }
        db.transaction(tx -> {
            Record r = accounts.findById(tx.dsl(), c, v.record().id()).orElseThrow(ApiException::notFound);
            Record verified = r.with("verified", true);
            // PocketBase compat: an account that cannot log in with a password gets one nobody knows,
            // so a password set by whoever registered the address first stops working.
            if (!Accounts.enabled(c, "passwordAuth")) {
                verified = accounts.withRandomPassword(verified);
            }
            accounts.update(tx.dsl(), verified);
        });
    }

    private Collection collection(String idOrName) {
        Collection c = accounts.authCollection(idOrName);
        if (Accounts.isSuperusers(c)) {
            throw ApiException.badRequest(SUPERUSERS_VERIFIED);
        }
        return c;
    }
}
