package dev.basalt.bench;

import java.net.URI;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.StringRequestContent;
import org.eclipse.jetty.http.HttpHeader;

/**
 * The load generator: Jetty's HTTP/1.1 client with a keep-alive connection pool, one virtual
 * thread per concurrent caller. A scenario of N requests at concurrency C starts C callers that
 * take request numbers until N are done, which is the schedule of PocketBase's benchmark (an
 * errgroup limited to C). Jetty's client rather than the JDK's: on two cores shared with the
 * server, the client's own cost per request is taken from the server, and Jetty's is far lower.
 */
final class LoadClient implements AutoCloseable {

    /** One request of a scenario; {@code body} null means none. */
    record Call(String method, String path, String body, String token) {

        static Call get(String path, String token) {
            return new Call("GET", path, null, token);
        }
    }

    /** The answer of a setup call, whose body the suite reads. */
    record Answer(int status, String body) {

        boolean ok() {
            return status < 400;
        }
    }

    private static final long REQUEST_TIMEOUT_SECONDS = 300;
    private static final long POOLED_IDLE_MILLIS = 10_000;

    private final URI base;
    private final HttpClient http;
    private final ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor();

    LoadClient(URI base) {
        this.base = base;
        this.http = new HttpClient();
        http.setMaxConnectionsPerDestination(4096);
        http.setMaxRequestsQueuedPerDestination(1 << 20);
        // Idle pooled connections close on the client's side before Jetty's 30 s server timeout
        // closes them, so a scenario never picks a connection the server is closing; a request in
        // flight has its own, longer idle timeout below.
        http.setIdleTimeout(POOLED_IDLE_MILLIS);
        http.setConnectTimeout(30_000);
        http.setFollowRedirects(false);
        // Jetty's client sends a User-Agent and Accept-Encoding by default; PocketBase's sends
        // neither, and a compressed answer would cost the server work the benchmark does not ask for.
        http.setUserAgentField(null);
        try {
            http.start();
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the HTTP client", e);
        }
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
                try {
                    for (int i = next.getAndIncrement(); i < iterations; i = next.getAndIncrement()) {
                        Call call = calls.apply(i);
                        long sent = System.nanoTime();
                        String failure = failureOf(call);
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

    /** Sends one call and returns null when it succeeded, else what went wrong (status and body). */
    private String failureOf(Call call) {
        try {
            ContentResponse response = request(call).send();
            if (response.getStatus() >= 400) {
                return response.getStatus() + " " + abbreviate(response.getContentAsString());
            }
            return null;
        } catch (ExecutionException | TimeoutException e) {
            return String.valueOf(e.getCause() != null ? e.getCause() : e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return e.toString();
        }
    }

    /** Sends one setup call and returns its status and body. */
    Answer send(Call call) {
        try {
            ContentResponse response = request(call).send();
            return new Answer(response.getStatus(), response.getContentAsString());
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(call.method() + " " + call.path() + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
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

    private Request request(Call call) {
        Request request = http.newRequest(base.resolve(call.path()))
                .method(call.method())
                .timeout(REQUEST_TIMEOUT_SECONDS, TimeUnit.SECONDS)
                .idleTimeout(REQUEST_TIMEOUT_SECONDS, TimeUnit.SECONDS)
                .headers(h -> h.remove(HttpHeader.ACCEPT_ENCODING));
        if (call.token() != null) {
            request.headers(h -> h.put(HttpHeader.AUTHORIZATION, call.token()));
        }
        if (call.body() != null) {
            request.body(new StringRequestContent("application/json", call.body()));
        }
        return request;
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
        try {
            http.stop();
        } catch (Exception e) {
            // closing at the end of a run; nothing is left to lose
        }
    }
}
