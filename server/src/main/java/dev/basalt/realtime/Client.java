package dev.basalt.realtime;

import dev.basalt.records.Record;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connected SSE client: its id, the IP it connected from, its auth and subscriptions, and an
 * outbox. An idle client holds no thread: a message starts a virtual thread that drains the
 * outbox in order and ends when it is empty, so a slow peer never blocks the fan-out.
 *
 * <p>Auth and subscriptions are written by the subscribe request (and auth changes), read by the
 * fan-out; both are immutable values behind volatile fields.
 */
public final class Client {

    private static final Logger log = LoggerFactory.getLogger(Client.class);

    /** A client this far behind is disconnected rather than buffered without bound; it reconnects. */
    static final int MAX_PENDING = 1000;

    private final String id;
    private final String ip;
    private final Connection connection;
    private final Consumer<Client> onClose;
    private final Queue<byte[]> outbox = new ConcurrentLinkedQueue<>();
    private final AtomicInteger pending = new AtomicInteger();
    private final AtomicBoolean draining = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile Record auth;
    private volatile List<Subscription> subscriptions = List.of();
    private volatile long lastDeliveredNanos = System.nanoTime();

    Client(String id, String ip, Connection connection, Consumer<Client> onClose) {
        this.id = id;
        this.ip = ip;
        this.connection = connection;
        this.onClose = onClose;
    }

    public String id() {
        return id;
    }

    public String ip() {
        return ip;
    }

    /** The auth record the client is bound to, or null for a guest. */
    public Record auth() {
        return auth;
    }

    void auth(Record newAuth) {
        this.auth = newAuth;
    }

    public List<Subscription> subscriptions() {
        return subscriptions;
    }

    void subscriptions(List<Subscription> newSubscriptions) {
        this.subscriptions = List.copyOf(newSubscriptions);
    }

    /** Whether the client holds exactly this subscription string. */
    boolean hasSubscription(String raw) {
        for (Subscription s : subscriptions) {
            if (s.raw().equals(raw)) {
                return true;
            }
        }
        return false;
    }

    void unsubscribe(String raw) {
        subscriptions = subscriptions.stream().filter(s -> !s.raw().equals(raw)).toList();
    }

    boolean isClosed() {
        return closed.get();
    }

    long lastDeliveredNanos() {
        return lastDeliveredNanos;
    }

    /** The SSE frame of one message; PocketBase compat: no space after the colons, and the id is always the client id. */
    byte[] frame(String event, String data) {
        return ("id:" + id + "\nevent:" + event + "\ndata:" + data + "\n\n").getBytes(StandardCharsets.UTF_8);
    }

    /** Queues a message; returns at once. */
    void send(String event, String data) {
        if (closed.get()) {
            return;
        }
        if (pending.incrementAndGet() > MAX_PENDING) {
            log.info("realtime client too slow, disconnecting clientId={} pending={}", id, pending.get());
            close();
            return;
        }
        outbox.add(frame(event, data));
        if (draining.compareAndSet(false, true)) {
            Thread.ofVirtual().name("realtime-send").start(this::drain);
        }
    }

    /** Writes the first frame on the caller's thread; no other write can come before it (nothing is subscribed yet). */
    void sendNow(String event, String data) throws IOException {
        connection.write(frame(event, data));
        lastDeliveredNanos = System.nanoTime();
    }

    private void drain() {
        while (true) {
            byte[] frame = outbox.poll();
            if (frame == null) {
                draining.set(false);
                // A message queued between the poll and the reset must not wait for the next one.
                if (outbox.isEmpty() || !draining.compareAndSet(false, true)) {
                    return;
                }
                continue;
            }
            pending.decrementAndGet();
            if (closed.get()) {
                continue;
            }
            try {
                connection.write(frame);
                lastDeliveredNanos = System.nanoTime();
            } catch (IOException | RuntimeException e) {
                log.debug("realtime client gone clientId={}: {}", id, e.toString());
                close();
            }
        }
    }

    /** Closes the connection and forgets the client; idempotent. */
    void close() {
        if (closed.compareAndSet(false, true)) {
            outbox.clear();
            // Forgotten before the response ends, so a peer that sees the end finds the client gone.
            try {
                onClose.accept(this);
            } finally {
                connection.close();
            }
        }
    }
}
