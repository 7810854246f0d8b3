package dev.basalt.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code GET /api/health}. */
final class HealthApi {

    void routes(RoutesConfig r) {
        r.get("/api/health", this::health);
    }

    private void health(Context ctx) {
        Map<String, Object> data = new LinkedHashMap<>();
        if (Requests.requestInfo(ctx).isSuperuser()) {
            data.put("canBackup", false);
            data.put("realIP", ctx.ip());
            data.put("possibleProxyHeader", possibleProxyHeader(ctx));
        }
        Responses.json(ctx, Map.of("message", "API is healthy.", "code", 200, "data", data));
    }

    private static String possibleProxyHeader(Context ctx) {
        for (String h : new String[] {"CF-Connecting-IP", "Fly-Client-IP", "X-Forwarded-For"}) {
            if (ctx.header(h) != null) {
                return h;
            }
        }
        return "";
    }
}
