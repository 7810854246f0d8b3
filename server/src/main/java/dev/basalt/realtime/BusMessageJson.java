package dev.basalt.realtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/**
 * The JSON text of a {@link BusMessage} on a cluster bus: {@code {"node", "seq", "type", ...the
 * message's components}}, or a reference {@code {"node", "seq", "ref"}} to the same text stored
 * elsewhere. {@code node} and {@code seq} (the sender and its counter) let a receiver drop a
 * message it already has and notice one it missed.
 */
final class BusMessageJson {

    static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .configure(SerializationFeature.FAIL_ON_EMPTY_BEANS, false);

    /**
     * A received text.
     *
     * @param ref     the id of the stored message text, or {@code ""} when this is the message
     * @param message the message; empty for a reference, or for a type this node does not know
     *                (sent by a newer node during a rolling upgrade)
     */
    record Envelope(String node, long seq, String ref, Optional<BusMessage> message) {}

    private BusMessageJson() {}

    static String encode(String node, long seq, BusMessage message) throws JsonProcessingException {
        ObjectNode out = MAPPER.createObjectNode().put("node", node).put("seq", seq).put("type", type(message));
        out.setAll((ObjectNode) MAPPER.valueToTree(message));
        return MAPPER.writeValueAsString(out);
    }

    static String reference(String node, long seq, String ref) {
        return MAPPER.createObjectNode().put("node", node).put("seq", seq).put("ref", ref).toString();
    }

    static Envelope decode(String text) throws JsonProcessingException {
        JsonNode tree = MAPPER.readTree(text);
        if (tree == null || !tree.isObject() || !tree.path("node").isTextual() || !tree.path("seq").canConvertToLong()) {
            throw new IllegalArgumentException("not a bus message: " + abbreviated(text));
        }
        String node = tree.get("node").asText();
        long seq = tree.get("seq").asLong();
        if (tree.has("ref")) {
            return new Envelope(node, seq, tree.get("ref").asText(), Optional.empty());
        }
        Class<? extends BusMessage> type = switch (tree.path("type").asText()) {
            case "record" -> BusMessage.RecordChange.class;
            case "client" -> BusMessage.ClientMessage.class;
            case "collections" -> BusMessage.CollectionsChanged.class;
            case "settings" -> BusMessage.SettingsChanged.class;
            case "subscribe" -> BusMessage.SubscribeRequest.class;
            case "subscribed" -> BusMessage.SubscribeReply.class;
            default -> null;
        };
        return new Envelope(node, seq, "", type == null ? Optional.empty() : Optional.of(MAPPER.treeToValue(tree, type)));
    }

    private static String type(BusMessage message) {
        return switch (message) {
            case BusMessage.RecordChange m -> "record";
            case BusMessage.ClientMessage m -> "client";
            case BusMessage.CollectionsChanged m -> "collections";
            case BusMessage.SettingsChanged m -> "settings";
            case BusMessage.SubscribeRequest m -> "subscribe";
            case BusMessage.SubscribeReply m -> "subscribed";
        };
    }

    static String abbreviated(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }
}
