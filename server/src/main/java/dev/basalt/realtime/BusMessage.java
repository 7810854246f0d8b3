package dev.basalt.realtime;

import dev.basalt.records.RecordEvent;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What travels on the {@link EventBus}. Only plain values (strings, numbers, booleans, lists and
 * Jackson trees), so a cluster bus can serialise them as JSON; the receiving node resolves the
 * collection by id from its own registry.
 */
public sealed interface BusMessage {

    /**
     * A committed record change.
     *
     * @param action       {@code create}, {@code update} or {@code delete}
     * @param collectionId the id of the record's collection
     * @param values       every field value of the record after the change (before it, for a delete)
     */
    record RecordChange(String action, String collectionId, Map<String, Object> values) implements BusMessage {

        public RecordChange {
            values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        }

        public static RecordChange of(RecordEvent event) {
            return new RecordChange(event.action().wire(), event.record().collection().id(), event.record().values());
        }

        public String recordId() {
            Object id = values.get("id");
            return id == null ? "" : id.toString();
        }
    }

    /**
     * A message for one realtime client, delivered only if it is subscribed to {@code topic}
     * (the {@code @oauth2} redirect uses it).
     *
     * @param clientId the realtime client id
     * @param topic    the subscription and event name, e.g. {@code @oauth2}
     * @param data     the event's JSON text
     * @param ip       the requester's IP the client must have connected from; empty for any
     */
    record ClientMessage(String clientId, String topic, String data, String ip) implements BusMessage {}
}
