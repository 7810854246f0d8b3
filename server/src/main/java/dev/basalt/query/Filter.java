package dev.basalt.query;

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

    /** @throws FilterException when the text is not a valid expression (including blank text) */
    public static Expr parse(String text) {
        return Parser.parse(text, Map.of());
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
