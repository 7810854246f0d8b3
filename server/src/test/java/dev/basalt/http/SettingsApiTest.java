package dev.basalt.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.basalt.settings.Settings;
import dev.basalt.testing.Scenario;
import dev.basalt.testing.TestServer;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class SettingsApiTest {

    // The scenarios read and fail to change the settings of `server`; the tests that do change
    // settings use `changed`, so that no order of execution matters.
    static TestServer server;
    static TestServer changed;
    static String userToken;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        changed = TestServer.start();
        userToken = AuthUsers.create(server, "settings-user@example.com");
    }

    @AfterAll
    static void stop() {
        server.close();
        changed.close();
    }

    @TestFactory
    List<DynamicTest> access() {
        return Scenario.run(server, List.of(
                Scenario.get("/api/settings")
                        .expect(401, "\"status\":401", "\"data\":{}")
                        .named("a guest cannot read the settings"),
                Scenario.get("/api/settings").as(s -> userToken)
                        .expect(403, "\"status\":403", "\"data\":{}")
                        .named("a regular user cannot read the settings"),
                Scenario.patch("/api/settings", "{\"meta\":{\"appName\":\"Hacked\"}}")
                        .expect(401, "\"data\":{}")
                        .named("a guest cannot update the settings"),
                Scenario.patch("/api/settings", "{\"meta\":{\"appName\":\"Hacked\"}}").as(s -> userToken)
                        .expect(403, "\"data\":{}")
                        .named("a regular user cannot update the settings"),
                Scenario.get("/api/settings").asSuperuser()
                        .expect(200, "\"meta\":{\"appName\":\"Acme\",\"appURL\":\"http://localhost:8090\"",
                                "\"senderAddress\":\"support@example.com\"",
                                "\"smtp\":{\"enabled\":false,\"port\":587,\"host\":\"smtp.example.com\"",
                                "\"batch\":{\"enabled\":false,\"maxRequests\":50,\"timeout\":3,\"maxBodySize\":0}",
                                "{\"label\":\"*:auth\",\"audience\":\"\",\"duration\":3,\"maxRequests\":2}",
                                "{\"label\":\"/api/\",\"audience\":\"\",\"duration\":10,\"maxRequests\":300}",
                                "\"trustedProxy\":{\"headers\":[],\"useLeftmostIP\":false}",
                                "\"superuserIPs\":[]", "\"logs\":{\"maxDays\":5,\"minLevel\":0,\"logIP\":true,\"logAuthId\":false}")
                        .notExpect("\"password\"", "\"secret\"")
                        .named("a superuser reads PocketBase's default settings without secret keys")));
    }

    @TestFactory
    List<DynamicTest> validation() {
        return Scenario.run(server, List.of(
                Scenario.patch("/api/settings", "{\"meta\":{\"appName\":\"\",\"senderAddress\":\"nope\"}}").asSuperuser()
                        .expect(400, "\"message\":\"An error occurred while saving the new settings.\"",
                                "\"meta\":{\"appName\":{\"code\":\"validation_required\"",
                                "\"senderAddress\":{\"code\":\"validation_is_email\"")
                        .named("blank app name and invalid sender address are field errors under meta"),
                Scenario.patch("/api/settings", "{\"smtp\":{\"enabled\":true,\"host\":\"\",\"authMethod\":\"CRAM\"}}").asSuperuser()
                        .expect(400, "\"smtp\":{\"host\":{\"code\":\"validation_required\"", "\"authMethod\":{\"code\":\"validation_in_invalid\"")
                        .named("an enabled SMTP needs a host and a known auth method"),
                Scenario.patch("/api/settings", "{\"s3\":{\"enabled\":true}}").asSuperuser()
                        .expect(400, "\"s3\":{\"endpoint\":{\"code\":\"validation_required\"", "\"secret\":{\"code\":\"validation_required\"")
                        .named("an enabled S3 needs its endpoint, bucket, region and keys"),
                Scenario.patch("/api/settings", "{\"backups\":{\"cron\":\"every day\"}}").asSuperuser()
                        .expect(400, "\"backups\":{\"cron\":{\"code\":\"validation_invalid_cron\"")
                        .named("a backup cron must be a 5-field expression"),
                Scenario.patch("/api/settings", "{\"rateLimits\":{\"rules\":[{\"label\":\"bad label!\",\"duration\":0,\"maxRequests\":1,\"audience\":\"@all\"}]}}").asSuperuser()
                        .expect(400, "\"rules\":{\"0\":{\"label\":{\"code\":\"validation_match_invalid\"",
                                "\"duration\":{\"code\":\"validation_required\"", "\"audience\":{\"code\":\"validation_in_invalid\"")
                        .named("a rate-limit rule needs a valid label, a duration and a known audience"),
                Scenario.patch("/api/settings", "{\"rateLimits\":{\"rules\":[{\"label\":\"/api/\",\"duration\":1,\"maxRequests\":1},{\"label\":\"/api/\",\"duration\":2,\"maxRequests\":2}]}}").asSuperuser()
                        .expect(400, "\"rules\":{\"1\":{\"label\":{\"code\":\"validation_conflicting_rate_limit_rule\"")
                        .named("two rules with the same label and audience conflict"),
                Scenario.patch("/api/settings", "{\"rateLimits\":{\"enabled\":true,\"rules\":[]}}").asSuperuser()
                        .expect(400, "\"rateLimits\":{\"rules\":{\"code\":\"validation_required\"")
                        .named("enabled rate limiting needs at least one rule"),
                Scenario.patch("/api/settings", "{\"superuserIPs\":[\"10.0.0.0/8\",\"not-an-ip\"]}").asSuperuser()
                        .expect(400, "\"superuserIPs\":{\"1\":{\"code\":\"validation_invalid_ip_or_subnet\"")
                        .named("superuser IPs must be addresses or subnets"),
                Scenario.patch("/api/settings", "{\"smtp\":{\"port\":\"not a number\"}}").asSuperuser()
                        .expect(400, "\"message\":\"An error occurred while loading the submitted data.\"", "\"data\":{}")
                        .named("a value of the wrong type is a loading error"),
                Scenario.patch("/api/settings", "{\"meta\":\"flat\"}").asSuperuser()
                        .expect(400, "\"message\":\"An error occurred while loading the submitted data.\"", "\"data\":{}")
                        .named("a value where an object belongs is a loading error"),
                Scenario.get("/api/settings").asSuperuser()
                        .expect(200, "\"appName\":\"Acme\"", "\"superuserIPs\":[]")
                        .named("failed updates changed nothing")));
    }

    @Test
    void updateDeepMergesSavesAndNeverAnswersSecrets() {
        String su = changed.superuserToken();
        TestServer.Response r = changed.patch("/api/settings", """
                {"meta":{"appName":"Basalt test"},
                 "smtp":{"enabled":true,"host":"mail.example.com","port":2525,"username":"u","password":"s3cr3t-pass","authMethod":"LOGIN"},
                 "s3":{"secret":"s3-secret-key","bucket":"b"},
                 "backups":{"s3":{"secret":"backup-secret"}}}""", su);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode json = r.json();
        assertThat(json.at("/meta/appName").asText()).isEqualTo("Basalt test");
        assertThat(json.at("/meta/senderName").asText()).as("untouched keys keep their value").isEqualTo("Support");
        assertThat(json.at("/smtp/port").asInt()).isEqualTo(2525);
        assertThat(r.body()).doesNotContain("s3cr3t-pass", "s3-secret-key", "backup-secret", "\"password\"", "\"secret\"");

        Settings stored = changed.basalt().settings().current();
        assertThat(stored.smtp().password()).isEqualTo("s3cr3t-pass");
        assertThat(stored.s3().secret()).isEqualTo("s3-secret-key");
        assertThat(stored.smtp().toString()).doesNotContain("s3cr3t-pass");

        TestServer.Response again = changed.patch("/api/settings", "{\"smtp\":{\"host\":\"mail2.example.com\"}}", su);
        assertThat(again.status()).as(again.body()).isEqualTo(200);
        assertThat(changed.basalt().settings().current().smtp().password())
                .as("a PATCH without the password keeps it").isEqualTo("s3cr3t-pass");
        assertThat(changed.get("/api/settings", su).body()).doesNotContain("s3cr3t-pass").contains("mail2.example.com");
    }

    @Test
    void settingsSurviveARestartFromTheDatabase() {
        String su = changed.superuserToken();
        assertThat(changed.patch("/api/settings", "{\"trustedProxy\":{\"headers\":[\"X-Real-IP\"]},\"logs\":{\"maxDays\":7}}", su)
                .status()).isEqualTo(200);
        Settings reloaded = dev.basalt.settings.SettingsService.load(changed.basalt().database()).current();
        assertThat(reloaded.trustedProxy().headers()).containsExactly("X-Real-IP");
        assertThat(reloaded.logs().maxDays()).isEqualTo(7);
        assertThat(changed.patch("/api/settings", "{\"trustedProxy\":{\"headers\":null}}", su).status()).isEqualTo(200);
        assertThat(changed.basalt().settings().current().trustedProxy().headers()).as("null empties a list").isEmpty();
    }
}
