package dev.basalt.mail;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Date;
import java.util.Properties;

/**
 * Sends mail over SMTP with Jakarta Mail (Eclipse Angus). Each message is an HTML body with a
 * plain-text alternative. One connection per message: system mail is rare, and a pooled
 * connection would need its own health checks. Never logs a message body (it carries tokens).
 */
public final class SmtpMailer implements Mailer {

    /** Connect, read and write timeouts: a slow SMTP server must not hold a request thread forever. */
    static final Duration TIMEOUT = Duration.ofSeconds(15);

    private final SmtpConfig config;
    private final Session session;

    public SmtpMailer(SmtpConfig config) {
        if (!config.enabled()) {
            throw new IllegalArgumentException("SMTP is not enabled");
        }
        this.config = config;
        this.session = Session.getInstance(properties(config));
    }

    @Override
    public void send(MailMessage message) {
        try {
            MimeMessage mime = new MimeMessage(session);
            mime.setFrom(address(message.fromAddress(), message.fromName()));
            for (String to : message.to()) {
                mime.addRecipient(Message.RecipientType.TO, new InternetAddress(to, true));
            }
            mime.setSubject(message.subject(), StandardCharsets.UTF_8.name());
            mime.setSentDate(new Date());
            mime.setContent(alternative(message));
            mime.saveChanges();
            try (Transport transport = session.getTransport()) {
                if (config.username().isEmpty()) {
                    transport.connect(config.host(), config.port(), null, null);
                } else {
                    transport.connect(config.host(), config.port(), config.username(), config.password());
                }
                transport.sendMessage(mime, mime.getAllRecipients());
            }
        } catch (MessagingException | UnsupportedEncodingException e) {
            throw new MailException("cannot send mail through " + config.host() + ":" + config.port() + ": "
                    + e.getMessage(), e);
        }
    }

    private static MimeMultipart alternative(MailMessage message) throws MessagingException {
        // multipart/alternative lists the plainest part first; clients show the last they understand.
        MimeMultipart multipart = new MimeMultipart("alternative");
        MimeBodyPart text = new MimeBodyPart();
        text.setText(message.text().isEmpty() ? PlainText.of(message.html()) : message.text(),
                StandardCharsets.UTF_8.name(), "plain");
        multipart.addBodyPart(text);
        MimeBodyPart html = new MimeBodyPart();
        html.setText(message.html(), StandardCharsets.UTF_8.name(), "html");
        multipart.addBodyPart(html);
        return multipart;
    }

    private static InternetAddress address(String address, String name) throws MessagingException, UnsupportedEncodingException {
        InternetAddress a = new InternetAddress(address, true);
        if (!name.isEmpty()) {
            a.setPersonal(name, StandardCharsets.UTF_8.name());
        }
        return a;
    }

    private static Properties properties(SmtpConfig config) {
        String protocol = config.tls() ? "smtps" : "smtp";
        String prefix = "mail." + protocol + ".";
        String timeout = String.valueOf(TIMEOUT.toMillis());
        Properties p = new Properties();
        p.put("mail.transport.protocol", protocol);
        p.put(prefix + "host", config.host());
        p.put(prefix + "port", String.valueOf(config.port()));
        p.put(prefix + "auth", String.valueOf(!config.username().isEmpty()));
        p.put(prefix + "connectiontimeout", timeout);
        p.put(prefix + "timeout", timeout);
        p.put(prefix + "writetimeout", timeout);
        if (config.tls()) {
            p.put(prefix + "ssl.checkserveridentity", "true");
        } else {
            // Upgrade when the server offers STARTTLS, as PocketBase's Go client does; a server
            // without it (a local relay, a test server) is still used in plain text.
            p.put(prefix + "starttls.enable", "true");
        }
        if (!config.authMethod().isEmpty()) {
            p.put(prefix + "auth.mechanisms", config.authMethod());
        }
        if (!config.localName().isEmpty()) {
            p.put(prefix + "localhost", config.localName());
        }
        return p;
    }
}
