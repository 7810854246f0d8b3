package dev.basalt.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.basalt.testing.Inbox;
import java.net.ServerSocket;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SmtpMailerTest {

    static Inbox inbox;

    @BeforeAll
    static void start() {
        inbox = Inbox.start();
    }

    @AfterAll
    static void stop() {
        inbox.close();
    }

    @Test
    void sendsHtmlWithAPlainTextAlternative() {
        Mailer mailer = inbox.mailConfig().mailer();
        mailer.send(new MailMessage("Zoë Support", "support@example.com", List.of("someone@example.com"),
                "Grüße ✓", "<p>Hello <strong>there</strong></p><p><a href=\"https://x/y\">Link</a></p>", ""));
        Inbox.Mail mail = inbox.await("someone@example.com");
        assertThat(mail.subject()).isEqualTo("Grüße ✓");
        assertThat(mail.from()).contains("support@example.com").contains("Zo");
        assertThat(mail.html()).contains("<strong>there</strong>");
        assertThat(mail.text()).contains("Hello there").contains("Link (https://x/y)").doesNotContain("<");
    }

    @Test
    void anExplicitPlainTextIsUsedAsIs() {
        inbox.mailConfig().mailer().send(new MailMessage("", "support@example.com", List.of("explicit@example.com"),
                "s", "<p>html</p>", "the text"));
        assertThat(inbox.await("explicit@example.com").text().strip()).isEqualTo("the text");
    }

    @Test
    void anUnreachableServerIsAMailException() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Mailer mailer = new SmtpMailer(new SmtpConfig(true, "127.0.0.1", port, "user", "pw", false, "", ""));
        assertThatThrownBy(() -> mailer.send(new MailMessage("", "a@example.com", List.of("b@example.com"), "s", "h", "")))
                .isInstanceOf(MailException.class).hasMessageContaining("127.0.0.1:" + port).hasMessageNotContaining("pw");
    }

    @Test
    void withoutSmtpTheMailerRefusesWithAClearMessage() {
        Mailer mailer = MailConfig.DEFAULT.mailer();
        assertThat(mailer).isInstanceOf(UnconfiguredMailer.class);
        assertThatThrownBy(() -> mailer.send(new MailMessage("", "a@example.com", List.of("b@example.com"), "s", "h", "")))
                .isInstanceOf(MailException.class).hasMessageContaining("SMTP is not configured");
    }

    @Test
    void theConfigurationValidatesItselfAndHidesThePassword() {
        assertThatThrownBy(() -> new SmtpConfig(true, "", 25, "", "", false, "", "")).hasMessageContaining("host");
        assertThatThrownBy(() -> new SmtpConfig(true, "h", 0, "", "", false, "", "")).hasMessageContaining("port");
        assertThatThrownBy(() -> new SmtpConfig(true, "h", 25, "", "", false, "CRAM", "")).hasMessageContaining("CRAM");
        assertThat(new SmtpConfig(true, "h", 25, "u", "hunter2", false, "plain", "").toString()).doesNotContain("hunter2");
        assertThat(new SmtpConfig(true, "h", 25, "u", "p", false, "plain", "").authMethod()).isEqualTo("PLAIN");
    }
}
