package dev.basalt.auth;

/**
 * The first factor passed and MFA applies: the client must repeat with another method, passing
 * this {@code mfaId}. The wire answer is 401 {@code {"mfaId": "..."}}.
 */
public record MfaRequired(String mfaId) implements AuthOutcome {}
