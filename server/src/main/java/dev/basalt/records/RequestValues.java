package dev.basalt.records;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.basalt.collections.Collection;
import dev.basalt.collections.fields.Field;
import dev.basalt.collections.fields.NumberField;
import dev.basalt.query.FilterException;
import dev.basalt.query.Resolved;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The {@code @request.*} values of one request, as the filter resolver binds them. */
final class RequestValues {

    /** {@code @request.auth.*} fields bound as values; any other auth field is read through a join. */
    static final Set<String> PLAIN_AUTH_FIELDS =
            Set.of("id", "collectionId", "collectionName", "email", "emailVisibility", "verified");

    private static final Object MISSING = new Object();

    private final Collection base;
    private final RequestInfo info;
    private final Map<String, Object> root = new LinkedHashMap<>();

    RequestValues(Collection base, RequestInfo info) {
        this.base = base;
        this.info = info;
        root.put("context", info.context());
        root.put("method", info.method());
        root.put("query", info.query());
        root.put("headers", info.headers());
        root.put("body", info.body());
        root.put("auth", info.auth() == null ? null : authMap(info.auth()));
    }

    Record auth() {
        return info.auth();
    }

    private static Map<String, Object> authMap(Record auth) {
        Map<String, Object> m = new LinkedHashMap<>(auth.values());
        m.put("collectionId", auth.collection().id());
        m.put("collectionName", auth.collection().name());
        return m;
    }

    /** {@code @request.<path>} with an optional {@code :isset} or {@code :lower} on the last key. */
    Resolved resolveStatic(List<String> path) {
        List<String> keys = new ArrayList<>(path);
        String[] nm = RecordFieldResolver.splitModifier(keys.getLast());
        keys.set(keys.size() - 1, nm[0]);
        Object v = extract(keys);
        if (nm[1].equals("isset")) {
            return Resolved.keyword(v == MISSING ? "FALSE" : "TRUE");
        }
        if (!nm[1].isEmpty() && !nm[1].equals("lower")) {
            throw new FilterException("modifier \":" + nm[1] + "\" does not apply to \"@request."
                    + String.join(".", path) + "\"");
        }
        v = plain(v == MISSING ? null : v);
        if (v instanceof String s && base.field(keys.getLast()).orElse(null) instanceof NumberField) {
            // PocketBase compat: form-data submits numbers as text; compare them as numbers.
            try {
                v = Double.parseDouble(s.strip());
            } catch (NumberFormatException e) {
                // not a number: compare as text
            }
        }
        if (nm[1].equals("lower")) {
            return Resolved.loweredValue(v == null ? "" : v.toString());
        }
        return v == null ? Resolved.nullKeyword() : Resolved.value(v);
    }

    private Object extract(List<String> keys) {
        Object current = root;
        for (String key : keys) {
            if (current instanceof Map<?, ?> map && map.containsKey(key)) {
                current = map.get(key);
            } else if (current instanceof JsonNode node && node.isObject() && node.has(key)) {
                current = node.get(key);
            } else if (current instanceof List<?> list && index(key) < list.size()) {
                current = list.get(index(key));
            } else if (current instanceof JsonNode node && node.isArray() && index(key) < node.size()) {
                current = node.get(index(key));
            } else {
                return MISSING;
            }
        }
        return current;
    }

    private static int index(String key) {
        return key.chars().allMatch(Character::isDigit) && key.length() < 9 ? Integer.parseInt(key) : Integer.MAX_VALUE;
    }

    /** A bindable value: null, String, Boolean or Number; containers as JSON text. */
    private static Object plain(Object v) {
        if (v instanceof JsonNode node) {
            if (node.isNull() || node.isMissingNode()) {
                return null;
            }
            if (node.isTextual()) {
                return node.asText();
            }
            if (node.isBoolean()) {
                return node.asBoolean();
            }
            if (node.isNumber()) {
                return node.asDouble();
            }
            return node.toString();
        }
        if (v == null || v instanceof String || v instanceof Boolean || v instanceof Number) {
            return v;
        }
        return json(v);
    }

    boolean bodyHas(String name) {
        return info.body().containsKey(name);
    }

    Object bodyValue(Field f) {
        return plain(info.body().get(f.name()));
    }

    String bodyText(Field f) {
        Object v = bodyValue(f);
        return v == null ? "" : v.toString();
    }

    /** The submitted items of a multi-value field (a single value is one item; absent: none). */
    List<Object> bodyItems(Field f) {
        Object v = info.body().get(f.name());
        if (v == null || (v instanceof JsonNode n && n.isNull())) {
            return List.of();
        }
        List<Object> out = new ArrayList<>();
        if (v instanceof JsonNode node && node.isArray()) {
            node.forEach(item -> out.add(plain(item)));
        } else if (v instanceof List<?> list) {
            list.forEach(item -> out.add(plain(item)));
        } else if (v.getClass().isArray() && v instanceof Object[] arr) {
            Collections.addAll(out, arr);
        } else {
            out.add(plain(v));
        }
        return out;
    }

    String bodyItemsJson(Field f) {
        return json(bodyItems(f));
    }

    private static String json(Object v) {
        try {
            return RecordRepository.JSON.writeValueAsString(v);
        } catch (JsonProcessingException e) {
            return String.valueOf(v);
        }
    }
}
