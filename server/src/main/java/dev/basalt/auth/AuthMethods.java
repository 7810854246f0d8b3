package dev.basalt.auth;

import dev.basalt.collections.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code auth-methods}: which ways of signing in a collection offers (§5.3). */
public final class AuthMethods {

    private final AuthFlow flow;
    private final OAuth2Listing oauth2;

    public AuthMethods(AuthFlow flow, OAuth2Listing oauth2) {
        this.flow = flow;
        this.oauth2 = oauth2;
    }

    /**
     * The wire answer; disabled methods report {@code enabled:false}, empty lists and duration 0.
     *
     * @throws dev.basalt.error.ApiException 404 for a missing or non-auth collection
     */
    public Map<String, Object> list(String collectionIdOrName) {
        Collection c = flow.authCollection(collectionIdOrName);
        Map<String, Object> password = option(c, "passwordAuth");
        boolean passwordEnabled = enabled(password);
        List<String> identityFields = passwordEnabled ? PasswordAuth.identityFields(password) : List.of();
        Map<String, Object> oauth2Options = option(c, "oauth2");
        boolean oauth2Enabled = enabled(oauth2Options);
        List<Map<String, Object>> providers = oauth2Enabled ? oauth2.providers(c) : List.of();

        Map<String, Object> out = new LinkedHashMap<>();
        out.put("password", section("identityFields", identityFields, "enabled", passwordEnabled));
        out.put("oauth2", section("providers", providers, "enabled", oauth2Enabled));
        out.put("mfa", timed(option(c, "mfa")));
        out.put("otp", timed(option(c, "otp")));
        // PocketBase compat: the pre-v0.23 keys, still sent for older SDKs.
        out.put("authProviders", providers);
        out.put("usernamePassword", identityFields.contains("username"));
        out.put("emailPassword", identityFields.contains("email"));
        return out;
    }

    private static Map<String, Object> timed(Map<String, Object> options) {
        boolean on = enabled(options);
        long duration = on && options.get("duration") instanceof Number n ? n.longValue() : 0;
        return section("enabled", on, "duration", duration);
    }

    private static Map<String, Object> section(String k1, Object v1, String k2, Object v2) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(k1, v1);
        m.put(k2, v2);
        return m;
    }

    private static boolean enabled(Map<String, Object> options) {
        return Boolean.TRUE.equals(options.get("enabled"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> option(Collection c, String key) {
        return c.options().get(key) instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }
}
