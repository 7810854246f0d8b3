package dev.basalt.mail;

import java.util.Set;

/**
 * How to reach the SMTP server, as PocketBase's {@code smtp} settings describe it.
 *
 * @param tls        true: implicit TLS from the first byte (SMTPS, usually port 465); false: plain
 *                   connection upgraded with STARTTLS when the server offers it (usually 587 or 25)
 * @param authMethod {@code ""} (let the server and client agree), {@code PLAIN} or {@code LOGIN}
 * @param localName  the name announced in EHLO; empty: the machine's name
 */
public record SmtpConfig(
        boolean enabled, String host, int port, String username, String password, boolean tls, String authMethod,
        String localName) {

    // Declared before DISABLED: the compact constructor reads it while DISABLED is built.
    private static final Set<String> AUTH_METHODS = Set.of("", "PLAIN", "LOGIN");

    public static final SmtpConfig DISABLED = new SmtpConfig(false, "", 587, "", "", false, "", "");

    public SmtpConfig {
        host = host == null ? "" : host.strip();
        username = username == null ? "" : username;
        password = password == null ? "" : password;
        authMethod = authMethod == null ? "" : authMethod.strip().toUpperCase(java.util.Locale.ROOT);
        localName = localName == null ? "" : localName.strip();
        if (enabled && host.isEmpty()) {
            throw new IllegalArgumentException("the SMTP host is required when SMTP is enabled");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("invalid SMTP port " + port);
        }
        if (!AUTH_METHODS.contains(authMethod)) {
            throw new IllegalArgumentException("invalid SMTP auth method \"" + authMethod + "\": use PLAIN or LOGIN");
        }
    }

    // The password never reaches a log line through toString.
    @Override
    public String toString() {
        return "SmtpConfig[enabled=" + enabled + ", host=" + host + ", port=" + port + ", username=" + username
                + ", tls=" + tls + ", authMethod=" + authMethod + ", localName=" + localName + "]";
    }
}
