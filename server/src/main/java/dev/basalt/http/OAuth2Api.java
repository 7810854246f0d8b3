package dev.basalt.http;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.basalt.auth.oauth2.OAuth2Auth;
import dev.basalt.auth.oauth2.OAuth2Request;
import dev.basalt.realtime.Broker;
import dev.basalt.records.RequestInfo;
import dev.basalt.settings.SettingsService;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/** OAuth2 sign-in: {@code auth-with-oauth2} and the provider's redirect back ({@code oauth2-redirect}). */
final class OAuth2Api {

    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {};

    private final OAuth2Auth oauth2;
    private final AuthApi auth;
    private final Broker realtime;
    private final SettingsService settings;

    OAuth2Api(OAuth2Auth oauth2, AuthApi auth, Broker realtime, SettingsService settings) {
        this.oauth2 = oauth2;
        this.auth = auth;
        this.realtime = realtime;
        this.settings = settings;
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
     * The page the provider sends the browser back to: {@code state}, {@code code} and
     * {@code error} go to the realtime client whose id is the state, if it is subscribed to
     * {@code @oauth2} (the SDK's all-in-one sign-in waits for that message).
     *
     * <p>PocketBase compat: PocketBase then redirects to its dashboard's success or failure page,
     * or answers a short page itself when no dashboard is bundled; Basalt bundles none, so it
     * answers the page.
     */
    private void redirect(Context ctx) {
        String state = param(ctx, "state");
        String code = param(ctx, "code");
        String error = param(ctx, "error");
        if (!state.isEmpty()) {
            Map<String, String> data = new LinkedHashMap<>();
            data.put("state", state);
            data.put("code", code);
            if (!error.isEmpty()) {
                data.put("error", error);
            }
            realtime.sendToClient(state, Broker.OAUTH2_TOPIC, Json.MAPPER.valueToTree(data).toString(),
                    ClientIp.of(ctx, settings.current().trustedProxy()));
        }
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
