package dev.basalt.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.impl.DSL;

/**
 * An identifier turned into SQL.
 *
 * @param field        the expression, over the main table and the {@code joins}
 * @param kind         a row's column/expression, a fixed SQL keyword, or a bound value
 * @param value        the bound value when {@code kind} is {@link Kind#VALUE} (may be null); the
 *                     SQL text of a {@link Kind#KEYWORD}
 * @param lowered      for a bound value: the SQL applies LOWER to it
 * @param nullFallback how {@code =}/{@code !=} treat NULL and {@code ''}
 * @param multiMatch   present when the operand has many values per row (relations, :each, ...)
 * @param guard        a condition ANDed to every comparison that uses the operand
 * @param joins        tables the main query must LEFT JOIN
 */
public record Resolved(
        Field<?> field,
        Kind kind,
        Object value,
        boolean lowered,
        NullFallback nullFallback,
        Optional<MultiMatch> multiMatch,
        Optional<Condition> guard,
        List<Join> joins) {

    public enum Kind { COLUMN, KEYWORD, VALUE }

    /**
     * {@code AUTO}: NULL and {@code ''} are the same for {@code =}/{@code !=}; {@code DISABLED}:
     * compare with {@code IS}/{@code IS NOT} as they are (JSON values); {@code ENFORCED}: like auto,
     * but a bound value is never taken as known non-empty.
     */
    public enum NullFallback { AUTO, DISABLED, ENFORCED }

    public Resolved {
        joins = List.copyOf(joins);
    }

    public static Resolved column(Field<?> field) {
        return new Resolved(field, Kind.COLUMN, null, false, NullFallback.AUTO, Optional.empty(), Optional.empty(),
                List.of());
    }

    /** A JSON value: no NULL/'' normalisation. */
    public static Resolved json(Field<?> field) {
        return column(field).withNullFallback(NullFallback.DISABLED);
    }

    public static Resolved value(Object value) {
        return new Resolved(DSL.val(value), Kind.VALUE, value, false, NullFallback.AUTO, Optional.empty(),
                Optional.empty(), List.of());
    }

    /** The value in lower case, as SQLite's {@code LOWER} gives it (ASCII letters only). */
    public static Resolved loweredValue(Object value) {
        String lowered = value == null ? null : lowerAscii(value.toString());
        return new Resolved(DSL.val(lowered, String.class), Kind.VALUE, value, true, NullFallback.AUTO,
                Optional.empty(), Optional.empty(), List.of());
    }

    /** SQLite's {@code LOWER} without ICU: only A-Z change. */
    static String lowerAscii(String s) {
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                if (out == null) {
                    out = new StringBuilder(s);
                }
                out.setCharAt(i, (char) (c + ('a' - 'A')));
            }
        }
        return out == null ? s : out.toString();
    }

    public static Resolved nullKeyword() {
        return keyword("NULL");
    }

    public static Resolved bool(boolean value) {
        return keyword(value ? "TRUE" : "FALSE");
    }

    /**
     * A fixed SQL keyword or integer: {@code NULL}, {@code TRUE}, {@code FALSE} (SQLite's 1 and 0),
     * {@code 1}, {@code 0}, {@code 3}.
     */
    public static Resolved keyword(String sql) {
        Field<?> field = switch (sql.toUpperCase(java.util.Locale.ROOT)) {
            case "NULL" -> DSL.inline((Object) null);
            case "TRUE" -> DSL.inline(1);
            case "FALSE" -> DSL.inline(0);
            default -> DSL.inline(Long.parseLong(sql));
        };
        return new Resolved(field, Kind.KEYWORD, sql, false, NullFallback.AUTO, Optional.empty(),
                Optional.empty(), List.of());
    }

    public Resolved withNullFallback(NullFallback fallback) {
        return new Resolved(field, kind, value, lowered, fallback, multiMatch, guard, joins);
    }

    public Resolved withMultiMatch(MultiMatch mm) {
        return new Resolved(field, kind, value, lowered, nullFallback, Optional.of(mm), guard, joins);
    }

    public Resolved withGuard(Condition condition) {
        return new Resolved(field, kind, value, lowered, nullFallback, multiMatch, Optional.of(condition), joins);
    }

    public Resolved withJoins(List<Join> more) {
        List<Join> all = new ArrayList<>(joins);
        all.addAll(more);
        return new Resolved(field, kind, value, lowered, nullFallback, multiMatch, guard, all);
    }

    public Resolved withField(Field<?> newField) {
        return new Resolved(newField, kind, value, lowered, nullFallback, multiMatch, guard, joins);
    }

    boolean isEmpty() {
        if (kind == Kind.KEYWORD) {
            return "NULL".equalsIgnoreCase(String.valueOf(value));
        }
        return kind == Kind.VALUE && nullFallback == NullFallback.AUTO && (value == null || "".equals(value));
    }

    boolean isKnownNonEmpty() {
        if (nullFallback == NullFallback.ENFORCED) {
            return false;
        }
        if (kind == Kind.KEYWORD) {
            return !isEmpty();
        }
        return kind == Kind.VALUE && value != null && !"".equals(value);
    }
}
