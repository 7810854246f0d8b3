package dev.basalt.auth;

import dev.basalt.collections.fields.Field;
import dev.basalt.mail.AppMeta;
import dev.basalt.mail.EmailTemplate;
import dev.basalt.mail.MailException;
import dev.basalt.mail.MailMessage;
import dev.basalt.mail.Mailer;
import dev.basalt.records.Record;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The system emails of auth records, rendered from the collection's templates and sent in the
 * background: the request that triggers one answers at once, whether or not the record exists
 * or the SMTP server is slow, so neither the status nor the timing tells an address apart. A
 * failure is logged (without body or token) and never reaches the client.
 */
public final class SystemMails {

    private static final Logger log = LoggerFactory.getLogger(SystemMails.class);

    private final Mailer mailer;
    private final Supplier<AppMeta> meta;
    private final Executor executor;

    /** Sends on virtual threads. {@code meta} is read for every mail, so edited settings apply at once. */
    public SystemMails(Mailer mailer, Supplier<AppMeta> meta) {
        this(mailer, meta, Executors.newVirtualThreadPerTaskExecutor());
    }

    public SystemMails(Mailer mailer, Supplier<AppMeta> meta, Executor executor) {
        this.mailer = mailer;
        this.meta = meta;
        this.executor = executor;
    }

    void sendVerification(Record r, String token) {
        send("verification", r, r.getString("email"), "verificationTemplate", Map.of("TOKEN", token));
    }

    void sendPasswordReset(Record r, String token) {
        send("password-reset", r, r.getString("email"), "resetPasswordTemplate", Map.of("TOKEN", token));
    }

    void sendEmailChange(Record r, String newEmail, String token) {
        send("email-change", r, newEmail, "confirmEmailChangeTemplate", Map.of("TOKEN", token));
    }

    void sendOtp(Record r, String to, String otpId, String otp) {
        send("otp", r, to, "otp", Map.of("OTP", otp, "OTP_ID", otpId));
    }

    void sendAuthAlert(Record r, String alertInfo) {
        send("login-alert", r, r.getString("email"), "authAlert", Map.of("ALERT_INFO", alertInfo));
    }

    private void send(String kind, Record r, String to, String templateOption, Map<String, String> extra) {
        AppMeta app = meta.get();
        Object options = r.collection().options().get(templateOption);
        // otp and authAlert nest their template under emailTemplate.
        if (options instanceof Map<?, ?> m && m.containsKey("emailTemplate")) {
            options = m.get("emailTemplate");
        }
        EmailTemplate.Rendered mail = EmailTemplate.of(options).render(placeholders(app, r, extra));
        MailMessage message = new MailMessage(app.senderName(), app.senderAddress(), List.of(to), mail.subject(),
                mail.html(), "");
        String collection = r.collection().name();
        String id = r.id();
        executor.execute(() -> {
            try {
                mailer.send(message);
                log.info("mail sent kind={} collection={} record={}", kind, collection, id);
            } catch (MailException e) {
                log.warn("mail not sent kind={} collection={} record={} reason={}", kind, collection, id, e.getMessage());
            } catch (RuntimeException e) {
                log.error("mail not sent kind={} collection={} record={}", kind, collection, id, e);
            }
        });
    }

    private static Map<String, String> placeholders(AppMeta app, Record r, Map<String, String> extra) {
        Map<String, String> values = new HashMap<>(extra);
        values.put("APP_NAME", app.appName());
        values.put("APP_URL", app.appUrl());
        for (Field f : r.collection().fields()) {
            if (!f.hidden()) {
                values.put("RECORD:" + f.name(), text(r.get(f.name())));
            }
        }
        return values;
    }

    private static String text(Object value) {
        return switch (value) {
            case null -> "";
            case Double d when d == Math.rint(d) && !d.isInfinite() -> Long.toString(d.longValue());
            case List<?> list -> String.join(",", list.stream().map(String::valueOf).toList());
            default -> value.toString();
        };
    }
}
