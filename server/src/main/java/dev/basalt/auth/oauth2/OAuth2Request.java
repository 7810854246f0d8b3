package dev.basalt.auth.oauth2;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** The body of {@code auth-with-oauth2}. */
public record OAuth2Request(
        String provider, String code, String codeVerifier, String redirectURL, Map<String, Object> createData) {

    public OAuth2Request {
        provider = provider == null ? "" : provider;
        code = code == null ? "" : code;
        codeVerifier = codeVerifier == null ? "" : codeVerifier;
        redirectURL = redirectURL == null ? "" : redirectURL;
        createData = createData == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(createData));
    }

    @Override
    public String toString() {
        return "OAuth2Request[provider=" + provider + "]";
    }
}
