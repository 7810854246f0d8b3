package dev.basalt.auth.oauth2;

import java.util.List;
import java.util.Map;

/**
 * One OAuth2/OIDC provider: the authorization-code flow needs nothing more. Well-known providers
 * are values of this record ({@link WellKnownProviders}); a collection's provider settings
 * override the URLs, the display name and PKCE ({@link #configuredBy}).
 *
 * @param userInfoURL  where the user is fetched with the access token; empty to read the user from
 *                     the {@code id_token} of the token response instead (OIDC without a user-info
 *                     endpoint, Apple)
 * @param authParams   extra query parameters of the authorization URL
 * @param clientIdHeader whether the user-info request also carries the client id as a
 *                     {@code Client-Id} header (Twitch requires it)
 */
public record OAuth2Provider(
        String name,
        String displayName,
        String authURL,
        String tokenURL,
        String userInfoURL,
        List<String> scopes,
        boolean pkce,
        Map<String, String> authParams,
        boolean clientIdHeader,
        Claims claims) {

    public OAuth2Provider {
        scopes = List.copyOf(scopes);
        authParams = Map.copyOf(authParams);
    }

    static OAuth2Provider of(String name, String displayName, String authURL, String tokenURL, String userInfoURL,
            List<String> scopes, Claims claims) {
        return new OAuth2Provider(name, displayName, authURL, tokenURL, userInfoURL, scopes, true, Map.of(), false,
                claims);
    }

    OAuth2Provider withPkce(boolean newPkce) {
        return new OAuth2Provider(name, displayName, authURL, tokenURL, userInfoURL, scopes, newPkce, authParams,
                clientIdHeader, claims);
    }

    OAuth2Provider withAuthParams(Map<String, String> newAuthParams) {
        return new OAuth2Provider(name, displayName, authURL, tokenURL, userInfoURL, scopes, pkce, newAuthParams,
                clientIdHeader, claims);
    }

    OAuth2Provider withClientIdHeader() {
        return new OAuth2Provider(name, displayName, authURL, tokenURL, userInfoURL, scopes, pkce, authParams, true,
                claims);
    }

    /** This provider with a collection's overrides applied (blank values keep the defaults). */
    OAuth2Provider configuredBy(ProviderConfig config) {
        return new OAuth2Provider(name,
                or(config.displayName(), displayName),
                or(config.authURL(), authURL),
                or(config.tokenURL(), tokenURL),
                or(config.userInfoURL(), userInfoURL),
                scopes,
                config.pkce() == null ? pkce : config.pkce(),
                authParams,
                clientIdHeader,
                claims);
    }

    private static String or(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }
}
