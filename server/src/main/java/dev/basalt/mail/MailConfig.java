package dev.basalt.mail;

/**
 * The mail part of the startup configuration: the SMTP server and the application's name, URL
 * and sender. Until settings are stored in {@code _params}, the CLI builds it from
 * {@code BASALT_SMTP_*} environment variables.
 */
public record MailConfig(SmtpConfig smtp, AppMeta meta) {

    public static final MailConfig DEFAULT = new MailConfig(SmtpConfig.DISABLED, AppMeta.DEFAULT);

    public MailConfig {
        if (smtp == null || meta == null) {
            throw new IllegalArgumentException("smtp and meta are required");
        }
    }

    /** The mailer for this configuration: SMTP when enabled, otherwise one that refuses to send. */
    public Mailer mailer() {
        return smtp.enabled() ? new SmtpMailer(smtp) : new UnconfiguredMailer();
    }
}
