package dev.basalt.realtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.basalt.store.Database;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sending half of {@link PostgresEventBus}: a queue and the one thread that empties it, in
 * order, on a connection of its own. Each message gets the next number of this node when it is
 * taken from the queue; a batch of up to {@value #MAX_BATCH} goes out in one transaction (its
 * notifications are delivered together, in order, at commit). A text of {@value #NOTIFY_LIMIT}
 * bytes or more is stored in {@code _events} in that transaction and the notification carries its
 * id. When the connection fails the batch is sent again, with the same numbers, once reconnected;
 * a batch the database itself refuses (a bug, not an outage) is logged and dropped.
 */
final class NotifySender {

    private static final Logger log = LoggerFactory.getLogger(NotifySender.class);

    // PostgreSQL refuses a NOTIFY payload of 8000 bytes or more (in the server encoding, UTF-8).
    static final int NOTIFY_LIMIT = 8000;
    static final int MAX_BATCH = 100;
    private static final int MAX_QUEUED = 100_000;
    private static final Duration RETENTION = Duration.ofMinutes(5);
    private static final Duration CLEANUP_EVERY = Duration.ofMinutes(1);
    private static final Duration CLOSE_GRACE = Duration.ofSeconds(3);
    private static final long POLL_MILLIS = 250;

    private record Outgoing(long seq, String text) {}

    private final Database db;
    private final String node;
    private final BlockingQueue<BusMessage> queue = new LinkedBlockingQueue<>(MAX_QUEUED);
    private final AtomicLong dropped = new AtomicLong();
    private final Outage outage = new Outage(log, "sender");
    private final Thread thread;
    // Written and read by the sending thread only.
    private long seq;
    private long lastCleanupNanos = System.nanoTime();
    private boolean storedSinceCleanup;
    private volatile long closeDeadlineNanos;
    private volatile boolean closing;

    NotifySender(Database db, String node) {
        this.db = db;
        this.node = node;
        this.thread = Thread.ofPlatform().name("event-bus-sender").daemon().start(this::run);
    }

    /** Queues a message; never blocks. A full queue (the database unreachable for long) drops it. */
    void publish(BusMessage message) {
        if (closing) {
            log.warn("event bus closed, message dropped type={}", message.getClass().getSimpleName());
        } else if (!queue.offer(message) && dropped.getAndIncrement() == 0) {
            log.error("event bus queue full ({} messages), dropping messages until the database is back", MAX_QUEUED);
        }
    }

    /** Sends what is queued (giving up after a grace period if the database is unreachable) and stops. */
    void close() {
        closeDeadlineNanos = System.nanoTime() + CLOSE_GRACE.toNanos();
        closing = true;
        try {
            thread.join(CLOSE_GRACE.plusSeconds(1).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        List<Outgoing> batch = new ArrayList<>();
        Connection c = null;
        while (!Thread.currentThread().isInterrupted()) {
            if (batch.isEmpty() && !take(batch)) {
                if (closing && queue.isEmpty()) {
                    break;
                }
                continue;
            }
            try {
                if (c == null) {
                    c = connect();
                }
                send(c, batch);
                batch.clear();
                outage.succeeded();
                reportDropped();
            } catch (SQLException | RuntimeException e) {
                if (isUsable(c)) {
                    // The database refused the batch, not the connection: it would refuse it again.
                    log.error("event bus batch refused by the database, {} messages dropped", batch.size(), e);
                    batch.clear();
                    continue;
                }
                PostgresEventBus.release(c);
                c = null;
                if (closing && System.nanoTime() > closeDeadlineNanos) {
                    log.error("event bus closed without reaching the database, {} messages not sent",
                            batch.size() + queue.size());
                    break;
                }
                if (!outage.failedThenWait(e)) {
                    break;
                }
            }
        }
        PostgresEventBus.release(c);
    }

    /** Moves up to a batch of queued messages into {@code batch}, numbered; false if none came. */
    private boolean take(List<Outgoing> batch) {
        List<BusMessage> taken = new ArrayList<>();
        try {
            BusMessage first = queue.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
            if (first == null) {
                return false;
            }
            taken.add(first);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        queue.drainTo(taken, MAX_BATCH - 1);
        for (BusMessage message : taken) {
            try {
                batch.add(new Outgoing(seq + 1, BusMessageJson.encode(node, seq + 1, message)));
                seq++;
            } catch (JsonProcessingException e) {
                log.error("event bus message cannot be written as JSON, dropped type={}", message.getClass().getSimpleName(), e);
            }
        }
        return !batch.isEmpty();
    }

    private void send(Connection c, List<Outgoing> batch) throws SQLException {
        try (PreparedStatement notify = c.prepareStatement("SELECT pg_notify(?, ?)");
                PreparedStatement store = c.prepareStatement("INSERT INTO _events (id, payload, created) VALUES (?, ?, ?)")) {
            for (Outgoing o : batch) {
                String text = o.text();
                if (text.getBytes(StandardCharsets.UTF_8).length >= NOTIFY_LIMIT) {
                    String id = UUID.randomUUID().toString();
                    store.setString(1, id);
                    store.setString(2, text);
                    store.setLong(3, System.currentTimeMillis());
                    store.executeUpdate();
                    storedSinceCleanup = true;
                    text = BusMessageJson.reference(node, o.seq(), id);
                }
                notify.setString(1, PostgresEventBus.CHANNEL);
                notify.setString(2, text);
                notify.execute();
            }
            cleanUp(c);
            c.commit();
        } catch (SQLException | RuntimeException e) {
            rollback(c, e);
            throw e;
        }
    }

    /** Deletes stored texts every node has long read, at most once a minute and only after storing one. */
    private void cleanUp(Connection c) throws SQLException {
        if (!storedSinceCleanup || System.nanoTime() - lastCleanupNanos < CLEANUP_EVERY.toNanos()) {
            return;
        }
        try (PreparedStatement delete = c.prepareStatement("DELETE FROM _events WHERE created < ?")) {
            delete.setLong(1, System.currentTimeMillis() - RETENTION.toMillis());
            delete.executeUpdate();
        }
        lastCleanupNanos = System.nanoTime();
        storedSinceCleanup = false;
    }

    private Connection connect() throws SQLException {
        Connection c = db.connectDirect();
        try {
            PostgresEventBus.prepare(c, "basalt-send-" + node);
            c.setAutoCommit(false);
            return c;
        } catch (SQLException | RuntimeException e) {
            PostgresEventBus.release(c);
            throw e;
        }
    }

    private static boolean isUsable(Connection c) {
        try {
            return c != null && c.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    private void reportDropped() {
        long count = dropped.getAndSet(0);
        if (count > 0) {
            log.error("event bus dropped {} messages while its queue was full", count);
        }
    }

    private static void rollback(Connection c, Exception cause) {
        try {
            c.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }
}
