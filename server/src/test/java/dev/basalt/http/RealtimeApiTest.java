package dev.basalt.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.basalt.testing.TestServer;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code GET} and {@code POST /api/realtime}: the stream's opening and the subscription rules (§6.1, §6.2, §10 41-42). */
class RealtimeApiTest {

    static TestServer server;
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static String body(String clientId, List<String> topics) {
        StringBuilder b = new StringBuilder("{\"clientId\":\"" + clientId + "\",\"subscriptions\":[");
        for (int i = 0; i < topics.size(); i++) {
            b.append(i == 0 ? "" : ",").append(Json.MAPPER.valueToTree(topics.get(i)).toString());
        }
        return b.append("]}").toString();
    }

    @Test
    void connectStreamsPbConnectWithTheClientIdAsEventId() throws Exception {
        try (RecordingSseClient sse = RecordingSseClient.connect(HTTP, server.baseUrl())) {
            assertThat(sse.response().headers().firstValue("Content-Type")).get().asString().startsWith("text/event-stream");
            assertThat(sse.response().headers().firstValue("Cache-Control")).hasValue("no-store");
            assertThat(sse.response().headers().firstValue("X-Accel-Buffering")).hasValue("no");
            assertThat(sse.clientId()).hasSize(40).matches("[A-Za-z0-9]+");
        }
    }

    @Test
    void theFirstBytesAreFramedWithoutSpacesAfterColons() throws Exception {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", server.basalt().port())) {
            socket.getOutputStream().write(("GET /api/realtime HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").getBytes());
            socket.setSoTimeout(5000);
            byte[] buf = new byte[4096];
            StringBuilder got = new StringBuilder();
            while (!got.toString().contains("\n\n")) {
                int n = socket.getInputStream().read(buf);
                if (n < 0) {
                    break;
                }
                got.append(new String(buf, 0, n));
            }
            assertThat(got.toString()).startsWith("HTTP/1.1 200").containsPattern(
                    "\r\n\r\n[0-9a-fA-F]+\r\nid:([A-Za-z0-9]{40})\nevent:PB_CONNECT\ndata:\\{\"clientId\":\"\\1\"\\}\n\n");
        }
    }

    @Test
    void anUnknownClientIsNotFound() {
        TestServer.Response r = server.post("/api/realtime", body("missing", List.of("test1", "test2")), null);
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.body()).contains("\"data\":{}");
    }

    @Test
    void aMissingClientIdIsRequired() {
        TestServer.Response r = server.post("/api/realtime", "{}", null);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body()).contains("\"clientId\":{\"code\":\"validation_required\"").doesNotContain("\"subscriptions\"");
    }

    @Test
    void atMostAThousandSubscriptions() {
        try (RecordingSseClient sse = RecordingSseClient.connect(HTTP, server.baseUrl())) {
            List<String> topics = new ArrayList<>();
            for (int i = 0; i < 1001; i++) {
                topics.add(Integer.toString(i));
            }
            TestServer.Response tooMany = server.post("/api/realtime", body(sse.clientId(), topics), null);
            assertThat(tooMany.status()).isEqualTo(400);
            assertThat(tooMany.body()).contains("\"subscriptions\":{\"code\":\"validation_length_too_long\"");
            assertThat(server.post("/api/realtime", body(sse.clientId(), topics.subList(0, 1000)), null).status())
                    .isEqualTo(204);
        }
    }

    @Test
    void eachSubscriptionIsAtMost2500Characters() {
        try (RecordingSseClient sse = RecordingSseClient.connect(HTTP, server.baseUrl())) {
            TestServer.Response tooLong = server.post("/api/realtime", body(sse.clientId(), List.of("abc", "a".repeat(2501))), null);
            assertThat(tooLong.status()).isEqualTo(400);
            assertThat(tooLong.body()).contains("\"subscriptions\":{\"1\":{\"code\":\"validation_length_too_long\"");
            assertThat(server.post("/api/realtime", body(sse.clientId(), List.of("abc", "a".repeat(2500))), null).status())
                    .isEqualTo(204);
        }
    }

    @Test
    void anEmptyListUnsubscribesFromEverything() {
        try (RecordingSseClient sse = RecordingSseClient.connect(HTTP, server.baseUrl())) {
            assertThat(server.post("/api/realtime", body(sse.clientId(), List.of("test0")), null).status()).isEqualTo(204);
            assertThat(server.post("/api/realtime", body(sse.clientId(), List.of()), null).status()).isEqualTo(204);
            assertThat(server.basalt().realtime().isConnected(sse.clientId())).isTrue();
        }
    }

    @Test
    void aRequestFromAnotherIpIsRefused() {
        server.patch("/api/settings", "{\"trustedProxy\":{\"headers\":[\"X-Real-IP\"]}}", server.superuserToken());
        try (RecordingSseClient sse = RecordingSseClient.connect(HTTP, server.baseUrl(), Map.of("X-Real-IP", "10.0.0.1"))) {
            TestServer.Response other = server.send("POST", "/api/realtime", body(sse.clientId(), List.of("a")), null,
                    Map.of("X-Real-IP", "10.0.0.2"));
            assertThat(other.status()).isEqualTo(400);
            TestServer.Response same = server.send("POST", "/api/realtime", body(sse.clientId(), List.of("a")), null,
                    Map.of("X-Real-IP", "10.0.0.1"));
            assertThat(same.status()).isEqualTo(204);
        } finally {
            server.patch("/api/settings", "{\"trustedProxy\":{\"headers\":[]}}", server.superuserToken());
        }
    }

    @Test
    void aGuestClientMayBecomeAuthenticatedButNotSwitchOrDropItsAuth() {
        String alice = server.createUser("rt-alice@example.com", "1234567890");
        String bob = server.createUser("rt-bob@example.com", "1234567890");
        try (RecordingSseClient sse = RecordingSseClient.connect(HTTP, server.baseUrl())) {
            String body = body(sse.clientId(), List.of("test1"));
            assertThat(server.post("/api/realtime", body, null).status()).as("guest").isEqualTo(204);
            assertThat(server.post("/api/realtime", body, alice).status()).as("guest -> auth").isEqualTo(204);
            assertThat(server.post("/api/realtime", body, alice).status()).as("same auth").isEqualTo(204);
            TestServer.Response switched = server.post("/api/realtime", body, bob);
            assertThat(switched.status()).as("another auth").isEqualTo(403);
            assertThat(switched.body()).contains("\"data\":{}");
            assertThat(server.post("/api/realtime", body, null).status()).as("auth -> guest").isEqualTo(403);
            assertThat(server.post("/api/realtime", body, server.superuserToken()).status()).as("superuser").isEqualTo(403);
        }
    }

    @Test
    void aClosedStreamForgetsItsClient() throws Exception {
        RecordingSseClient sse = RecordingSseClient.connect(HTTP, server.baseUrl());
        String id = sse.clientId();
        assertThat(server.post("/api/realtime", body(id, List.of("x")), null).status()).isEqualTo(204);
        assertThat(server.basalt().realtime().isConnected(id)).isTrue();
        sse.close();
        // Without a keep-alive ping the server learns of a closed peer when a write fails.
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (server.basalt().realtime().isConnected(id) && System.nanoTime() < deadline) {
            server.basalt().realtime().sendToClient(id, "x", "{}", "");
            Thread.sleep(50);
        }
        assertThat(server.basalt().realtime().isConnected(id)).isFalse();
        assertThat(server.post("/api/realtime", body(id, List.of("x")), null).status()).isEqualTo(404);
    }
}
