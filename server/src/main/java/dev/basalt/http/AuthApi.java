package dev.basalt.http;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.basalt.auth.AuthAlerts;
import dev.basalt.auth.AuthFlow;
import dev.basalt.auth.AuthMethods;
import dev.basalt.auth.AuthOutcome;
import dev.basalt.auth.AuthResult;
import dev.basalt.auth.MfaRequired;
import dev.basalt.auth.PasswordAuth;
import dev.basalt.error.ApiException;
import dev.basalt.records.ExpandedRecord;
import dev.basalt.records.Expander;
import dev.basalt.records.RequestInfo;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The auth endpoints of auth collections that need neither mail nor OAuth2: auth-methods,
 * auth-with-password, auth-refresh and impersonate. {@link #respond} writes the answer every auth
 * flow ends with.
 */
final class AuthApi {

    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {};

    private final AuthFlow flow;
    private final AuthAlerts alerts;
    private final PasswordAuth passwordAuth;
    private final AuthMethods authMethods;
    private final Expander expander;

    AuthApi(AuthFlow flow, PasswordAuth passwordAuth, AuthMethods authMethods, Expander expander, AuthAlerts alerts) {
        this.flow = flow;
        this.alerts = alerts;
        this.passwordAuth = passwordAuth;
        this.authMethods = authMethods;
        this.expander = expander;
    }

    void routes(RoutesConfig r) {
        r.get("/api/collections/{collection}/auth-methods", this::authMethods);
        r.post("/api/collections/{collection}/auth-with-password", this::authWithPassword);
        r.post("/api/collections/{collection}/auth-refresh", this::authRefresh);
        r.post("/api/collections/{collection}/impersonate/{id}", this::impersonate);
    }

    private void authMethods(Context ctx) {
        Responses.json(ctx, authMethods.list(ctx.pathParam("collection")));
    }

    private void authWithPassword(Context ctx) {
        JsonNode body = object(ctx);
        var attempt = new PasswordAuth.Attempt(text(body, "identity"), text(body, "password"),
                text(body, "identityField"), mfaId(ctx, body));
        RequestInfo info = Requests.requestInfo(ctx).withBody(Json.MAPPER.convertValue(body, OBJECT));
        respondToSignIn(ctx, passwordAuth.authenticate(ctx.pathParam("collection"), attempt, info), info);
    }

    private void authRefresh(Context ctx) {
        AuthGuards.requireSameCollectionContextAuth(ctx);
        RequestInfo info = Requests.requestInfo(ctx);
        respond(ctx, flow.refresh(Requests.authToken(ctx), TokenAuth.rawToken(ctx), info), info);
    }

    private void impersonate(Context ctx) {
        AuthGuards.requireSuperuserAuth(ctx);
        JsonNode body = object(ctx);
        JsonNode duration = body.path("duration");
        if (!duration.isMissingNode() && !duration.isNull() && !duration.isNumber()) {
            throw ApiException.badRequest("Failed to load the submitted data due to invalid formatting.");
        }
        RequestInfo info = Requests.requestInfo(ctx).withBody(Json.MAPPER.convertValue(body, OBJECT));
        AuthResult result = flow.impersonate(ctx.pathParam("collection"), ctx.pathParam("id"), duration.asLong(0), info);
        respond(ctx, result, info);
    }

    /**
     * Writes the end of an auth flow: 200 {@code {token, record, meta?}} with {@code ?expand} and
     * {@code ?fields} applied, or 401 {@code {"mfaId"}} when a second factor is required.
     */
    /**
     * As {@link #respond}, for a sign-in (password, OTP, OAuth2; not refresh or impersonation): a
     * completed one is also recorded as a known device, with an alert mail for a new one.
     */
    void respondToSignIn(Context ctx, AuthOutcome outcome, RequestInfo info) {
        if (outcome instanceof AuthResult result) {
            alerts.afterAuth(result.record(), ctx.ip(), ctx.userAgent());
        }
        respond(ctx, outcome, info);
    }

    void respond(Context ctx, AuthOutcome outcome, RequestInfo info) {
        switch (outcome) {
            case MfaRequired mfa -> {
                // PocketBase compat: this body replaces the error envelope.
                ctx.status(401);
                Responses.json(ctx, Map.of("mfaId", mfa.mfaId()));
            }
            case AuthResult result -> {
                // PocketBase compat: the record is shown as it sees itself, even to an impersonating
                // superuser: its email always, hidden fields only when it is a superuser.
                RequestInfo viewer = new RequestInfo(result.record(), info.method(), info.query(), info.headers(),
                        info.body(), info.context());
                ExpandedRecord expanded = expander.expand(List.of(result.record()), ctx.queryParam("expand"), viewer).getFirst();
                // PocketBase compat: the keys in the order of PocketBase's response struct.
                Map<String, Object> out = new LinkedHashMap<>();
                if (!result.meta().isEmpty()) {
                    out.put("meta", result.meta());
                }
                out.put("record", RecordJson.of(expanded, viewer));
                out.put("token", result.token());
                Responses.json(ctx, out);
            }
        }
    }

    private static JsonNode object(Context ctx) {
        JsonNode body = Bodies.json(ctx);
        if (!body.isObject()) {
            throw ApiException.badRequest("Failed to load the submitted data due to invalid formatting.");
        }
        return body;
    }

    private static String text(JsonNode body, String name) {
        JsonNode v = body.path(name);
        return v.isValueNode() && !v.isNull() ? v.asText() : "";
    }

    // The MFA session of an earlier factor: a body field, or the query parameter.
    static String mfaId(Context ctx, JsonNode body) {
        String fromBody = text(body, "mfaId");
        if (!fromBody.isEmpty()) {
            return fromBody;
        }
        String fromQuery = ctx.queryParam("mfaId");
        return fromQuery == null ? "" : fromQuery;
    }
}
