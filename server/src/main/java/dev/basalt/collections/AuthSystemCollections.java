package dev.basalt.collections;

import dev.basalt.store.Migration;
import dev.basalt.store.Tx;
import java.util.List;

/**
 * Migration 0003: the collections auth needs, as PocketBase installs them: the default {@code users}
 * auth collection and the system collections {@code _externalAuths} (OAuth2 links), {@code _mfas}
 * (MFA sessions), {@code _otps} (one-time passwords) and {@code _authOrigins} (known devices).
 */
public final class AuthSystemCollections implements Migration {

    public static final String USERS_ID = "_pb_users_auth_";
    public static final String EXTERNAL_AUTHS = "_externalAuths";
    public static final String MFAS = "_mfas";
    public static final String OTPS = "_otps";
    public static final String AUTH_ORIGINS = "_authOrigins";

    // The owner of a row of the last four: the auth record it belongs to.
    private static final String OWNER_RULE =
            "@request.auth.id != '' && recordRef = @request.auth.id && collectionRef = @request.auth.collectionId";

    private final CollectionService collections;

    public AuthSystemCollections(CollectionService collections) {
        this.collections = collections;
    }

    @Override
    public String id() {
        return "0003_auth_system_collections";
    }

    @Override
    public void apply(Tx tx) {
        for (String json : List.of(users(), externalAuths(), mfas(), otps(), authOrigins())) {
            collections.insert(tx, CollectionService.withDefaults(CollectionJson.parse(json)));
        }
    }

    private static String users() {
        return """
                {"id": "%s", "name": "users", "type": "auth", "system": false,
                 "listRule": "id = @request.auth.id", "viewRule": "id = @request.auth.id", "createRule": "",
                 "updateRule": "id = @request.auth.id", "deleteRule": "id = @request.auth.id",
                 "fields": [
                   {"name": "name", "type": "text", "max": 255},
                   {"name": "avatar", "type": "file", "maxSelect": 1,
                    "mimeTypes": ["image/jpeg", "image/png", "image/svg+xml", "image/gif", "image/webp"]},
                   {"name": "created", "type": "autodate", "onCreate": true},
                   {"name": "updated", "type": "autodate", "onCreate": true, "onUpdate": true}]}"""
                .formatted(USERS_ID);
    }

    private static String externalAuths() {
        return ownedSystemCollection(EXTERNAL_AUTHS, true, """
                {"name": "provider", "type": "text", "required": true, "system": true},
                {"name": "providerId", "type": "text", "required": true, "system": true},""",
                List.of("CREATE UNIQUE INDEX `idx_externalAuths_record_provider` ON `_externalAuths` "
                                + "(`collectionRef`, `recordRef`, `provider`)",
                        "CREATE UNIQUE INDEX `idx_externalAuths_collection_provider` ON `_externalAuths` "
                                + "(`collectionRef`, `provider`, `providerId`)"));
    }

    private static String mfas() {
        return ownedSystemCollection(MFAS, false, """
                {"name": "method", "type": "text", "required": true, "system": true},""",
                List.of("CREATE INDEX `idx_mfas_collectionRef_recordRef` ON `_mfas` (`collectionRef`, `recordRef`)"));
    }

    private static String otps() {
        return ownedSystemCollection(OTPS, false, """
                {"name": "password", "type": "password", "required": true, "system": true, "hidden": true, "cost": 8},
                {"name": "sentTo", "type": "text", "system": true, "hidden": true},""",
                List.of("CREATE INDEX `idx_otps_collectionRef_recordRef` ON `_otps` (`collectionRef`, `recordRef`)"));
    }

    private static String authOrigins() {
        return ownedSystemCollection(AUTH_ORIGINS, true, """
                {"name": "fingerprint", "type": "text", "required": true, "system": true},""",
                List.of("CREATE UNIQUE INDEX `idx_authOrigins_unique_pairs` ON `_authOrigins` "
                        + "(`collectionRef`, `recordRef`, `fingerprint`)"));
    }

    private static String jsonStrings(List<String> values) {
        try {
            return CollectionJson.MAPPER.writeValueAsString(values).replaceAll("^\\[|\\]$", "");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A system base collection whose rows belong to an auth record ({@code collectionRef},
     * {@code recordRef}): listed and viewed by their owner, written only by the server.
     */
    private static String ownedSystemCollection(String name, boolean ownerDeletes, String fields, List<String> indexes) {
        return """
                {"name": "%s", "type": "base", "system": true,
                 "listRule": "%s", "viewRule": "%s", "createRule": null, "updateRule": null, "deleteRule": %s,
                 "fields": [
                   {"name": "collectionRef", "type": "text", "required": true, "system": true},
                   {"name": "recordRef", "type": "text", "required": true, "system": true},
                   %s
                   {"name": "created", "type": "autodate", "onCreate": true, "system": true},
                   {"name": "updated", "type": "autodate", "onCreate": true, "onUpdate": true, "system": true}],
                 "indexes": [%s]}"""
                .formatted(name, OWNER_RULE, OWNER_RULE, ownerDeletes ? "\"" + OWNER_RULE + "\"" : "null", fields,
                        jsonStrings(indexes));
    }
}
