package dev.basalt.realtime;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The single-node bus: subscribers run on the publishing thread, so they must be quick. */
public final class InProcessEventBus implements EventBus {

    private static final Logger log = LoggerFactory.getLogger(InProcessEventBus.class);

    private final List<Consumer<BusMessage>> subscribers = new CopyOnWriteArrayList<>();

    @Override
    public void publish(BusMessage message) {
        for (Consumer<BusMessage> subscriber : subscribers) {
            try {
                subscriber.accept(message);
            } catch (RuntimeException e) {
                log.error("event bus subscriber failed message={}", message.getClass().getSimpleName(), e);
            }
        }
    }

    @Override
    public void subscribe(Consumer<BusMessage> subscriber) {
        subscribers.add(subscriber);
    }
}
