package dev.basalt.store;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jooq.Field;
import org.jooq.Param;
import org.jooq.impl.DSL;

/**
 * SQLite's {@code strftime(format, time, modifiers...)} in PostgreSQL. The format and modifiers of
 * a filter are literals, so they are translated once, when the filter compiles: the format into a
 * {@code to_char} pattern, the modifiers into interval arithmetic and {@code date_trunc}. As in
 * SQLite, a time that is not a date gives NULL, never an error.
 */
final class Strftime {

    // A datetime as Basalt stores it or as a filter writes it (date, optional time and zone).
    private static final String DATETIME = "^\\d{4}-\\d{2}-\\d{2}([ T]\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?)?(Z|[+-]\\d{2}:?\\d{2})?$";
    private static final Pattern SHIFT = Pattern.compile(
            "^([+-]?\\d+(?:\\.\\d+)?)\\s+(second|minute|hour|day|month|year)s?$", Pattern.CASE_INSENSITIVE);

    private Strftime() {}

    static Field<String> postgres(List<Field<?>> args, PostgresDialect dialect) {
        String format = literal(args.getFirst());
        Field<?> time = args.size() > 1 ? timestamp(dialect.text(args.get(1))) : DSL.field("(now() AT TIME ZONE 'UTC')");
        for (Field<?> modifier : args.subList(Math.min(2, args.size()), args.size())) {
            time = modify(time, literal(modifier));
        }
        return DSL.field("to_char({0}, {1})", String.class, time, DSL.inline(pattern(format)));
    }

    private static String literal(Field<?> f) {
        if (f instanceof Param<?> p && p.getValue() != null) {
            return p.getValue().toString();
        }
        throw new IllegalArgumentException("strftime expects literal formats and modifiers");
    }

    // A UTC timestamp without zone, NULL for anything that is not a date.
    private static Field<?> timestamp(Field<String> text) {
        return DSL.field("(CASE WHEN {0} ~ {1} THEN (CAST(replace({0}, ' ', 'T') AS timestamptz) AT TIME ZONE 'UTC') END)",
                text, DSL.inline(DATETIME));
    }

    private static Field<?> modify(Field<?> time, String modifier) {
        String m = modifier.strip().toLowerCase(Locale.ROOT);
        Matcher shift = SHIFT.matcher(m);
        if (shift.matches()) {
            return DSL.field("({0} + CAST({1} AS interval))", time, DSL.inline(shift.group(1) + " " + shift.group(2)));
        }
        return switch (m) {
            case "start of day" -> DSL.field("date_trunc('day', {0})", time);
            case "start of month" -> DSL.field("date_trunc('month', {0})", time);
            case "start of year" -> DSL.field("date_trunc('year', {0})", time);
            // Times are UTC already; SQLite's utc/localtime would shift by the server's zone.
            case "utc", "localtime", "auto", "subsec", "subsecond" -> time;
            default -> DSL.field("CAST(NULL AS timestamp)");
        };
    }

    /** The {@code to_char} pattern of a SQLite format; literal text is double-quoted. */
    static String pattern(String format) {
        StringBuilder out = new StringBuilder();
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < format.length(); i++) {
            char c = format.charAt(i);
            if (c != '%' || i + 1 == format.length()) {
                text.append(c);
                continue;
            }
            char code = format.charAt(++i);
            String p = switch (code) {
                case 'Y' -> "YYYY";
                case 'm' -> "MM";
                case 'd' -> "DD";
                case 'H' -> "HH24";
                case 'M' -> "MI";
                case 'S' -> "SS";
                case 'f' -> "SS.MS";
                case 'j' -> "DDD";
                case 'W' -> "WW";
                // %w (0-6), %s (epoch seconds) and %J (fractional Julian day) have no to_char
                // pattern; they stay as written.
                default -> null;
            };
            if (p == null) {
                text.append(code == '%' ? "%" : "%" + code);
                continue;
            }
            flush(out, text);
            out.append(p);
        }
        flush(out, text);
        return out.toString();
    }

    private static void flush(StringBuilder out, StringBuilder text) {
        if (!text.isEmpty()) {
            out.append('"').append(text.toString().replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
            text.setLength(0);
        }
    }
}
