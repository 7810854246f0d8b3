package dev.basalt.mail;

import java.util.List;

/**
 * One email to send. {@code html} is the body; {@code text} an optional plain-text alternative
 * (empty: derived from the HTML by the mailer).
 */
public record MailMessage(String fromName, String fromAddress, List<String> to, String subject, String html, String text) {

    public MailMessage {
        if (to == null || to.isEmpty()) {
            throw new IllegalArgumentException("a message needs at least one recipient");
        }
        to = List.copyOf(to);
        fromName = fromName == null ? "" : fromName;
        fromAddress = fromAddress == null ? "" : fromAddress;
        subject = subject == null ? "" : subject;
        html = html == null ? "" : html;
        text = text == null ? "" : text;
    }
}
