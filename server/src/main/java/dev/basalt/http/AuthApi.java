package dev.basalt.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.basalt.auth.AuthResult;
import dev.basalt.auth.PasswordAuth;
import dev.basalt.records.RequestInfo;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/** The auth endpoints of auth collections. */
final class AuthApi {

    private final PasswordAuth passwordAuth;

    AuthApi(PasswordAuth passwordAuth) {
        this.passwordAuth = passwordAuth;
    }

    void routes(RoutesConfig r) {
        r.post("/api/collections/{collection}/auth-with-password", this::authWithPassword);
    }

    private void authWithPassword(Context ctx) {
        JsonNode body = Bodies.json(ctx);
        AuthResult result = passwordAuth.authenticate(ctx.pathParam("collection"),
                body.path("identity").asText(""), body.path("password").asText(""));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("token", result.token());
        // The record is shown as it sees itself: its email always, hidden fields only to superusers.
        Map<String, Object> record = RecordJson.of(result.record(), RequestInfo.of(result.record()));
        out.put("record", record);
        Responses.json(ctx, out);
    }
}
