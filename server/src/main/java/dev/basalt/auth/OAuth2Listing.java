package dev.basalt.auth;

import dev.basalt.collections.Collection;
import java.util.List;
import java.util.Map;

/**
 * The seam through which OAuth2 fills {@code auth-methods}: the enabled providers of a collection
 * as the wire lists them ({@code name, displayName, state, authURL, codeVerifier, codeChallenge,
 * codeChallengeMethod, logo}), with fresh state and PKCE values per call.
 */
@FunctionalInterface
public interface OAuth2Listing {

    List<Map<String, Object>> providers(Collection collection);
}
