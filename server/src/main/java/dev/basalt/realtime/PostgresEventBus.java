package dev.basalt.realtime;

import dev.basalt.collections.Ids;
import dev.basalt.store.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.jooq.exception.DataAccessException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster bus: PostgreSQL {@code LISTEN/NOTIFY} on the channel {@value #CHANNEL} of the
 * database every node shares. {@link #publish} queues the message and returns at once; one sender
 * thread per node sends the queue in order ({@link NotifySender}); one listener thread per node
 * receives everything sent on the channel and hands it to the subscribers ({@link NotifyListener}).
 *
 * <p>The sending node receives its own messages through its {@code LISTEN}, like every other node,
 * instead of delivering them locally. So there is one path and one order: PostgreSQL delivers the
 * notifications of all nodes in commit order, and every node, the sender included, sees the same
 * interleaving exactly once (a local short cut would need de-duplication against the echo and
 * could show a node its own change before another node's earlier one). The price is one round trip
 * to the database before local subscribers see a change.
 *
 * <p>Guarantees while every node is up: each message reaches each node once; messages published
 * on one node arrive everywhere in the order of their {@code publish} calls (records publish in
 * their after-commit hook, so changes of one record arrive in commit order). A node whose listener
 * is reconnecting misses what is sent meanwhile (logged with a count); nothing is replayed.
 */
public final class PostgresEventBus implements EventBus {

    private static final Logger log = LoggerFactory.getLogger(PostgresEventBus.class);

    static final String CHANNEL = "basalt_events";
    // A statement on a bus connection that waits longer than this fails and the connection is
    // replaced: a silent network must not stall the bus for TCP's retransmission timeout.
    private static final int NETWORK_TIMEOUT_MILLIS = 10_000;

    private final String node = Ids.random(12);
    private final List<Consumer<BusMessage>> subscribers = new CopyOnWriteArrayList<>();
    private final NotifyListener listener;
    private final NotifySender sender;

    /**
     * Listens before it returns (so a message published anywhere after this reaches this node) and
     * starts the sender.
     *
     * @throws DataAccessException when the database cannot be reached
     */
    public PostgresEventBus(Database db) {
        try {
            this.listener = new NotifyListener(db, "basalt-listen-" + node, this::deliver);
        } catch (SQLException e) {
            throw new DataAccessException("cannot LISTEN on " + CHANNEL + ": " + e.getMessage(), e);
        }
        this.sender = new NotifySender(db, node);
        log.info("event bus listening channel={} node={}", CHANNEL, node);
    }

    @Override
    public void publish(BusMessage message) {
        sender.publish(message);
    }

    @Override
    public void subscribe(Consumer<BusMessage> subscriber) {
        subscribers.add(subscriber);
    }

    @Override
    public boolean isClustered() {
        return true;
    }

    /** Sends what is still queued, then stops listening. */
    @Override
    public void close() {
        // The listener winds down while the sender sends what is left: nobody here reads any more.
        listener.stop();
        sender.close();
        listener.close();
        log.info("event bus closed node={}", node);
    }

    /** This node's id in the messages it sends, and in its connections' application names. */
    String node() {
        return node;
    }

    private void deliver(BusMessage message) {
        for (Consumer<BusMessage> subscriber : subscribers) {
            try {
                subscriber.accept(message);
            } catch (RuntimeException e) {
                log.error("event bus subscriber failed message={}", message.getClass().getSimpleName(), e);
            }
        }
    }

    /** Names a bus connection (for {@code pg_stat_activity}) and bounds how long its statements may hang. */
    static void prepare(Connection c, String applicationName) throws SQLException {
        c.setNetworkTimeout(Runnable::run, NETWORK_TIMEOUT_MILLIS);
        try (PreparedStatement s = c.prepareStatement("SELECT set_config('application_name', ?, false)")) {
            s.setString(1, applicationName);
            s.execute();
        }
    }

    static void release(Connection c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (SQLException e) {
            log.debug("event bus connection did not close cleanly: {}", e.getMessage());
        }
    }
}
