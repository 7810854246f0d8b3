package dev.basalt.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.basalt.testing.Inbox;
import dev.basalt.testing.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The system emails follow the SMTP and meta settings a superuser saves at runtime. */
class SettingsMailTest {

    Inbox inbox;
    TestServer server;

    @BeforeEach
    void start() {
        inbox = Inbox.start();
        server = TestServer.start();
        AccountFixtures.createCollections(server);
    }

    @AfterEach
    void stop() {
        server.close();
        inbox.close();
    }

    @Test
    void mailGoesThroughTheSmtpServerOfTheSettings() {
        AccountFixtures.createUser(server, "members", "settings@example.com", "first-password-1");
        TestServer.Response saved = server.patch("/api/settings", """
                {"meta": {"appName": "Settings App", "appURL": "http://settings.example.com",
                          "senderName": "Settings Sender", "senderAddress": "settings-sender@example.com"},
                 "smtp": {"enabled": true, "host": "127.0.0.1", "port": %d}}""".formatted(inbox.port()),
                server.superuserToken());
        assertThat(saved.status()).as(saved.body()).isEqualTo(200);

        assertThat(server.post("/api/collections/members/request-password-reset",
                "{\"email\":\"settings@example.com\"}", null).status()).isEqualTo(204);

        Inbox.Mail mail = inbox.await("settings@example.com");
        assertThat(mail.from()).contains("settings-sender@example.com");
        assertThat(mail.html()).contains("http://settings.example.com");
    }
}
