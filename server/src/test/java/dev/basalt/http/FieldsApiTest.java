package dev.basalt.http;

import dev.basalt.testing.Scenario;
import dev.basalt.testing.TestServer;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** {@code ?fields=} on real endpoints: every 2xx JSON answer, never an error envelope. */
class FieldsApiTest {

    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static final String LOGIN = "{\"identity\":\"admin@example.com\",\"password\":\"1234567890\"}";

    @TestFactory
    List<DynamicTest> fields() {
        return Scenario.run(server, List.of(
                Scenario.get("/api/health?fields=message")
                        .expect(200, "{\"message\":\"API is healthy.\"}")
                        .named("one key of the health answer"),
                Scenario.get("/api/health?fields=" + TestServer.encode("code, message"))
                        .expect(200, "\"code\":200", "\"message\":\"API is healthy.\"")
                        .notExpect("\"data\"")
                        .named("a comma and space separated list"),
                Scenario.get("/api/health?fields=*")
                        .expect(200, "\"code\":200", "\"message\":", "\"data\":{}")
                        .named("the star keeps everything"),
                Scenario.get("/api/health?fields=" + TestServer.encode("message:excerpt(3,true)"))
                        .expect(200, "{\"message\":\"API...\"}")
                        .named("excerpt on a string"),
                Scenario.get("/api/health?fields=data.realIP").asSuperuser()
                        .expect(200, "{\"data\":{\"realIP\":\"127.0.0.1\"}}")
                        .named("a nested key"),
                Scenario.get("/api/health?fields=" + TestServer.encode("message:excerpt("))
                        .expect(400, "\"data\":{}")
                        .named("a malformed fields parameter is a 400"),
                Scenario.get("/api/health?fields=" + TestServer.encode("message:unknown(1)"))
                        .expect(400, "\"data\":{}")
                        .named("an unknown modifier is a 400"),
                Scenario.post("/api/collections/_superusers/auth-with-password?fields=token", LOGIN)
                        .expect(200, "{\"token\":\"")
                        .notExpect("\"record\"")
                        .named("only the token of an auth response"),
                Scenario.post("/api/collections/_superusers/auth-with-password?fields=" + TestServer.encode("record.email,record.collectionName"), LOGIN)
                        .expect(200, "{\"record\":{\"collectionName\":\"_superusers\",\"email\":\"admin@example.com\"}}")
                        .named("nested keys of an auth response"),
                Scenario.post("/api/collections/_superusers/auth-with-password?fields=token",
                                "{\"identity\":\"admin@example.com\",\"password\":\"wrong-password\"}")
                        .expect(400, "\"status\":400", "\"message\":", "\"data\":{}")
                        .named("errors are not projected"),
                Scenario.get("/api/nope?fields=status")
                        .expect(404, "\"status\":404", "\"message\":", "\"data\":{}")
                        .named("the 404 envelope is not projected")));
    }
}
