package dev.basalt.http;

import static dev.basalt.http.BatchFixtures.batch;
import static dev.basalt.http.BatchFixtures.create;
import static org.assertj.core.api.Assertions.assertThat;

import dev.basalt.settings.Settings;
import dev.basalt.testing.TestServer;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The batch settings: enabled, maxRequests, maxBodySize and timeout; and the batch rate limit. */
class BatchLimitsApiTest {

    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        BatchFixtures.createAll(server);
        BatchFixtures.defaults(server);
        // A password field hashed at bcrypt cost 14 takes about a second per value: a batch slow
        // enough to pass a one-second timeout without any test hook.
        BatchFixtures.collection(server, """
                {"name":"b_slow","type":"base","listRule":"","viewRule":"","createRule":"",
                 "fields":[{"type":"text","name":"title"},{"type":"password","name":"secret","cost":14}]}""");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @AfterEach
    void restore() {
        BatchFixtures.defaults(server);
    }

    @Test
    void aDisabledBatchIsForbidden() {
        BatchFixtures.settings(server, false, 50, 3, 0);
        TestServer.Response r = server.post("/api/batch", batch(create("b_authors", "{\"name\":\"x\"}")),
                server.superuserToken());
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.body()).contains("\"message\":\"Batch requests are not allowed.\"", "\"data\":{}");
    }

    @Test
    void maxRequestsBoundsTheCount() {
        BatchFixtures.settings(server, true, 2, 3, 0);
        String three = batch(create("b_authors", "{}"), create("b_authors", "{}"), create("b_authors", "{}"));
        TestServer.Response r = server.post("/api/batch", three, null);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body()).contains("\"requests\":{\"code\":\"validation_length_too_long\"",
                "\"message\":\"The length must be no more than 2.\"");
    }

    @Test
    void aBodyOverMaxBodySizeIsTooLarge() {
        BatchFixtures.settings(server, true, 50, 3, 10);
        TestServer.Response r = server.post("/api/batch", batch(create("b_authors", "{\"name\":\"big\"}")),
                server.superuserToken());
        assertThat(r.status()).isEqualTo(413);
        assertThat(r.body()).contains("\"data\":{}");
    }

    @Test
    void aStreamedBodyIsCutOffAtMaxBodySize() throws Exception {
        BatchFixtures.settings(server, true, 50, 3, 100);
        byte[] body = batch(create("b_authors", "{\"name\":\"" + "x".repeat(200) + "\"}")).getBytes(StandardCharsets.UTF_8);
        // No Content-Length: the body arrives chunked and is counted as it is read.
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/batch"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(413);
        assertThat(r.body()).contains("\"data\":{}");
    }

    @Test
    void aBatchBodyMayExceedTheGlobalBodyLimit() {
        // 33 MiB: over the 32 MiB every other route accepts, under the batch default of 128 MiB. The
        // empty list of requests makes it a validation error once it has been read.
        String body = "{\"requests\":[]" + " ".repeat(33 << 20) + "}";
        TestServer.Response r = server.post("/api/batch", body, null);
        assertThat(r.status()).as("read, then refused for its content").isEqualTo(400);
        assertThat(r.body()).contains("\"requests\":{\"code\":\"validation_required\"");
    }

    @Test
    void aBatchPastItsTimeoutRollsBack() {
        BatchFixtures.settings(server, true, 50, 1, 0);
        String slow = "{\"title\":\"slow\",\"secret\":\"0123456789\"}";
        TestServer.Response r = server.post("/api/batch",
                batch(create("b_slow", slow), create("b_slow", slow), create("b_slow", slow)), server.superuserToken());
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.body()).contains("\"message\":\"Batch transaction failed.\"", "\"data\":{}");
        assertThat(server.get("/api/collections/b_slow/records", server.superuserToken()).body())
                .contains("\"totalItems\":0");
    }

    @Test
    void theBatchRouteIsRateLimitedByItsPathRule() {
        assertThat(Settings.defaults().rateLimits().rules()).extracting(Settings.RateLimitRule::label).contains("/api/batch");
        Settings s = server.basalt().settings().current();
        try {
            server.basalt().settings().replace(s.withRateLimits(new Settings.RateLimits(true, List.of(),
                    List.of(new Settings.RateLimitRule("/api/batch", "", 60, 1)))));
            String one = batch(create("b_authors", "{\"name\":\"limited\"}"));
            assertThat(server.post("/api/batch", one, null).status()).isEqualTo(200);
            TestServer.Response second = server.post("/api/batch", one, null);
            assertThat(second.status()).isEqualTo(429);
            assertThat(second.body()).contains("\"data\":{}");
        } finally {
            server.basalt().settings().replace(server.basalt().settings().current().withRateLimits(s.rateLimits()));
        }
    }
}
