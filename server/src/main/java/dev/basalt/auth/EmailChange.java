package dev.basalt.auth;

import dev.basalt.collections.Collection;
import dev.basalt.collections.CollectionRegistry;
import dev.basalt.collections.Ids;
import dev.basalt.error.ApiException;
import dev.basalt.error.FieldError;
import dev.basalt.records.Record;
import dev.basalt.store.Database;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code request-email-change} (authenticated) and {@code confirm-email-change}. */
public final class EmailChange {

    static final String SUPERUSERS_REFUSED = "Superusers cannot change their email with this flow.";
    private static final FieldError INVALID_NEW_EMAIL = new FieldError("validation_invalid_new_email", "Invalid new email address.");

    private final Database db;
    private final Accounts accounts;
    private final Tokens tokens;
    private final SystemMails mails;

    public EmailChange(Database db, CollectionRegistry registry, PasswordHasher hasher, Tokens tokens,
            SystemMails mails) {
        this.db = db;
        this.accounts = new Accounts(registry, hasher);
        this.tokens = tokens;
        this.mails = mails;
    }

    /**
     * Emails a confirmation link to the new address of the authenticated record.
     *
     * @param auth the authenticated record, or null for a guest (401)
     */
    public void request(String collection, Record auth, String newEmail) {
        Collection c = accounts.authCollection(collection);
        if (auth == null) {
            throw ApiException.unauthorized("The request requires valid record authorization token.");
        }
        if (!auth.collection().id().equals(c.id())) {
            throw ApiException.forbidden("The authorized record is not allowed to perform this action.");
        }
        if (Accounts.isSuperusers(c)) {
            throw ApiException.badRequest(SUPERUSERS_REFUSED);
        }
        Map<String, FieldError> errors = new LinkedHashMap<>();
        Accounts.emailError(newEmail).ifPresent(e -> errors.put("newEmail", e));
        Accounts.throwIfAny(errors);
        if (db.read(dsl -> accounts.findByEmail(dsl, c, newEmail)).isPresent()) {
            Accounts.throwIfAny(Map.of("newEmail", INVALID_NEW_EMAIL));
        }
        mails.sendEmailChange(auth, newEmail, tokens.issueEmailChangeToken(auth, newEmail));
    }

    /**
     * Moves the record to the token's new address once its current password is confirmed; the
     * address counts as verified (the link reached it) and the tokenKey rotates.
     */
    public void confirm(String collection, String token, String password) {
        Collection c = accounts.authCollection(collection);
        if (Accounts.isSuperusers(c)) {
            throw ApiException.badRequest(SUPERUSERS_REFUSED);
        }
        Map<String, FieldError> errors = new LinkedHashMap<>();
        if (token.isEmpty()) {
            errors.put("token", FieldError.required());
        }
        if (password.isEmpty()) {
            errors.put("password", FieldError.required());
        }
        Accounts.throwIfAny(errors);
        VerifiedToken v = tokens.verify(token, TokenType.EMAIL_CHANGE)
                .filter(t -> t.record().collection().id().equals(c.id()))
                .filter(t -> t.email().equalsIgnoreCase(t.record().getString("email")) && Accounts.isEmail(t.newEmail()))
                .orElseThrow(() -> ApiException.badRequest(Accounts.BAD_DATA, Map.of("token", Accounts.invalidToken())));
        if (!accounts.passwordMatches(v.record(), password)) {
            Accounts.throwIfAny(Map.of("password",
                    new FieldError("validation_invalid_password", "Missing or invalid auth record password.")));
        }
        db.transaction(tx -> {
            if (accounts.findByEmail(tx.dsl(), c, v.newEmail()).isPresent()) {
                Accounts.throwIfAny(Map.of("token", INVALID_NEW_EMAIL));
            }
            Record r = accounts.findById(tx.dsl(), c, v.record().id()).orElseThrow(ApiException::notFound);
            accounts.update(tx.dsl(), r.with("email", v.newEmail()).with("verified", true).with("tokenKey", Ids.random(50)));
        });
    }
}
