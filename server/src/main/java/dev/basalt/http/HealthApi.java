package dev.basalt.http;

import dev.basalt.settings.Settings;
import dev.basalt.settings.SettingsService;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * {@code GET /api/health}: 200 while the database answers, 503 when it does not, so a load
 * balancer takes a node that lost its database out of rotation.
 */
final class HealthApi {

    private final SettingsService settings;
    private final BooleanSupplier databaseReachable;

    HealthApi(SettingsService settings, BooleanSupplier databaseReachable) {
        this.settings = settings;
        this.databaseReachable = databaseReachable;
    }

    void routes(RoutesConfig r) {
        r.get("/api/health", this::health);
    }

    private void health(Context ctx) {
        if (!databaseReachable.getAsBoolean()) {
            ctx.status(503);
            Responses.json(ctx, body("The database is unreachable.", 503, Map.of()));
            return;
        }
        Map<String, Object> data = new LinkedHashMap<>();
        if (Requests.requestInfo(ctx).isSuperuser()) {
            data.put("canBackup", false);
            Settings.TrustedProxy proxy = settings.current().trustedProxy();
            data.put("realIP", ClientIp.of(ctx, proxy));
            data.put("possibleProxyHeader", possibleProxyHeader(ctx, proxy));
        }
        Responses.json(ctx, body("API is healthy.", 200, data));
    }

    // In PocketBase's key order, the same on every node.
    private static Map<String, Object> body(String message, int code, Map<String, Object> data) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("message", message);
        body.put("code", code);
        body.put("data", data);
        return body;
    }

    private static String possibleProxyHeader(Context ctx, Settings.TrustedProxy proxy) {
        for (String h : proxy.headers()) {
            if (ctx.header(h) != null) {
                return h;
            }
        }
        for (String h : new String[] {"CF-Connecting-IP", "Fly-Client-IP", "X-Forwarded-For"}) {
            if (ctx.header(h) != null) {
                return h;
            }
        }
        return "";
    }
}
