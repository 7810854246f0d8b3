package dev.basalt.collections;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.basalt.collections.fields.Field;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The collection model as PocketBase's JSON: rules as {@code null}/string, fields with their
 * options flattened, type-specific options at the top level. {@link #toWire} hides secrets;
 * {@link #toStored} keeps them for the {@code _collections} table.
 */
public final class CollectionJson {

    static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, false);

    private static final Set<String> MODEL_KEYS = Set.of("id", "name", "type", "system", "fields", "indexes",
            "listRule", "viewRule", "createRule", "updateRule", "deleteRule", "created", "updated");

    private CollectionJson() {}

    /** The JSON a client sees: secrets omitted. */
    public static ObjectNode toWire(Collection c) {
        ObjectNode node = toStored(c);
        for (JsonNode value : node) {
            if (value instanceof ObjectNode o) {
                o.remove("secret");
            }
        }
        JsonNode oauth2 = node.get("oauth2");
        if (oauth2 != null && oauth2.get("providers") instanceof ArrayNode providers) {
            for (JsonNode p : providers) {
                if (p instanceof ObjectNode o) {
                    o.remove("clientSecret");
                }
            }
        }
        return node;
    }

    /** The full JSON, secrets included; only for persistence. */
    public static ObjectNode toStored(Collection c) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("id", c.id());
        node.put("name", c.name());
        node.put("type", c.type().wire());
        node.put("system", c.system());
        ArrayNode fields = node.putArray("fields");
        for (Field f : c.fields()) {
            fields.add(MAPPER.valueToTree(f));
        }
        ArrayNode indexes = node.putArray("indexes");
        c.indexes().forEach(indexes::add);
        putRule(node, "listRule", c.listRule());
        putRule(node, "viewRule", c.viewRule());
        putRule(node, "createRule", c.createRule());
        putRule(node, "updateRule", c.updateRule());
        putRule(node, "deleteRule", c.deleteRule());
        c.options().forEach((k, v) -> node.set(k, MAPPER.valueToTree(v)));
        node.put("created", c.created());
        node.put("updated", c.updated());
        return node;
    }

    private static void putRule(ObjectNode node, String key, Rule rule) {
        String wire = rule.wire();
        if (wire == null) {
            node.putNull(key);
        } else {
            node.put(key, wire);
        }
    }

    /**
     * Reads a collection from its JSON. Missing keys get PocketBase's defaults (rules default to
     * superusers-only, type to base). Throws {@link IllegalArgumentException} for malformed parts.
     */
    public static Collection fromJson(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("a collection must be a JSON object");
        }
        List<Field> fields = new ArrayList<>();
        JsonNode fieldsNode = node.get("fields");
        if (fieldsNode != null && !fieldsNode.isNull()) {
            if (!fieldsNode.isArray()) {
                throw new IllegalArgumentException("fields must be an array");
            }
            for (JsonNode f : fieldsNode) {
                fields.add(readField(f));
            }
        }
        List<String> indexes = new ArrayList<>();
        JsonNode indexesNode = node.get("indexes");
        if (indexesNode != null && indexesNode.isArray()) {
            indexesNode.forEach(i -> indexes.add(i.asText()));
        }
        Map<String, Object> options = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = node.fields();
        while (it.hasNext()) {
            var e = it.next();
            if (!MODEL_KEYS.contains(e.getKey())) {
                options.put(e.getKey(), MAPPER.convertValue(e.getValue(), Object.class));
            }
        }
        return new Collection(
                text(node, "id"),
                text(node, "name"),
                CollectionType.of(text(node, "type")),
                node.path("system").asBoolean(false),
                fields,
                indexes,
                rule(node, "listRule"),
                rule(node, "viewRule"),
                rule(node, "createRule"),
                rule(node, "updateRule"),
                rule(node, "deleteRule"),
                options,
                text(node, "created"),
                text(node, "updated"));
    }

    public static Field readField(JsonNode f) {
        if (f == null || !f.isObject()) {
            throw new IllegalArgumentException("a field must be a JSON object");
        }
        try {
            return MAPPER.treeToValue(f, Field.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("invalid field " + f.path("name").asText("") + ": " + e.getOriginalMessage(), e);
        }
    }

    /**
     * The JSON of {@code base} with {@code patch} merged onto it the way PocketBase binds a request
     * body onto a loaded model: objects merge key by key, arrays (such as {@code fields}) and
     * scalars replace, and {@code null} clears a value unless the stored value is an object.
     */
    public static ObjectNode merge(ObjectNode base, JsonNode patch) {
        ObjectNode out = base.deepCopy();
        Iterator<Map.Entry<String, JsonNode>> it = patch.fields();
        while (it.hasNext()) {
            var e = it.next();
            JsonNode current = out.get(e.getKey());
            JsonNode value = e.getValue();
            if (current instanceof ObjectNode currentObject && value.isObject()) {
                out.set(e.getKey(), merge(currentObject, value));
            } else if (current instanceof ObjectNode && value.isNull()) {
                continue;
            } else {
                out.set(e.getKey(), value.deepCopy());
            }
        }
        return out;
    }

    public static Collection parse(String json) {
        try {
            return fromJson(MAPPER.readTree(json));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("invalid collection JSON: " + e.getOriginalMessage(), e);
        }
    }

    public static String serialize(Collection c) {
        try {
            return MAPPER.writeValueAsString(toStored(c));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String text(JsonNode node, String key) {
        JsonNode v = node.get(key);
        return v == null || v.isNull() ? "" : v.asText();
    }

    private static Rule rule(JsonNode node, String key) {
        JsonNode v = node.get(key);
        return v == null || v.isNull() ? Rule.SUPERUSERS_ONLY : Rule.of(v.asText());
    }
}
