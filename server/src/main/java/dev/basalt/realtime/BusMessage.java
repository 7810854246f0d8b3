package dev.basalt.realtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.basalt.collections.Collection;
import dev.basalt.collections.fields.Field;
import dev.basalt.collections.fields.GeoPointField;
import dev.basalt.collections.fields.JsonField;
import dev.basalt.collections.fields.NumberField;
import dev.basalt.collections.fields.PasswordField;
import dev.basalt.records.Record;
import dev.basalt.records.RecordEvent;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
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
     * @param values       every field value of the record after the change (before it, for a delete),
     *                     except the values of password fields
     */
    record RecordChange(String action, String collectionId, Map<String, Object> values) implements BusMessage {

        public RecordChange {
            values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        }

        /**
         * The change as it goes out. Password hashes stay behind: on a cluster bus they would cross the
         * network in {@code NOTIFY} payloads and rest in {@code _events}, and no receiver needs them
         * (realtime never renders a password, and client filters cannot name hidden fields). The
         * {@code tokenKey} travels: a node downgrades clients bound to an auth record whose tokenKey
         * changed (a new password, a "log out everywhere").
         */
        public static RecordChange of(RecordEvent event) {
            Record record = event.record();
            Map<String, Object> values = new LinkedHashMap<>(record.values());
            for (Field f : record.collection().fields()) {
                if (f instanceof PasswordField) {
                    values.remove(f.name());
                }
            }
            return new RecordChange(event.action().wire(), record.collection().id(), values);
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

    /**
     * {@code POST /api/realtime} for a client connected to another node: the node that holds the
     * client applies it as if it had been posted there and answers with a {@link SubscribeReply};
     * every other node ignores it. The requester's auth travels as a reference, never as its token.
     *
     * @param requestId     names the reply
     * @param clientId      the realtime client id
     * @param subscriptions the submitted topics, already validated
     * @param ip            the requester's IP, which must be the one the client connected from
     * @param auth          the requester's auth, or null for a guest
     */
    record SubscribeRequest(String requestId, String clientId, List<String> subscriptions, String ip, AuthRef auth)
            implements BusMessage {

        public SubscribeRequest {
            subscriptions = List.copyOf(subscriptions);
        }
    }

    /**
     * An auth record by reference, as a {@link SubscribeRequest} carries it.
     *
     * @param collectionId the record's collection id
     * @param id           the record id
     * @param keyDigest    a digest of what its auth tokens are signed with (tokenKey and the
     *                     collection's secret) when the request's token was verified: if either has
     *                     changed since, that token is no longer valid, and the request counts as a guest's
     */
    record AuthRef(String collectionId, String id, String keyDigest) {}

    /**
     * The answer of the node that holds the client of a {@link SubscribeRequest}.
     *
     * @param requestId the request's id
     * @param status    204 when applied, else the HTTP status of the refusal
     * @param message   the refusal's message; empty when applied
     */
    record SubscribeReply(String requestId, int status, String message) implements BusMessage {}

    /** The collection model changed on some node: every node reloads its registry. */
    record CollectionsChanged() implements BusMessage {}

    /** The settings changed on some node: every node reloads them from {@code _params}. */
    record SettingsChanged() implements BusMessage {}
}
