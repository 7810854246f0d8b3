package dev.basalt.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.basalt.realtime.RealtimeConfig;
import dev.basalt.testing.TestServer;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The idle timeout and the lifetime limit of SSE connections, with short configured durations. */
class RealtimeLifetimeTest {

    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void anIdleConnectionIsClosedAndForgotten() {
        try (TestServer server = TestServer.start(c -> c.withRealtime(
                new RealtimeConfig(Duration.ofMillis(800), Duration.ofMinutes(5))))) {
            RecordingSseClient sse = RecordingSseClient.connect(HTTP, server.baseUrl());
            long start = System.nanoTime();
            assertThat(sse.awaitEnd(Duration.ofSeconds(10))).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
            assertThat(server.basalt().realtime().isConnected(sse.clientId())).isFalse();
        }
    }

    @Test
    void deliveredMessagesKeepAConnectionAlive() throws Exception {
        try (TestServer server = TestServer.start(c -> c.withRealtime(
                new RealtimeConfig(Duration.ofMillis(1500), Duration.ofMinutes(5))))) {
            try (RecordingSseClient sse = RecordingSseClient.connect(HTTP, server.baseUrl())) {
                server.post("/api/realtime", RealtimeApiTest.body(sse.clientId(), List.of("ping")), null);
                for (int i = 0; i < 8; i++) {
                    server.basalt().realtime().sendToClient(sse.clientId(), "ping", "{}", "");
                    Thread.sleep(500);
                }
                assertThat(sse.drain(Duration.ofMillis(200))).hasSizeGreaterThanOrEqualTo(7);
                assertThat(server.basalt().realtime().isConnected(sse.clientId())).isTrue();
                assertThat(sse.awaitEnd(Duration.ofSeconds(10))).as("closed once idle").isTrue();
            }
        }
    }

    @Test
    void aConnectionIsClosedAtItsLifetimeLimitEvenWhenBusy() throws Exception {
        try (TestServer server = TestServer.start(c -> c.withRealtime(
                new RealtimeConfig(Duration.ofSeconds(30), Duration.ofMillis(1500))))) {
            RecordingSseClient sse = RecordingSseClient.connect(HTTP, server.baseUrl());
            server.post("/api/realtime", RealtimeApiTest.body(sse.clientId(), List.of("ping")), null);
            long start = System.nanoTime();
            while (!sse.awaitEnd(Duration.ofMillis(200)) && System.nanoTime() - start < Duration.ofSeconds(10).toNanos()) {
                server.basalt().realtime().sendToClient(sse.clientId(), "ping", "{}", "");
            }
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
            assertThat(server.basalt().realtime().isConnected(sse.clientId())).isFalse();
        }
    }
}
