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
            Responses.json(ctx, Map.of("message", "The database is unreachable.", "code", 503, "data", Map.of()));
            return;
        }
        Map<String, Object> data = new LinkedHashMap<>();
        if (Requests.requestInfo(ctx).isSuperuser()) {
            data.put("canBackup", false);
            Settings.TrustedProxy proxy = settings.current().trustedProxy();
            data.put("realIP", ClientIp.of(ctx, proxy));
            data.put("possibleProxyHeader", possibleProxyHeader(ctx, proxy));
        }
        Responses.json(ctx, Map.of("message", "API is healthy.", "code", 200, "data", data));
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
