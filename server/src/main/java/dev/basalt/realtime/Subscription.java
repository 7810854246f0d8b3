package dev.basalt.realtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One subscription of a client, as submitted: {@code posts/*}, {@code posts/RECORD_ID},
 * {@code posts} (legacy for {@code posts/*}) or any other topic ({@code @oauth2}), optionally
 * followed by {@code ?options=<url-encoded JSON>} with {@code query} and {@code headers}.
 *
 * @param raw     the subscription string exactly as submitted; it is also the event name
 * @param topic   the part before {@code ?}
 * @param query   the {@code options.query} values, stringified
 * @param headers the {@code options.headers} values, stringified, names in snake_case
 */
public record Subscription(String raw, String topic, Map<String, String> query, Map<String, String> headers) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CAMEL = Pattern.compile("([a-z0-9])([A-Z])");
    private static final Pattern NON_WORD = Pattern.compile("[^A-Za-z0-9]+");
    private static final Pattern EDGE_UNDERSCORES = Pattern.compile("^_+|_+$");

    public Subscription {
        query = Collections.unmodifiableMap(new LinkedHashMap<>(query));
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }

    /**
     * Parses a submitted subscription. PocketBase compat: options that are not valid JSON are
     * ignored (the subscription stands, without options), as are values that are not scalars.
     */
    public static Subscription parse(String raw) {
        int q = raw.indexOf('?');
        String topic = q < 0 ? raw : raw.substring(0, q);
        Map<String, String> query = new LinkedHashMap<>();
        Map<String, String> headers = new LinkedHashMap<>();
        JsonNode options = q < 0 ? null : options(raw.substring(q + 1));
        if (options != null && options.isObject()) {
            strings(options.get("query")).forEach(query::put);
            strings(options.get("headers")).forEach((k, v) -> headers.put(snakeCase(k), v));
        }
        return new Subscription(raw, topic, query, headers);
    }

    /** The {@code options} parameter of the query string, parsed; null when absent or malformed. */
    private static JsonNode options(String queryString) {
        for (String pair : queryString.split("&")) {
            int eq = pair.indexOf('=');
            try {
                String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                if (key.equals("options") && eq >= 0) {
                    return JSON.readTree(URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            } catch (IllegalArgumentException | java.io.IOException e) {
                return null;
            }
        }
        return null;
    }

    private static Map<String, String> strings(JsonNode object) {
        Map<String, String> out = new LinkedHashMap<>();
        if (object == null || !object.isObject()) {
            return out;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            out.put(e.getKey(), v.isValueNode() && !v.isNull() ? v.asText() : "");
        }
        return out;
    }

    /** {@code X-Token} and {@code xToken} become {@code x_token}, as PocketBase normalises header names. */
    static String snakeCase(String name) {
        String s = CAMEL.matcher(name).replaceAll("$1_$2");
        s = NON_WORD.matcher(s).replaceAll("_").toLowerCase(Locale.ROOT);
        return EDGE_UNDERSCORES.matcher(s).replaceAll("");
    }

    /** A query option, or {@code ""}. */
    public String option(String name) {
        return query.getOrDefault(name, "");
    }
}
