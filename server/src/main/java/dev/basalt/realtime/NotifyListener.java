package dev.basalt.realtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.basalt.store.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The receiving half of {@link PostgresEventBus}: one thread holding {@code LISTEN} on a connection
 * of its own, handing each message to the bus's subscribers on that thread, in arrival order.
 * Messages are numbered per sending node: one already seen (a batch the sender sent again after a
 * failed commit that had in fact gone through) is dropped, and a gap (messages sent while this
 * listener was reconnecting, which PostgreSQL does not keep for it) is logged.
 *
 * <p>A lost connection is noticed by the next read (a terminated backend answers at once) or, on a
 * silent network, by a {@code SELECT 1} after {@value #HEARTBEAT_SECONDS} s without traffic; the
 * thread then reconnects with backoff and listens again.
 */
final class NotifyListener {

    private static final Logger log = LoggerFactory.getLogger(NotifyListener.class);

    // How long one wait for notifications lasts: the delay before close() is noticed.
    private static final int POLL_MILLIS = 250;
    private static final int HEARTBEAT_SECONDS = 10;
    private static final int MAX_SENDERS = 1024;

    private final Database db;
    private final String applicationName;
    private final Consumer<BusMessage> deliver;
    private final Outage outage = new Outage(log, "listener");
    // Read and written by the listening thread only: the last number seen of each sending node.
    private final Map<String, Long> lastSeq = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
            return size() > MAX_SENDERS;
        }
    };
    private final Thread thread;
    private volatile boolean closing;

    /**
     * Listens before it returns, so every message committed after this call is received.
     *
     * @param applicationName shown in {@code pg_stat_activity} once the connection listens
     */
    NotifyListener(Database db, String applicationName, Consumer<BusMessage> deliver) throws SQLException {
        this.db = db;
        this.applicationName = applicationName;
        this.deliver = deliver;
        Connection first = connect();
        this.thread = Thread.ofPlatform().name("event-bus-listener").daemon().start(() -> run(first));
    }

    /** Asks the thread to stop (within one wait for notifications) without waiting for it. */
    void stop() {
        closing = true;
    }

    void close() {
        stop();
        try {
            thread.join(Duration.ofSeconds(5).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run(Connection first) {
        Connection c = first;
        while (!closing) {
            try {
                if (c == null) {
                    c = connect();
                    outage.succeeded();
                }
                receive(c);
            } catch (SQLException | RuntimeException e) {
                PostgresEventBus.release(c);
                c = null;
                if (closing || !outage.failedThenWait(e)) {
                    break;
                }
            }
        }
        PostgresEventBus.release(c);
    }

    private Connection connect() throws SQLException {
        Connection c = db.connectDirect();
        try {
            try (Statement s = c.createStatement()) {
                s.execute("LISTEN " + PostgresEventBus.CHANNEL);
            }
            PostgresEventBus.prepare(c, applicationName);
            return c;
        } catch (SQLException | RuntimeException e) {
            PostgresEventBus.release(c);
            throw e;
        }
    }

    private void receive(Connection c) throws SQLException {
        PGConnection pg = c.unwrap(PGConnection.class);
        long quietSince = System.nanoTime();
        while (!closing) {
            PGNotification[] notifications = pg.getNotifications(POLL_MILLIS);
            if (notifications != null && notifications.length > 0) {
                for (PGNotification n : notifications) {
                    handle(c, n.getParameter());
                }
                quietSince = System.nanoTime();
            } else if (System.nanoTime() - quietSince > Duration.ofSeconds(HEARTBEAT_SECONDS).toNanos()) {
                try (Statement s = c.createStatement()) {
                    s.execute("SELECT 1");
                }
                quietSince = System.nanoTime();
            }
        }
    }

    private void handle(Connection c, String text) throws SQLException {
        Optional<BusMessageJson.Envelope> received = read(text);
        if (received.isEmpty() || !isNew(received.get())) {
            return;
        }
        BusMessageJson.Envelope envelope = received.get();
        if (!envelope.ref().isEmpty()) {
            Optional<String> stored = fetch(c, envelope.ref());
            if (stored.isEmpty()) {
                log.warn("event bus message no longer stored, dropped node={} seq={} ref={}",
                        envelope.node(), envelope.seq(), envelope.ref());
                return;
            }
            received = read(stored.get());
            if (received.isEmpty()) {
                return;
            }
            envelope = received.get();
        }
        envelope.message().ifPresentOrElse(deliver,
                () -> log.debug("event bus message of a type unknown here ignored: {}", BusMessageJson.abbreviated(text)));
    }

    private static Optional<BusMessageJson.Envelope> read(String text) {
        try {
            return Optional.of(BusMessageJson.decode(text));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            log.warn("event bus message unreadable, dropped: {}", e.getMessage());
            return Optional.empty();
        }
    }

    private boolean isNew(BusMessageJson.Envelope envelope) {
        Long last = lastSeq.get(envelope.node());
        if (last != null && envelope.seq() <= last) {
            log.debug("event bus message received twice, dropped node={} seq={}", envelope.node(), envelope.seq());
            return false;
        }
        if (last != null && envelope.seq() > last + 1) {
            log.warn("event bus missed messages while reconnecting node={} count={}", envelope.node(), envelope.seq() - last - 1);
        }
        lastSeq.put(envelope.node(), envelope.seq());
        return true;
    }

    private static Optional<String> fetch(Connection c, String ref) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT payload FROM _events WHERE id = ?")) {
            s.setString(1, ref);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }
}
