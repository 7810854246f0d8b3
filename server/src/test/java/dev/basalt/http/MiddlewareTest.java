package dev.basalt.http;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.basalt.testing.Scenario;
import dev.basalt.testing.TestServer;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.slf4j.LoggerFactory;

/** The middleware every request passes, in {@link HttpServer}'s order. */
class MiddlewareTest {

    static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
    static final int LIMIT = 1024;
    static final String LOGIN = "/api/collections/_superusers/auth-with-password";

    static TestServer server;
    static TestServer restricted;

    @BeforeAll
    static void start() {
        server = TestServer.start(new HttpConfig("127.0.0.1", 0, LIMIT, List.of("*")));
        restricted = TestServer.start(new HttpConfig("127.0.0.1", 0, HttpConfig.DEFAULT_MAX_BODY,
                List.of("https://app.example.com", "https://admin.example.com")));
    }

    @AfterAll
    static void stop() {
        server.close();
        restricted.close();
    }

    @TestFactory
    List<DynamicTest> requestId() {
        return Scenario.run(server, List.of(
                Scenario.get("/api/health")
                        .expect(200).expectHeaderMatching("X-Request-Id", UUID)
                        .named("a request without an id gets a generated one"),
                Scenario.get("/api/health").header("X-Request-Id", "lb-7f3a.42:1")
                        .expect(200).expectHeader("X-Request-Id", "lb-7f3a.42:1")
                        .named("a sane incoming id is kept"),
                Scenario.get("/api/health").header("X-Request-Id", "a b\"c")
                        .expect(200).expectHeaderMatching("X-Request-Id", UUID)
                        .named("an id with spaces or quotes is replaced"),
                Scenario.get("/api/health").header("X-Request-Id", "x".repeat(129))
                        .expect(200).expectHeaderMatching("X-Request-Id", UUID)
                        .named("an overlong id is replaced"),
                Scenario.get("/api/nope")
                        .expect(404, "\"status\":404").expectHeaderMatching("X-Request-Id", UUID)
                        .named("an unmatched path also carries an id")));
    }

    @TestFactory
    List<DynamicTest> errors() {
        return Scenario.run(server, List.of(
                Scenario.get("/api/no/such/route")
                        .expect(404, "{\"status\":404,\"message\":\"The requested resource wasn't found.\",\"data\":{}}")
                        .named("an unmatched path answers PocketBase's 404 envelope"),
                Scenario.delete("/")
                        .expect(404, "{\"status\":404,\"message\":\"The requested resource wasn't found.\",\"data\":{}}")
                        .named("an unmatched method and path also answer the 404 envelope")));
    }

    @TestFactory
    List<DynamicTest> corsAnyOrigin() {
        return Scenario.run(server, List.of(
                Scenario.get("/api/health").header("Origin", "https://elsewhere.example")
                        .expect(200).expectHeader("Access-Control-Allow-Origin", "*")
                        .named("by default any origin may read responses"),
                Scenario.request("OPTIONS", LOGIN)
                        .header("Origin", "https://elsewhere.example")
                        .header("Access-Control-Request-Method", "POST")
                        .header("Access-Control-Request-Headers", "authorization,content-type")
                        .expect(200)
                        .expectHeader("Access-Control-Allow-Origin", "*")
                        .expectHeader("Access-Control-Allow-Methods", "POST")
                        .expectHeader("Access-Control-Allow-Headers", "authorization,content-type")
                        .named("a preflight is answered with the requested method and headers"),
                Scenario.get("/api/health")
                        .expect(200).expectHeader("Access-Control-Allow-Origin", null)
                        .named("a same-origin request gets no CORS headers")));
    }

    @TestFactory
    List<DynamicTest> corsConfiguredOrigins() {
        return Scenario.run(restricted, List.of(
                Scenario.get("/api/health").header("Origin", "https://admin.example.com")
                        .expect(200).expectHeader("Access-Control-Allow-Origin", "https://admin.example.com")
                        .named("a configured origin is allowed"),
                Scenario.get("/api/health").header("Origin", "https://evil.example")
                        .expect(200, "API is healthy.").expectHeader("Access-Control-Allow-Origin", null)
                        .named("another origin gets no CORS grant")));
    }

    @TestFactory
    List<DynamicTest> bodyLimit() {
        String justUnder = login("x".repeat(LIMIT - 100));
        String over = login("x".repeat(LIMIT + 1));
        return Scenario.run(server, List.of(
                Scenario.post(LOGIN, justUnder)
                        .expect(400, "\"status\":400")
                        .named("a body under the limit reaches the handler"),
                Scenario.post(LOGIN, over)
                        .expect(413, "{\"status\":413,\"message\":\"Request entity too large.\",\"data\":{}}")
                        .expectHeader("X-Content-Type-Options", "nosniff")
                        .named("a body over the limit is a 413 envelope")));
    }

    @Test
    void bodyWithoutLengthOverTheLimitIsRefused() throws Exception {
        byte[] body = login("x".repeat(LIMIT * 4)).getBytes();
        // An input stream publisher sends the body chunked, without Content-Length.
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.baseUrl() + LOGIN))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                .build();
        try (HttpClient client = HttpClient.newHttpClient()) {
            HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(413);
            assertThat(r.body()).isEqualTo("{\"status\":413,\"message\":\"Request entity too large.\",\"data\":{}}");
        }
    }

    @TestFactory
    List<DynamicTest> head() {
        return Scenario.run(server, List.of(
                Scenario.request("HEAD", "/api/health")
                        .expect(200).expectHeader("Content-Type", "application/json")
                        .named("HEAD is answered for a GET route, without a body"),
                Scenario.request("HEAD", "/api/nope")
                        .expect(404)
                        .named("HEAD of an unknown path is a 404")));
    }

    @Test
    void requestLogIsOneLineWithoutQueryStringOrToken() {
        Logger logger = (Logger) LoggerFactory.getLogger(RequestLog.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        try {
            server.send("GET", "/api/health?token=secret-query-token", null, "secret-header-token",
                    Map.of("X-Request-Id", "log-test-1"));
            server.send("POST", LOGIN, "{\"identity\":\"a@b.c\",\"password\":\"secret-password\"}", null,
                    Map.of("X-Request-Id", "log-test-2"));
        } finally {
            logger.detachAppender(appender);
        }
        List<ILoggingEvent> ours = appender.list.stream()
                .filter(e -> e.getMDCPropertyMap().getOrDefault("requestId", "").startsWith("log-test-"))
                .toList();
        assertThat(ours).hasSize(2);
        assertThat(ours.get(0).getFormattedMessage())
                .matches("request method=GET path=/api/health status=200 durationMs=\\d+");
        assertThat(ours.get(1).getFormattedMessage())
                .matches("request method=POST path=" + LOGIN + " status=400 durationMs=\\d+");
        assertThat(ours).allSatisfy(e -> {
            assertThat(e.getLevel().toString()).isEqualTo("INFO");
            assertThat(e.getFormattedMessage()).doesNotContain("secret");
        });
    }

    private static String login(String password) {
        return "{\"identity\":\"admin@example.com\",\"password\":\"" + password + "\"}";
    }
}
