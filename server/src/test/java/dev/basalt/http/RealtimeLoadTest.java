package dev.basalt.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.basalt.testing.TestServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Many SSE clients on one server: all connect and subscribe, one record change reaches every one
 * of them. Prints the heap the connections cost (measured after a GC, server and the raw-socket
 * clients together, as both live in this JVM: an upper bound for the server) and the time from
 * the write to the last delivery.
 *
 * <p>The suite runs 200 clients. The 2,000-client run is tagged {@code load} and excluded by
 * default (on a busy two-core machine it takes 30-50 s); run it with
 * {@code ./mvnw -B -o -q test -pl server -Dtest=RealtimeLoadTest -Dbasalt.test.excludedGroups=none}
 * and read the figures in {@code server/target/surefire-reports/dev.basalt.http.RealtimeLoadTest-output.txt}.
 */
class RealtimeLoadTest {

    /** A minimal SSE reader on a plain socket: one virtual thread each, parked while idle. */
    static final class SocketClient implements AutoCloseable {
        final Socket socket;
        final CompletableFuture<String> clientId = new CompletableFuture<>();
        final CountDownLatch received;

        SocketClient(int port, CountDownLatch received) throws IOException {
            this.socket = new Socket("127.0.0.1", port);
            this.received = received;
            OutputStream out = socket.getOutputStream();
            out.write("GET /api/realtime HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Thread.ofVirtual().start(this::read);
        }

        private void read() {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8), 512)) {
                String event = "";
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    if (line.startsWith("event:")) {
                        event = line.substring(6);
                    } else if (line.startsWith("id:") && !clientId.isDone()) {
                        clientId.complete(line.substring(3).strip());
                    } else if (line.startsWith("data:") && event.equals("load/*")) {
                        received.countDown();
                    }
                }
            } catch (IOException e) {
                clientId.completeExceptionally(e);
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    @Test
    void twoHundredSubscribersAllReceiveOneChange() throws Exception {
        run(200);
    }

    @Test
    @Tag("load")
    void twoThousandSubscribersAllReceiveOneChange() throws Exception {
        run(2000);
    }

    private static void run(int clientCount) throws Exception {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        try (TestServer server = TestServer.start()) {
            String su = server.superuserToken();
            assertThat(server.post("/api/collections", "{\"name\":\"load\",\"type\":\"base\",\"listRule\":\"\","
                    + "\"viewRule\":\"\",\"fields\":[{\"type\":\"text\",\"name\":\"title\"}]}", su).status()).isEqualTo(200);
            long heapBefore = usedHeapAfterGc(memory);

            CountDownLatch received = new CountDownLatch(clientCount);
            List<SocketClient> clients = new ArrayList<>();
            long connectStart = System.nanoTime();
            try {
                for (int i = 0; i < clientCount; i++) {
                    clients.add(new SocketClient(server.basalt().port(), received));
                }
                Semaphore inFlight = new Semaphore(64);
                try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                    List<CompletableFuture<Integer>> statuses = new ArrayList<>();
                    for (SocketClient c : clients) {
                        statuses.add(CompletableFuture.supplyAsync(() -> {
                            inFlight.acquireUninterruptibly();
                            try {
                                String id = c.clientId.get(30, TimeUnit.SECONDS);
                                return server.post("/api/realtime", "{\"clientId\":\"" + id + "\",\"subscriptions\":[\"load/*\"]}", null)
                                        .status();
                            } catch (Exception e) {
                                throw new IllegalStateException(e);
                            } finally {
                                inFlight.release();
                            }
                        }, pool));
                    }
                    for (CompletableFuture<Integer> s : statuses) {
                        assertThat(s.get(60, TimeUnit.SECONDS)).isEqualTo(204);
                    }
                }
                Duration connectTime = Duration.ofNanos(System.nanoTime() - connectStart);
                assertThat(server.basalt().realtime().size()).isEqualTo(clientCount);
                long heapConnected = usedHeapAfterGc(memory);

                long writeStart = System.nanoTime();
                assertThat(server.post("/api/collections/load/records", "{\"title\":\"to everyone\"}", su).status()).isEqualTo(200);
                assertThat(received.await(30, TimeUnit.SECONDS)).as("all %d clients received the change", clientCount).isTrue();
                Duration delivery = Duration.ofNanos(System.nanoTime() - writeStart);

                System.out.printf("realtime load: clients=%d connect+subscribe=%d ms delivery=%d ms heap before=%d KiB"
                        + " connected=%d KiB per client=%d bytes (server and socket clients together)%n",
                        clientCount, connectTime.toMillis(), delivery.toMillis(), heapBefore / 1024, heapConnected / 1024,
                        (heapConnected - heapBefore) / clientCount);
            } finally {
                for (SocketClient c : clients) {
                    c.close();
                }
            }
        }
    }

    private static long usedHeapAfterGc(MemoryMXBean memory) throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return memory.getHeapMemoryUsage().getUsed();
    }
}
