package dev.basalt.realtime;

import java.util.function.Consumer;

/**
 * Carries {@link BusMessage}s from the node where they happen to the subscribers of every node:
 * its {@link Broker}, and in a cluster the caches that app reloads.
 * In-process on SQLite ({@link InProcessEventBus}); through the database on PostgreSQL
 * ({@link PostgresEventBus}: {@code LISTEN/NOTIFY}), which is why messages are plain values.
 */
public interface EventBus extends AutoCloseable {

    /** Hands a message to every subscriber (on every node). Must be quick: callers may hold no lock but are on a request path. */
    void publish(BusMessage message);

    /** Registers a subscriber; it receives every message published after this call. */
    void subscribe(Consumer<BusMessage> subscriber);

    /** Whether messages reach other nodes (a cluster), not only this one. */
    default boolean isClustered() {
        return false;
    }

    /** Stops delivering; messages published before are still sent where the bus can. */
    @Override
    default void close() {}
}
