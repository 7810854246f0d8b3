package dev.basalt.http;

import dev.basalt.collections.SystemCollections;
import dev.basalt.error.ApiException;
import dev.basalt.records.Record;
import dev.basalt.settings.SettingsService;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

/**
 * The Settings API (API.md §8.2), superusers only: read and partially update the settings.
 * Secrets are never answered. The S3/email test and Apple client-secret endpoints are not built yet.
 */
final class SettingsApi {

    private final SettingsService settings;

    SettingsApi(SettingsService settings) {
        this.settings = settings;
    }

    void routes(RoutesConfig r) {
        r.get("/api/settings", this::view);
        r.patch("/api/settings", this::update);
    }

    private void view(Context ctx) {
        requireSuperuser(ctx);
        Responses.json(ctx, settings.current().redacted());
    }

    private void update(Context ctx) {
        requireSuperuser(ctx);
        Responses.json(ctx, settings.update(Bodies.json(ctx)).redacted());
    }

    // PocketBase compat: RequireSuperuserAuth answers 401 to guests, 403 to other auth records.
    private static void requireSuperuser(Context ctx) {
        Record auth = Requests.auth(ctx);
        if (auth == null) {
            throw ApiException.unauthorized("The request requires valid record authorization token.");
        }
        if (!SystemCollections.SUPERUSERS.equals(auth.collection().name())) {
            throw ApiException.forbidden("The authorized record is not allowed to perform this action.");
        }
    }
}
