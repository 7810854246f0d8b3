package dev.basalt.auth.oauth2;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One entry of a collection's {@code oauth2.providers} option.
 *
 * @param pkce {@code null} keeps the provider's default
 */
public record ProviderConfig(
        String name,
        String clientId,
        String clientSecret,
        String authURL,
        String tokenURL,
        String userInfoURL,
        String displayName,
        Boolean pkce,
        Map<String, Object> extra) {

    public ProviderConfig {
        name = name == null ? "" : name;
        clientId = clientId == null ? "" : clientId;
        clientSecret = clientSecret == null ? "" : clientSecret;
        extra = extra == null ? Map.of() : Map.copyOf(extra);
    }

    static ProviderConfig of(Map<?, ?> option) {
        return new ProviderConfig(text(option.get("name")), text(option.get("clientId")),
                text(option.get("clientSecret")), text(option.get("authURL")), text(option.get("tokenURL")),
                text(option.get("userInfoURL")), text(option.get("displayName")),
                option.get("pkce") instanceof Boolean b ? b : null,
                option.get("extra") instanceof Map<?, ?> m ? stringKeys(m) : Map.of());
    }

    @Override
    public String toString() {
        // Never print the client secret.
        return "ProviderConfig[name=" + name + ", clientId=" + clientId + "]";
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }

    private static Map<String, Object> stringKeys(Map<?, ?> m) {
        var out = new LinkedHashMap<String, Object>();
        m.forEach((k, v) -> {
            if (v != null) {
                out.put(k.toString(), v);
            }
        });
        return out;
    }
}
