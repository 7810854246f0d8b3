package dev.basalt.http;

import dev.basalt.testing.Scenario;
import dev.basalt.testing.TestServer;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

class HealthApiTest {

    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @TestFactory
    List<DynamicTest> health() {
        return Scenario.run(server, List.of(
                Scenario.get("/api/health")
                        .expect(200, "\"code\":200", "\"message\":\"API is healthy.\"", "\"data\":{}")
                        .named("a guest gets the plain health answer"),
                Scenario.get("/api/health").asSuperuser()
                        .expect(200, "\"canBackup\":", "\"realIP\":\"127.0.0.1\"", "\"possibleProxyHeader\":\"\"")
                        .named("a superuser also gets the diagnostic data"),
                Scenario.get("/api/health").as(s -> "not-a-token")
                        .expect(200, "\"data\":{}")
                        .named("an invalid token is treated as a guest"),
                Scenario.get("/api/nope")
                        .expect(404, "\"status\":404", "\"data\":{}")
                        .named("an unknown path answers the JSON 404 envelope"),
                Scenario.post("/api/collections/_superusers/auth-with-password", "{\"identity\":\"admin@example.com\",\"password\":\"wrong-password\"}")
                        .expect(400, "\"data\":{}")
                        .notExpect("token")
                        .named("a wrong superuser password is a 400 without token"),
                Scenario.post("/api/collections/_superusers/auth-with-password", "{\"identity\":\"\",\"password\":\"\"}")
                        .expect(400, "\"identity\":{\"code\":\"validation_required\"", "\"password\":{\"code\":\"validation_required\"")
                        .named("empty credentials name both fields"),
                Scenario.post("/api/collections/_superusers/auth-with-password", "{\"identity\":\"admin@example.com\",\"password\":\"1234567890\"}")
                        .expect(200, "\"token\":\"", "\"collectionName\":\"_superusers\"", "\"email\":\"admin@example.com\"")
                        .notExpect("\"password\"", "tokenKey")
                        .named("a superuser logs in and never sees the hash or token key"),
                Scenario.post("/api/collections/_superusers/auth-with-password", "{\"")
                        .expect(400, "\"data\":{}")
                        .named("a malformed body is a 400")));
    }
}
