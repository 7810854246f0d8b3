package dev.basalt.mail;

/**
 * The mailer while SMTP is not configured. PocketBase falls back to the local {@code sendmail};
 * Basalt refuses instead, with an error that says what to configure: a server in a container has
 * no sendmail, and mail that silently goes nowhere is worse than a clear failure.
 */
public final class UnconfiguredMailer implements Mailer {

    static final String MESSAGE = "SMTP is not configured: enable smtp in the settings (or set BASALT_SMTP_HOST) to send mail";

    @Override
    public void send(MailMessage message) {
        throw new MailException(MESSAGE);
    }
}
