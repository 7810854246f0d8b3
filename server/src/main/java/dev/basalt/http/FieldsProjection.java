package dev.basalt.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.basalt.error.ApiException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code ?fields=} selection of a JSON response: comma-separated key paths ({@code a},
 * {@code expand.author.name}, {@code *} for every key at that depth), each optionally with a value
 * modifier ({@code body:excerpt(200,true)}). Applied to the response tree; a list envelope keeps its
 * pagination keys and the selection applies to each of its {@code items}.
 *
 * @param paths the selected paths and their modifier (null for none), in the order given
 */
record FieldsProjection(Map<String, Excerpt> paths) {

    static final String PARAM = "fields";
    private static final List<String> ENVELOPE_KEYS = List.of("page", "perPage", "totalItems", "totalPages", "items");

    FieldsProjection {
        paths = Collections.unmodifiableMap(new LinkedHashMap<>(paths));
    }

    /**
     * Parses the raw parameter.
     *
     * @throws ApiException 400 when a quote or parenthesis is unbalanced or a modifier is unknown or
     *                      has invalid arguments
     */
    static FieldsProjection parse(String raw) {
        Map<String, Excerpt> paths = new LinkedHashMap<>();
        for (String token : tokens(raw)) {
            String field = token.strip();
            int colon = field.indexOf(':');
            if (colon < 0) {
                paths.put(field, null);
            } else {
                paths.put(field.substring(0, colon), modifier(field.substring(colon + 1)));
            }
        }
        return new FieldsProjection(paths);
    }

    /** The selected view of a response body (the argument is not changed). */
    JsonNode apply(JsonNode body) {
        JsonNode copy = body.deepCopy();
        if (isListEnvelope(copy)) {
            pick(copy.get("items"), paths);
        } else {
            pick(copy, paths);
        }
        return copy;
    }

    // PocketBase compat: only search results keep their envelope; any other object is picked from
    // the root. Basalt recognises the envelope by its keys, whatever Java type produced it.
    private static boolean isListEnvelope(JsonNode node) {
        if (!node.isObject() || !node.path("items").isArray()) {
            return false;
        }
        for (String key : ENVELOPE_KEYS) {
            if (!node.has(key)) {
                return false;
            }
        }
        return true;
    }

    private static void pick(JsonNode node, Map<String, Excerpt> fields) {
        if (node instanceof ObjectNode object) {
            pickKeys(object, fields);
        } else if (node instanceof ArrayNode array && !array.isEmpty() && array.get(0).isObject()) {
            for (JsonNode item : array) {
                if (item instanceof ObjectNode object) {
                    pickKeys(object, fields);
                }
            }
        }
    }

    private static void pickKeys(ObjectNode data, Map<String, Excerpt> requested) {
        if (requested.isEmpty()) {
            return;
        }
        Map<String, Excerpt> fields = new LinkedHashMap<>(requested);
        if (fields.containsKey("*")) {
            Excerpt all = fields.get("*");
            for (String key : names(data)) {
                if (!hasPathUnder(fields, key)) {
                    fields.put(key, all);
                }
            }
        }
        for (String key : names(data)) {
            Map<String, Excerpt> nested = new LinkedHashMap<>();
            boolean whole = false;
            Excerpt modifier = null;
            for (Map.Entry<String, Excerpt> e : fields.entrySet()) {
                String path = e.getKey();
                if (path.equals(key)) {
                    whole = true;
                    modifier = e.getValue();
                } else if (path.startsWith(key + ".")) {
                    nested.put(path.substring(key.length() + 1), e.getValue());
                }
            }
            if (whole) {
                // The key itself is selected: keep its whole value, deeper paths add nothing.
                if (modifier != null) {
                    data.set(key, modifier.modify(data.get(key)));
                }
            } else if (nested.isEmpty()) {
                data.remove(key);
            } else {
                pick(data.get(key), nested);
            }
        }
    }

    private static boolean hasPathUnder(Map<String, Excerpt> fields, String key) {
        for (String path : fields.keySet()) {
            if (path.equals(key) || path.startsWith(key + ".")) {
                return true;
            }
        }
        return false;
    }

    private static List<String> names(ObjectNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static Excerpt modifier(String raw) {
        List<String> parts = new ArrayList<>(Arrays.stream(raw.split("[(), ]+")).filter(p -> !p.isEmpty()).toList());
        if (parts.isEmpty()) {
            throw ApiException.badRequest("Invalid fields parameter: empty modifier.");
        }
        String name = parts.removeFirst();
        if (!name.equals("excerpt")) {
            throw ApiException.badRequest("Invalid fields parameter: unknown modifier " + name + ".");
        }
        return Excerpt.of(parts);
    }

    /**
     * Splits on commas and whitespace outside quotes and parentheses, as PocketBase's tokenizer
     * does; empty tokens between separators are skipped.
     */
    static List<String> tokens(String raw) {
        List<String> tokens = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int depth = 0;
        char quote = 0;
        char previous = 0;
        for (int i = 0; i < raw.length(); i++) {
            char ch = raw.charAt(i);
            if (previous != '\\') {
                if (quote == 0 && ch == '(') {
                    depth++;
                } else if (quote == 0 && ch == ')' && depth > 0) {
                    depth--;
                } else if (ch == '\'' || ch == '"' || ch == '`') {
                    if (quote == ch) {
                        quote = 0;
                    } else if (quote == 0) {
                        quote = ch;
                    }
                }
            }
            if (depth == 0 && quote == 0 && isSeparator(ch)) {
                if (!current.isEmpty()) {
                    tokens.add(current.toString());
                    current.setLength(0);
                }
            } else {
                current.append(ch);
            }
            previous = ch;
        }
        if (depth > 0 || quote != 0) {
            throw ApiException.badRequest("Invalid fields parameter: unbalanced parenthesis or quotes.");
        }
        if (!current.isEmpty()) {
            tokens.add(current.toString());
        }
        return tokens;
    }

    private static boolean isSeparator(char ch) {
        return ch == ',' || ch == ' ' || ch == '\t' || ch == '\n';
    }
}
