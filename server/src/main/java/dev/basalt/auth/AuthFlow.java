package dev.basalt.auth;

import dev.basalt.collections.Collection;
import dev.basalt.collections.CollectionRegistry;
import dev.basalt.error.ApiException;
import dev.basalt.error.FieldError;
import dev.basalt.records.Record;
import dev.basalt.records.RecordRepository;
import dev.basalt.records.RecordSearch;
import dev.basalt.records.RequestInfo;
import dev.basalt.store.Database;
import java.util.Map;
import java.util.Optional;

/**
 * The last step every auth flow shares (§5.1): once a method (password, OTP, OAuth2, ...) has
 * identified the record, {@link #complete} checks the collection's {@code authRule}, runs MFA and
 * issues the token. Also the two flows that start from a token rather than a method: refresh and
 * impersonation (authRule only, no MFA).
 */
public final class AuthFlow {

    public static final String METHOD_PASSWORD = "password";
    public static final String METHOD_OTP = "otp";
    public static final String METHOD_OAUTH2 = "oauth2";

    private static final String AUTH_CONTEXT = "Missing or invalid auth collection context.";

    private final Database db;
    private final CollectionRegistry registry;
    private final RecordSearch search;
    private final Tokens tokens;
    private final Mfa mfa;
    private final RecordRepository records = new RecordRepository();

    public AuthFlow(Database db, CollectionRegistry registry, RecordSearch search, Tokens tokens) {
        this.db = db;
        this.registry = registry;
        this.search = search;
        this.tokens = tokens;
        this.mfa = new Mfa(db, registry, search);
    }

    /**
     * Finishes an authentication by {@code method}: authRule, then MFA, then a new refreshable token.
     *
     * @param method  the name of the method that identified the record ({@code "password"},
     *                {@code "otp"}, {@code "oauth2"}, ...); MFA requires a second, different one;
     *                {@code ""} skips MFA
     * @param mfaId   the MFA session of an earlier factor ({@code mfaId} in the body or query), or {@code ""}
     * @param request the request, with the context of the method ({@code @request.context})
     * @return the auth result, or {@link MfaRequired} when a second factor must follow
     * @throws ApiException 403 when the authRule refuses the record; 400 for a bad MFA session
     */
    public AuthOutcome complete(Record record, String method, String mfaId, RequestInfo request) {
        return complete(record, method, mfaId, request, Map.of());
    }

    /** As {@link #complete(Record, String, String, RequestInfo)}, with the {@code meta} of the response (OAuth2). */
    public AuthOutcome complete(Record record, String method, String mfaId, RequestInfo request, Map<String, Object> meta) {
        checkAuthRule(record, request);
        Optional<String> session = method.isEmpty() ? Optional.empty() : mfa.check(record, method, mfaId, request);
        if (session.isPresent()) {
            return new MfaRequired(session.get());
        }
        return new AuthResult(tokens.issueAuthToken(record), record, meta);
    }

    /**
     * auth-refresh: a new token for a refreshable one, the same token echoed for a non-refreshable
     * (impersonation) one. The authRule is checked again.
     */
    public AuthResult refresh(VerifiedToken current, String rawToken, RequestInfo request) {
        Record record = current.record();
        checkAuthRule(record, request);
        String token = current.refreshable() ? tokens.issueAuthToken(record) : rawToken;
        return new AuthResult(token, record);
    }

    /**
     * impersonate: a non-refreshable token for any record of an auth collection. The caller has
     * checked that the requester is a superuser.
     *
     * @param seconds the token's lifetime; 0 takes the collection's auth token duration
     */
    public AuthResult impersonate(String collectionIdOrName, String recordId, long seconds, RequestInfo request) {
        Collection c = authCollection(collectionIdOrName);
        Record record = db.read(dsl -> records.findById(dsl, c, recordId)).orElseThrow(ApiException::notFound);
        if (seconds < 0) {
            throw ApiException.badRequest("An error occurred while validating the submitted data.",
                    Map.of("duration", new FieldError("validation_min_greater_equal_than_required", "Must be no less than 0.")));
        }
        checkAuthRule(record, request);
        return new AuthResult(tokens.issueStaticAuthToken(record, seconds), record);
    }

    /**
     * The auth collection a path names.
     *
     * @throws ApiException 404 "Missing or invalid auth collection context." for a missing or non-auth one
     */
    public Collection authCollection(String idOrName) {
        return registry.find(idOrName).filter(Collection::isAuth).orElseThrow(() -> ApiException.notFound(AUTH_CONTEXT));
    }

    // PocketBase compat: a null authRule lets only a superuser requester through (impersonation).
    private void checkAuthRule(Record record, RequestInfo request) {
        Collection c = record.collection();
        boolean allowed;
        if (!c.options().containsKey("authRule")) {
            allowed = true;
        } else if (!(c.options().get("authRule") instanceof String rule)) {
            allowed = request.isSuperuser();
        } else {
            allowed = rule.isBlank() || request.isSuperuser()
                    || db.read(dsl -> search.matches(dsl, c, record.id(), rule, request));
        }
        if (!allowed) {
            throw ApiException.forbidden("The request doesn't satisfy the collection requirements to authenticate.");
        }
    }
}
