package dev.basalt.testing;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.basalt.mail.AppMeta;
import dev.basalt.mail.MailConfig;
import dev.basalt.mail.SmtpConfig;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real SMTP server in process (GreenMail) on a free loopback port, and what it received. Tests
 * read the mail a flow sent and follow the link or code in it.
 */
public final class Inbox implements AutoCloseable {

    public static final AppMeta META = new AppMeta("Basalt Test", "http://app.example.com", "Test Sender", "sender@example.com");

    private final GreenMail greenMail;

    private Inbox(GreenMail greenMail) {
        this.greenMail = greenMail;
    }

    public static Inbox start() {
        GreenMail g = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        g.start();
        return new Inbox(g);
    }

    public int port() {
        return greenMail.getSmtp().getPort();
    }

    /** Plain SMTP to this inbox, as Basalt's mail configuration. */
    public MailConfig mailConfig() {
        return new MailConfig(new SmtpConfig(true, "127.0.0.1", port(), "", "", false, "", ""), META);
    }

    /** The mails received so far for that address. */
    public List<Mail> to(String address) {
        List<Mail> out = new ArrayList<>();
        for (MimeMessage m : greenMail.getReceivedMessages()) {
            try {
                boolean match = Arrays.stream(m.getRecipients(Message.RecipientType.TO))
                        .anyMatch(a -> ((InternetAddress) a).getAddress().equalsIgnoreCase(address));
                if (match) {
                    out.add(Mail.of(m));
                }
            } catch (MessagingException | IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return out;
    }

    /** Waits (up to 10 s) until {@code count} mails arrived for that address; returns the last. */
    public Mail await(String address, int count) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            List<Mail> mails = to(address);
            if (mails.size() >= count) {
                return mails.get(count - 1);
            }
            sleep(50);
        }
        throw new AssertionError("no mail #" + count + " for " + address + " within 10 s");
    }

    /** The first mail for that address. */
    public Mail await(String address) {
        return await(address, 1);
    }

    /** Lets background sends finish before asserting that nothing (more) arrived. */
    public void settle() {
        sleep(500);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        greenMail.stop();
    }

    /** A received mail: sender, subject, the HTML part and the plain-text part. */
    public record Mail(String from, String subject, String html, String text) {

        static Mail of(MimeMessage m) throws MessagingException, IOException {
            String html = "";
            String text = "";
            if (m.getContent() instanceof MimeMultipart mp) {
                for (int i = 0; i < mp.getCount(); i++) {
                    BodyPart part = mp.getBodyPart(i);
                    if (part.isMimeType("text/html")) {
                        html = (String) part.getContent();
                    } else if (part.isMimeType("text/plain")) {
                        text = (String) part.getContent();
                    }
                }
            }
            return new Mail(m.getFrom()[0].toString(), m.getSubject(), html, text);
        }

        /** The token at the end of a {@code .../route/TOKEN} link in the HTML body. */
        public String linkToken(String route) {
            Matcher m = Pattern.compile("/" + Pattern.quote(route) + "/([A-Za-z0-9_.-]+)").matcher(html);
            if (!m.find()) {
                throw new AssertionError("no " + route + " link in " + html);
            }
            return m.group(1);
        }

        /** The first run of digits inside {@code <strong>} (the OTP of the default template). */
        public String code() {
            Matcher m = Pattern.compile("<strong>(\\d+)</strong>").matcher(html);
            if (!m.find()) {
                throw new AssertionError("no code in " + html);
            }
            return m.group(1);
        }
    }
}
