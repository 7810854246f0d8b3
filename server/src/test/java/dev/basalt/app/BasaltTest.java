package dev.basalt.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
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
        Basalt basalt = Basalt.start(Config.of("127.0.0.1:0", dir));
        int port = basalt.port();
        String body = "{\"identity\":\"nobody@example.com\",\"password\":\"1234567890\"}";
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            // Headers and half the body: the handler is now running, waiting for the rest.
            out.write(("POST /api/collections/_superusers/auth-with-password HTTP/1.1\r\n"
                    + "Host: 127.0.0.1\r\nContent-Type: application/json\r\nConnection: close\r\n"
                    + "Content-Length: " + body.length() + "\r\n\r\n"
                    + body.substring(0, 10)).getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Thread.sleep(300);

            CompletableFuture<Void> closing = CompletableFuture.runAsync(basalt::close);
            Thread.sleep(300);
            assertThat(closing).as("close waits for the request in flight").isNotDone();
            assertThatThrownBy(() -> new Socket("127.0.0.1", port).close())
                    .as("no new connections while stopping")
                    .isInstanceOf(ConnectException.class);

            out.write(body.substring(10).getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String response = read(socket.getInputStream());
            assertThat(response).startsWith("HTTP/1.1 400").contains("\"status\":400");
            closing.get(10, TimeUnit.SECONDS);
        } finally {
            basalt.close();
        }
    }

    private static String read(InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
}
