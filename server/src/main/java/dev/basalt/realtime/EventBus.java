package dev.basalt.realtime;

import java.util.function.Consumer;

/**
 * Carries {@link BusMessage}s from the node where they happen to every node's {@link Broker}.
 * In-process on SQLite ({@link InProcessEventBus}); a cluster implementation publishes through
 * the database (PostgreSQL {@code LISTEN/NOTIFY}), which is why messages are plain values.
 */
public interface EventBus {

    /** Hands a message to every subscriber (on every node). Must be quick: callers may hold no lock but are on a request path. */
    void publish(BusMessage message);

    /** Registers a subscriber; it receives every message published after this call. */
    void subscribe(Consumer<BusMessage> subscriber);
}
