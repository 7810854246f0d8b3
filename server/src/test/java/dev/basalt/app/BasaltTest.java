package dev.basalt.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.basalt.http.HttpConfig;
import dev.basalt.store.DatabaseConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lifecycle: open without serving, serve, and a graceful close. */
class BasaltTest {

    @TempDir
    Path dir;

    @Test
    void openBringsTheSchemaUpWithoutListening() {
        try (Basalt basalt = Basalt.open(Config.of("127.0.0.1:0", dir))) {
            basalt.superusers().upsert("root@example.com", "1234567890");
            assertThatThrownBy(basalt::port).isInstanceOf(IllegalStateException.class);
        }
        try (Basalt again = Basalt.open(Config.of("127.0.0.1:0", dir))) {
            assertThat(again.superusers().delete("root@example.com")).isTrue();
        }
    }

    @Test
    void closeLetsAnInFlightRequestFinish() throws Exception {
        // One reader connection, which the test holds: the login below then waits inside its
        // handler for as long as the test likes.
        Basalt basalt = Basalt.start(new Config(HttpConfig.parse("127.0.0.1:0"), new DatabaseConfig(dir, 1, 10_000)));
        String login = basalt.url() + "/api/collections/_superusers/auth-with-password";
        HttpRequest request = HttpRequest.newBuilder(URI.create(login))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"identity\":\"nobody@example.com\",\"password\":\"1234567890\"}"))
                .build();
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (HttpClient client = HttpClient.newHttpClient()) {
            assertThat(client.send(request, HttpResponse.BodyHandlers.ofString()).statusCode())
                    .as("warm-up").isEqualTo(400);
            CompletableFuture<Void> holding = CompletableFuture.runAsync(() -> basalt.database().read(dsl -> {
                held.countDown();
                awaitUninterruptibly(release);
                return null;
            }));
            held.await();
            CompletableFuture<HttpResponse<String>> inFlight = client.sendAsync(request, HttpResponse.BodyHandlers.ofString());
            Thread.sleep(1000);

            CompletableFuture<Void> closing = CompletableFuture.runAsync(basalt::close);
            Thread.sleep(500);
            assertThat(closing).as("close waits for the request in flight").isNotDone();

            release.countDown();
            holding.get(10, TimeUnit.SECONDS);
            HttpResponse<String> response = inFlight.get(10, TimeUnit.SECONDS);
            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(response.body()).contains("\"status\":400");
            closing.get(10, TimeUnit.SECONDS);
        } finally {
            release.countDown();
            basalt.close();
        }
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
