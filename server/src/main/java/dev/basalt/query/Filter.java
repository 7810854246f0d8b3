package dev.basalt.query;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.Map;

/**
 * Entry point of the filter language: text to {@link Expr}.
 *
 * <pre>{@code
 * Expr e = Filter.parse("status = 'live' && views > 10");
 * Expr r = Filter.bind("author = {:user} && views > {:min}", Map.of("user", id, "min", 10));
 * }</pre>
 */
public final class Filter {

    /** The most comparisons one expression may hold (PocketBase's limit). */
    public static final int MAX_COMPARISONS = 200;

    /**
     * The longest {@code filter} query parameter a client may send, in UTF-8 bytes (PocketBase
     * measures Go string length, which is bytes).
     */
    public static final int MAX_CLIENT_FILTER_LENGTH = 3500;

    private Filter() {}

    /** Whether a client's {@code filter} parameter is within {@link #MAX_CLIENT_FILTER_LENGTH}. */
    public static boolean isWithinClientLimit(String filter) {
        return filter.getBytes(java.nio.charset.StandardCharsets.UTF_8).length <= MAX_CLIENT_FILTER_LENGTH;
    }

    // Rules are parsed on every request that checks them; an Expr is immutable, so one parse serves all.
    private static final int MAX_CACHED_LENGTH = 512;
    private static final Cache<String, Expr> PARSED = Caffeine.newBuilder().maximumSize(2_000).build();

    /** @throws FilterException when the text is not a valid expression (including blank text) */
    public static Expr parse(String text) {
        Expr known = PARSED.getIfPresent(text);
        if (known != null) {
            return known;
        }
        Expr parsed = Parser.parse(text, Map.of());
        // Rules and typical filters; long client filters are not worth the memory.
        if (text.length() <= MAX_CACHED_LENGTH) {
            PARSED.put(text, parsed);
        }
        return parsed;
    }

    /**
     * Parses an expression whose {@code {:name}} placeholders take the given values. Values are
     * substituted as literals, never as filter text, so they cannot change the expression's shape:
     * null and booleans become {@code null/true/false}, numbers numbers, anything else a text.
     */
    public static Expr bind(String text, Map<String, ?> values) {
        @SuppressWarnings("unchecked")
        Map<String, Object> copy = (Map<String, Object>) (Map<String, ?>) new java.util.HashMap<>(values);
        return Parser.parse(text, copy);
    }
}
