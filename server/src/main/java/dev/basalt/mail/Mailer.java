package dev.basalt.mail;

/** Sends email. Implementations must be safe to call from many threads. */
public interface Mailer {

    /** Sends the message; throws {@link MailException} when it could not be handed over. */
    void send(MailMessage message);
}
