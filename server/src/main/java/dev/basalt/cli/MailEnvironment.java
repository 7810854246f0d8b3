package dev.basalt.cli;

import dev.basalt.mail.AppMeta;
import dev.basalt.mail.MailConfig;
import dev.basalt.mail.SmtpConfig;
import java.util.Map;

/**
 * The mail configuration from environment variables (interim, until settings are stored in
 * {@code _params}). SMTP is enabled when {@code BASALT_SMTP_HOST} is set:
 *
 * <pre>
 * BASALT_SMTP_HOST, BASALT_SMTP_PORT (587), BASALT_SMTP_USERNAME, BASALT_SMTP_PASSWORD,
 * BASALT_SMTP_TLS (false: STARTTLS when offered; true: implicit TLS), BASALT_SMTP_AUTH_METHOD
 * (PLAIN or LOGIN), BASALT_SMTP_LOCAL_NAME,
 * BASALT_APP_NAME (Acme), BASALT_APP_URL (http://localhost:8090), BASALT_SENDER_NAME (Support),
 * BASALT_SENDER_ADDRESS (support@example.com)
 * </pre>
 */
final class MailEnvironment {

    private MailEnvironment() {}

    /** @throws IllegalArgumentException with a one-line message when a value is invalid */
    static MailConfig read(Map<String, String> env) {
        String host = env.getOrDefault("BASALT_SMTP_HOST", "");
        String port = env.getOrDefault("BASALT_SMTP_PORT", "587");
        SmtpConfig smtp;
        try {
            smtp = new SmtpConfig(!host.isBlank(), host, Integer.parseInt(port.strip()),
                    env.get("BASALT_SMTP_USERNAME"), env.get("BASALT_SMTP_PASSWORD"),
                    Boolean.parseBoolean(env.getOrDefault("BASALT_SMTP_TLS", "false").strip()),
                    env.get("BASALT_SMTP_AUTH_METHOD"), env.get("BASALT_SMTP_LOCAL_NAME"));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid BASALT_SMTP_PORT \"" + port + "\"");
        }
        AppMeta d = AppMeta.DEFAULT;
        AppMeta meta = new AppMeta(env.getOrDefault("BASALT_APP_NAME", d.appName()),
                env.getOrDefault("BASALT_APP_URL", d.appUrl()), env.getOrDefault("BASALT_SENDER_NAME", d.senderName()),
                env.getOrDefault("BASALT_SENDER_ADDRESS", d.senderAddress()));
        return new MailConfig(smtp, meta);
    }
}
