package dev.basalt.mail;

/** A message could not be handed over to the mail server. */
public final class MailException extends RuntimeException {

    public MailException(String message) {
        super(message);
    }

    public MailException(String message, Throwable cause) {
        super(message, cause);
    }
}
