package dev.basalt.realtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.basalt.collections.Collection;
import dev.basalt.collections.fields.Field;
import dev.basalt.collections.fields.GeoPointField;
import dev.basalt.collections.fields.JsonField;
import dev.basalt.collections.fields.NumberField;
import dev.basalt.records.Record;
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

        /**
         * The record as {@code collection} types its values. A change that crossed nodes as JSON
         * carries plain JSON values (a json field's text arrives as a string, a number may be an
         * integer); this gives them back the Java types of {@link Record}. Typed values stay as they are.
         */
        public Record record(Collection collection) {
            Map<String, Object> typed = new LinkedHashMap<>(values);
            for (Field f : collection.fields()) {
                if (typed.containsKey(f.name())) {
                    typed.put(f.name(), typed(f, typed.get(f.name())));
                }
            }
            return new Record(collection, typed);
        }

        private static Object typed(Field f, Object value) {
            return switch (f) {
                case JsonField j -> json(value);
                case GeoPointField g -> json(value);
                case NumberField n -> value instanceof Number number ? number.doubleValue() : value;
                default -> value;
            };
        }

        private static JsonNode json(Object value) {
            if (value instanceof JsonNode node) {
                return node;
            }
            return value == null ? NullNode.getInstance() : BusMessageJson.MAPPER.valueToTree(value);
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

    /** The collection model changed on some node: every node reloads its registry. */
    record CollectionsChanged() implements BusMessage {}

    /** The settings changed on some node: every node reloads them from {@code _params}. */
    record SettingsChanged() implements BusMessage {}
}
