package dev.basalt.auth;

import java.util.Optional;

/**
 * The JWT types of auth records. Each is signed with the record's {@code tokenKey} followed by the
 * secret of its own option ({@code authToken.secret}, ...), and lives for that option's duration.
 */
public enum TokenType {
    AUTH("auth", "authToken"),
    FILE("file", "fileToken"),
    VERIFICATION("verification", "verificationToken"),
    PASSWORD_RESET("passwordReset", "passwordResetToken"),
    EMAIL_CHANGE("emailChange", "emailChangeToken");

    private final String wire;
    private final String option;

    TokenType(String wire, String option) {
        this.wire = wire;
        this.option = option;
    }

    /** The {@code type} claim. */
    public String wire() {
        return wire;
    }

    /** The collection option holding this type's {@code secret} and {@code duration}. */
    public String option() {
        return option;
    }

    static Optional<TokenType> ofWire(String wire) {
        for (TokenType t : values()) {
            if (t.wire.equals(wire)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
