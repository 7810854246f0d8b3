package dev.basalt.app;

import dev.basalt.mail.AppMeta;
import dev.basalt.mail.MailConfig;
import dev.basalt.mail.MailMessage;
import dev.basalt.mail.Mailer;
import dev.basalt.mail.SmtpConfig;
import dev.basalt.settings.Settings;
import dev.basalt.settings.SettingsService;

/**
 * The mailer and application meta the system emails use, following the runtime settings: when the
 * settings' SMTP block is enabled it wins and is rebuilt on every settings change; otherwise the
 * startup configuration ({@code BASALT_SMTP_*}) applies. Written here because mail and settings
 * do not know each other.
 */
final class SettingsMail implements Mailer {

    private final MailConfig startup;
    // Replaced by the settings listener; read by every send.
    private volatile MailConfig current;
    private volatile Mailer mailer;

    SettingsMail(MailConfig startup, SettingsService settings) {
        this.startup = startup;
        apply(settings.current());
        settings.onChange(this::apply);
    }

    @Override
    public void send(MailMessage message) {
        mailer.send(message);
    }

    AppMeta meta() {
        return current.meta();
    }

    boolean isConfigured() {
        return current.smtp().enabled();
    }

    private void apply(Settings settings) {
        MailConfig next = settings.smtp().enabled() ? fromSettings(settings) : startup;
        current = next;
        mailer = next.mailer();
    }

    private static MailConfig fromSettings(Settings s) {
        Settings.Smtp smtp = s.smtp();
        Settings.Meta meta = s.meta();
        return new MailConfig(
                new SmtpConfig(true, smtp.host(), smtp.port(), smtp.username(), smtp.password(), smtp.tls(),
                        smtp.authMethod(), smtp.localName()),
                new AppMeta(meta.appName(), meta.appURL(), meta.senderName(), meta.senderAddress()));
    }
}
