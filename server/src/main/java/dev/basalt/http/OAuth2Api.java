package dev.basalt.http;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.basalt.auth.oauth2.OAuth2Auth;
import dev.basalt.auth.oauth2.OAuth2Request;
import dev.basalt.records.RequestInfo;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/** OAuth2 sign-in: {@code auth-with-oauth2} and the provider's redirect back ({@code oauth2-redirect}). */
final class OAuth2Api {

    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {};

    private final OAuth2Auth oauth2;
    private final AuthApi auth;

    OAuth2Api(OAuth2Auth oauth2, AuthApi auth) {
        this.oauth2 = oauth2;
        this.auth = auth;
    }

    void routes(RoutesConfig r) {
        r.post("/api/collections/{collection}/auth-with-oauth2", this::authWithOAuth2);
        r.get("/api/oauth2-redirect", this::redirect);
        r.post("/api/oauth2-redirect", this::redirect);
    }

    private void authWithOAuth2(Context ctx) {
        JsonNode body = Bodies.json(ctx);
        // PocketBase compat: redirectUrl is the pre-v0.23 spelling of redirectURL.
        String redirectURL = body.path("redirectURL").asText("");
        if (redirectURL.isEmpty()) {
            redirectURL = body.path("redirectUrl").asText("");
        }
        Map<String, Object> createData = body.path("createData").isObject()
                ? Json.MAPPER.convertValue(body.get("createData"), OBJECT)
                : Map.of();
        OAuth2Request request = new OAuth2Request(body.path("provider").asText(""), body.path("code").asText(""),
                body.path("codeVerifier").asText(""), redirectURL, createData);
        RequestInfo info = Requests.requestInfo(ctx);
        auth.respondToSignIn(ctx, oauth2.authenticate(ctx.pathParam("collection"), request, AuthApi.mfaId(ctx, body), info), info);
    }

    /**
     * The page the provider sends the browser back to. PocketBase hands {@code state}/{@code code}
     * to the realtime client whose id is the state (an {@code @oauth2} SSE message) and redirects to
     * its dashboard; until realtime exists Basalt answers the page itself, as PocketBase does
     * without a bundled dashboard.
     */
    private void redirect(Context ctx) {
        String state = param(ctx, "state");
        String code = param(ctx, "code");
        String error = param(ctx, "error");
        boolean ok = !state.isEmpty() && !code.isEmpty() && error.isEmpty();
        ctx.status(200).contentType("text/html; charset=utf-8").result(ok
                ? "<!doctype html><title>OAuth2</title><p>Authentication completed. You can close this window.</p>"
                : "<!doctype html><title>OAuth2</title><p>Authentication failed. You can close this window.</p>");
    }

    private static String param(Context ctx, String key) {
        String value = ctx.queryParam(key);
        if ((value == null || value.isEmpty()) && ctx.method().name().equals("POST")) {
            value = ctx.formParam(key);
        }
        return value == null ? "" : value;
    }
}
