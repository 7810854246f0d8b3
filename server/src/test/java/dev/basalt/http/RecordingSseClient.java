package dev.basalt.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A test SSE client of {@code GET /api/realtime}: reads the stream on a virtual thread and keeps
 * every event, in order, for the test to take.
 */
final class RecordingSseClient implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One received event. */
    record Event(String id, String name, String data) {
        JsonNode json() {
            try {
                return JSON.readTree(data);
            } catch (IOException e) {
                throw new IllegalStateException("not JSON: " + data, e);
            }
        }
    }

    private final HttpResponse<InputStream> response;
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final CountDownLatch ended = new CountDownLatch(1);
    private final String clientId;

    private RecordingSseClient(HttpResponse<InputStream> response) {
        this.response = response;
        Thread.ofVirtual().name("test-sse-reader").start(this::read);
        Event connect = next(Duration.ofSeconds(10));
        if (connect == null || !connect.name().equals("PB_CONNECT")) {
            throw new IllegalStateException("no PB_CONNECT, got " + connect);
        }
        this.clientId = connect.id();
    }

    static RecordingSseClient connect(HttpClient http, String baseUrl) {
        return connect(http, baseUrl, Map.of());
    }

    static RecordingSseClient connect(HttpClient http, String baseUrl, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + "/api/realtime"))
                .header("Accept", "text/event-stream");
        headers.forEach(b::header);
        try {
            HttpResponse<InputStream> r = http.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("GET /api/realtime answered " + r.statusCode());
            }
            return new RecordingSseClient(r);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<InputStream> response() {
        return response;
    }

    String clientId() {
        return clientId;
    }

    /** The next event, or null when none arrives within {@code timeout}. */
    Event next(Duration timeout) {
        try {
            return events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** Every event that arrives until none has come for {@code quiet}. */
    List<Event> drain(Duration quiet) {
        List<Event> out = new ArrayList<>();
        for (Event e = next(quiet); e != null; e = next(quiet)) {
            out.add(e);
        }
        return out;
    }

    /** Whether the server ended the stream within {@code timeout}. */
    boolean awaitEnd(Duration timeout) {
        try {
            return ended.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void read() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String id = "";
            String name = "";
            StringBuilder data = new StringBuilder();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.isEmpty()) {
                    events.add(new Event(id, name, data.toString()));
                    id = "";
                    name = "";
                    data.setLength(0);
                } else if (line.startsWith("id:")) {
                    id = line.substring(3);
                } else if (line.startsWith("event:")) {
                    name = line.substring(6);
                } else if (line.startsWith("data:")) {
                    data.append(line.substring(5));
                }
            }
        } catch (IOException e) {
            // The stream ended: closed by the server or by close().
        } finally {
            ended.countDown();
        }
    }

    @Override
    public void close() {
        try {
            response.body().close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
