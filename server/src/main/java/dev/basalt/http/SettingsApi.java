package dev.basalt.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.basalt.collections.SystemCollections;
import dev.basalt.error.ApiException;
import dev.basalt.error.FieldError;
import dev.basalt.files.S3Config;
import dev.basalt.files.S3FileStore;
import dev.basalt.records.Record;
import dev.basalt.settings.Settings;
import dev.basalt.settings.SettingsService;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.Map;

/**
 * The Settings API (API.md §8.2), superusers only: read and partially update the settings, and
 * test the saved S3 configuration. Secrets are never answered. The email test and Apple
 * client-secret endpoints are not built yet.
 */
final class SettingsApi {

    private final SettingsService settings;

    SettingsApi(SettingsService settings) {
        this.settings = settings;
    }

    void routes(RoutesConfig r) {
        r.get("/api/settings", this::view);
        r.patch("/api/settings", this::update);
        r.post("/api/settings/test/s3", this::testS3);
    }

    private void view(Context ctx) {
        requireSuperuser(ctx);
        Responses.json(ctx, settings.current().redacted());
    }

    private void update(Context ctx) {
        requireSuperuser(ctx);
        Responses.json(ctx, settings.update(Bodies.json(ctx)).redacted());
    }

    // PocketBase compat: tests the saved (not the submitted) configuration of the "storage" or
    // "backups" filesystem with a put, list and delete; a failure is a 400 carrying the raw error.
    private void testS3(Context ctx) {
        requireSuperuser(ctx);
        Settings current = settings.current();
        Settings.S3 s3 = "backups".equals(filesystem(Bodies.json(ctx))) ? current.backups().s3() : current.s3();
        if (!s3.enabled()) {
            throw ApiException.badRequest("Failed to test the S3 filesystem. Raw error: \nS3 storage filesystem is not enabled");
        }
        try (S3FileStore store = new S3FileStore(new S3Config(s3.bucket(), s3.region(), s3.endpoint(),
                s3.accessKey(), s3.secret(), s3.forcePathStyle()))) {
            store.check();
        } catch (IOException | IllegalArgumentException e) {
            throw ApiException.badRequest("Failed to test the S3 filesystem. Raw error: \n" + e.getMessage());
        }
        Responses.noContent(ctx);
    }

    private static String filesystem(JsonNode body) {
        JsonNode value = body.path("filesystem");
        if (!value.isMissingNode() && !value.isNull() && !value.isTextual()) {
            throw ApiException.badRequest("An error occurred while loading the submitted data.");
        }
        String filesystem = value.asText("");
        if (filesystem.isEmpty()) {
            throw ApiException.badRequest("Failed to test the S3 filesystem.", Map.of("filesystem", FieldError.required()));
        }
        if (!filesystem.equals("storage") && !filesystem.equals("backups")) {
            throw ApiException.badRequest("Failed to test the S3 filesystem.",
                    Map.of("filesystem", new FieldError("validation_in_invalid", "Must be a valid value.")));
        }
        return filesystem;
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
