package dev.basalt.bench;

import dev.basalt.bench.HttpConnection.Answer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;

/**
 * The load generator: keep-alive HTTP/1.1 connections ({@link HttpConnection}), one virtual
 * thread per concurrent caller, each caller holding one connection for the length of a scenario.
 * A scenario of N requests at concurrency C starts C callers that take request numbers until N
 * are done, which is the schedule of PocketBase's benchmark (an errgroup limited to C). Between
 * scenarios the connections wait in a pool, so a scenario does not pay for opening them unless
 * it needs more than the last one did.
 */
final class LoadClient implements AutoCloseable {

    /** One request of a scenario; {@code body} null means none. */
    record Call(String method, String path, String body, String token) {

        static Call get(String path, String token) {
            return new Call("GET", path, null, token);
        }
    }

    private static final int READ_TIMEOUT_MILLIS = 300_000;
    // Idle pooled connections are dropped on the client's side well before Jetty's 30 s server
    // idle timeout closes them, so a scenario rarely picks a connection the server is closing (and
    // a request that finds one closed is sent again on a new connection).
    private static final long POOLED_IDLE_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final URI base;
    private final ConcurrentLinkedDeque<HttpConnection> idle = new ConcurrentLinkedDeque<>();
    private final ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor();

    LoadClient(URI base) {
        this.base = base;
    }

    /** Sends {@code iterations} calls made by {@code calls}, at most {@code concurrency} at a time. */
    Measurement run(int iterations, int concurrency, IntFunction<Call> calls) {
        long[] latencies = new long[iterations];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        AtomicReference<String> firstError = new AtomicReference<>();
        int callerCount = Math.max(1, Math.min(concurrency, iterations));
        CountDownLatch done = new CountDownLatch(callerCount);
        long start = System.nanoTime();
        for (int c = 0; c < callerCount; c++) {
            callers.execute(() -> {
                try (Caller caller = new Caller()) {
                    for (int i = next.getAndIncrement(); i < iterations; i = next.getAndIncrement()) {
                        Call call = calls.apply(i);
                        long sent = System.nanoTime();
                        String failure;
                        try {
                            Answer answer = caller.send(call, false);
                            failure = answer.ok() ? null : answer.status() + " " + abbreviate(answer.body());
                        } catch (IOException e) {
                            failure = e.toString();
                        }
                        latencies[i] = System.nanoTime() - sent;
                        if (failure != null) {
                            errors.incrementAndGet();
                            firstError.compareAndSet(null, call.method() + " " + call.path() + ": " + failure);
                        }
                    }
                } finally {
                    done.countDown();
                }
            });
        }
        try {
            done.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while measuring", e);
        }
        long completed = System.nanoTime() - start;
        return new Measurement(latencies, completed, errors.get(), firstError.get());
    }

    /** Sends one setup call and returns its status and body. */
    Answer send(Call call) {
        try (Caller caller = new Caller()) {
            return caller.send(call, true);
        } catch (IOException e) {
            throw new UncheckedIOException(call.method() + " " + call.path() + " failed: " + e, e);
        }
    }

    /** Sends one setup call and fails unless it succeeded. */
    String sendOk(Call call) {
        Answer answer = send(call);
        if (!answer.ok()) {
            throw new IllegalStateException(call.method() + " " + call.path() + " answered " + answer.status()
                    + ": " + abbreviate(answer.body()));
        }
        return answer.body();
    }

    static String abbreviate(String text) {
        if (text == null) {
            return "";
        }
        String oneLine = text.replace('\n', ' ');
        return oneLine.length() <= 300 ? oneLine : oneLine.substring(0, 300) + "…";
    }

    @Override
    public void close() {
        callers.close();
        for (HttpConnection connection = idle.poll(); connection != null; connection = idle.poll()) {
            connection.close();
        }
    }

    /** One caller's hold on a connection: taken from the pool when first needed, given back at the end. */
    private final class Caller implements AutoCloseable {

        private HttpConnection connection;

        /**
         * Sends the call; when a connection that has answered before fails without an answer (the
         * server closed it while it sat idle), sends the call once more on a new connection.
         */
        Answer send(Call call, boolean keepBody) throws IOException {
            if (connection == null || !connection.reusable()) {
                connection = pooledOrNew();
            }
            try {
                return connection.exchange(call.method(), call.path(), call.token(), call.body(), keepBody);
            } catch (IOException e) {
                if (!connection.reused()) {
                    throw e;
                }
                connection = HttpConnection.open(base, READ_TIMEOUT_MILLIS);
                return connection.exchange(call.method(), call.path(), call.token(), call.body(), keepBody);
            }
        }

        private HttpConnection pooledOrNew() throws IOException {
            long now = System.nanoTime();
            for (HttpConnection pooled = idle.pollFirst(); pooled != null; pooled = idle.pollFirst()) {
                if (pooled.reusable() && now - pooled.idleSince() < POOLED_IDLE_NANOS) {
                    return pooled;
                }
                pooled.close();
            }
            return HttpConnection.open(base, READ_TIMEOUT_MILLIS);
        }

        @Override
        public void close() {
            if (connection != null && connection.reusable()) {
                idle.offerFirst(connection);
            }
            connection = null;
        }
    }
}
