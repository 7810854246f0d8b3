package dev.basalt.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.basalt.mail.AppMeta;
import dev.basalt.mail.MailConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MailEnvironmentTest {

    @Test
    void withoutAHostSmtpIsOffAndMetaHasDefaults() {
        MailConfig c = MailEnvironment.read(Map.of());
        assertThat(c.smtp().enabled()).isFalse();
        assertThat(c.meta()).isEqualTo(AppMeta.DEFAULT);
    }

    @Test
    void readsEveryVariable() {
        MailConfig c = MailEnvironment.read(Map.ofEntries(
                Map.entry("BASALT_SMTP_HOST", "smtp.example.com"), Map.entry("BASALT_SMTP_PORT", "465"),
                Map.entry("BASALT_SMTP_USERNAME", "u"), Map.entry("BASALT_SMTP_PASSWORD", "p"),
                Map.entry("BASALT_SMTP_TLS", "true"), Map.entry("BASALT_SMTP_AUTH_METHOD", "LOGIN"),
                Map.entry("BASALT_SMTP_LOCAL_NAME", "me.example.com"), Map.entry("BASALT_APP_NAME", "Shop"),
                Map.entry("BASALT_APP_URL", "https://shop.example.com/"), Map.entry("BASALT_SENDER_NAME", "Shop"),
                Map.entry("BASALT_SENDER_ADDRESS", "no-reply@shop.example.com")));
        assertThat(c.smtp().enabled()).isTrue();
        assertThat(c.smtp().port()).isEqualTo(465);
        assertThat(c.smtp().tls()).isTrue();
        assertThat(c.smtp().authMethod()).isEqualTo("LOGIN");
        assertThat(c.smtp().localName()).isEqualTo("me.example.com");
        assertThat(c.meta()).isEqualTo(new AppMeta("Shop", "https://shop.example.com", "Shop", "no-reply@shop.example.com"));
    }

    @Test
    void aBadPortIsAOneLineError() {
        assertThatThrownBy(() -> MailEnvironment.read(Map.of("BASALT_SMTP_HOST", "h", "BASALT_SMTP_PORT", "abc")))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("invalid BASALT_SMTP_PORT \"abc\"");
    }
}
