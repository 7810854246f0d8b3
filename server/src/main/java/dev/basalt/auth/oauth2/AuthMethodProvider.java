package dev.basalt.auth.oauth2;

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
        String logo) {}
