package dev.basalt.auth.oauth2;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One provider as {@code auth-methods} lists it. {@code authURL} ends with an empty
 * {@code redirect_uri=} for the client to complete; the client keeps {@code codeVerifier} for
 * {@code auth-with-oauth2}.
 */
public record AuthMethodProvider(
        String name,
        String displayName,
        String state,
        String authURL,
        String codeVerifier,
        String codeChallenge,
        String codeChallengeMethod,
        String logo) {

    /** The wire form of {@code auth-methods}' {@code oauth2.providers} items. */
    public Map<String, Object> wire() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", name);
        out.put("displayName", displayName);
        out.put("state", state);
        out.put("authURL", authURL);
        out.put("codeVerifier", codeVerifier);
        out.put("codeChallenge", codeChallenge);
        out.put("codeChallengeMethod", codeChallengeMethod);
        out.put("logo", logo);
        return out;
    }
}
