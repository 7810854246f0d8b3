package dev.basalt.jobs;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;

/**
 * A parsed cron expression in PocketBase's syntax: five fields (minute 0-59, hour 0-23, day of
 * month 1-31, month 1-12, day of week 0-6 with 0 = Sunday), each {@code *}, a number, a range
 * {@code a-b}, a step over all values ({@code *}&#47;n) or over a range ({@code a-b/n}), or a
 * comma-separated list of those; or one of the macros {@code @yearly}, {@code @annually},
 * {@code @monthly}, {@code @weekly}, {@code @daily}, {@code @midnight}, {@code @hourly}. Times are UTC.
 *
 * <p>Settings validate the backup cron with {@link #isValid}, so what the settings accept is what
 * the scheduler runs.
 */
public final class Schedule {

    private static final Map<String, String> MACROS = Map.of(
            "@yearly", "0 0 1 1 *",
            "@annually", "0 0 1 1 *",
            "@monthly", "0 0 1 * *",
            "@weekly", "0 0 * * 0",
            "@daily", "0 0 * * *",
            "@midnight", "0 0 * * *",
            "@hourly", "0 * * * *");
    private static final String[] NAMES = {"minute", "hour", "day of month", "month", "day of week"};
    private static final int[] MIN = {0, 0, 1, 1, 0};
    private static final int[] MAX = {59, 23, 31, 12, 6};
    // Long enough to meet any satisfiable expression: Feb 29 on a given weekday recurs within 40 years.
    private static final int SEARCH_YEARS = 50;

    private final String expression;
    // One bit per allowed value of each field, indexed as NAMES.
    private final long[] allowed;

    private Schedule(String expression, long[] allowed) {
        this.expression = expression;
        this.allowed = allowed;
    }

    /**
     * Parses a 5-field expression or a macro.
     *
     * @throws IllegalArgumentException naming the expression and what is wrong with it
     */
    public static Schedule parse(String expression) {
        String trimmed = expression.strip();
        String[] fields = MACROS.getOrDefault(trimmed, trimmed).split("\\s+");
        if (fields.length != 5) {
            throw invalid(expression, "expected a macro or 5 space-separated fields, got " + fields.length);
        }
        long[] allowed = new long[5];
        for (int i = 0; i < 5; i++) {
            for (String part : fields[i].split(",", -1)) {
                allowed[i] |= parsePart(expression, i, part);
            }
        }
        return new Schedule(String.join(" ", fields), allowed);
    }

    /** Whether {@link #parse} accepts the expression. */
    public static boolean isValid(String expression) {
        try {
            parse(expression);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * The expression in its 5-field form, fields separated by one space; a macro is expanded.
     * PocketBase compat: the Crons API lists a job added as {@code @hourly} as {@code 0 * * * *}.
     */
    public String expression() {
        return expression;
    }

    /** Whether the schedule fires in the UTC minute that contains {@code time}. */
    public boolean isDue(Instant time) {
        return isDue(LocalDateTime.ofInstant(time, ZoneOffset.UTC));
    }

    /** The first minute strictly after {@code time} at which the schedule fires; empty if it never does. */
    public Optional<Instant> next(Instant time) {
        LocalDateTime t = LocalDateTime.ofInstant(time, ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
        LocalDateTime end = t.plusYears(SEARCH_YEARS);
        while (t.isBefore(end)) {
            if (!has(3, t.getMonthValue())) {
                t = t.withDayOfMonth(1).withHour(0).withMinute(0).plusMonths(1);
            } else if (!has(2, t.getDayOfMonth()) || !has(4, cronDay(t.getDayOfWeek()))) {
                t = t.withHour(0).withMinute(0).plusDays(1);
            } else if (!has(1, t.getHour())) {
                t = t.withMinute(0).plusHours(1);
            } else if (!has(0, t.getMinute())) {
                t = t.plusMinutes(1);
            } else {
                return Optional.of(t.toInstant(ZoneOffset.UTC));
            }
        }
        return Optional.empty();
    }

    // PocketBase compat: a restricted day of month and day of week must both match (classic cron
    // fires when either does), so "0 0 13 * 5" is Friday the 13th only.
    private boolean isDue(LocalDateTime t) {
        return has(0, t.getMinute()) && has(1, t.getHour()) && has(2, t.getDayOfMonth())
                && has(3, t.getMonthValue()) && has(4, cronDay(t.getDayOfWeek()));
    }

    private boolean has(int field, int value) {
        return (allowed[field] & (1L << value)) != 0;
    }

    private static int cronDay(DayOfWeek day) {
        return day.getValue() % 7;
    }

    private static long parsePart(String expression, int field, String part) {
        int min = MIN[field];
        int max = MAX[field];
        String range = part;
        int step = 1;
        int slash = part.indexOf('/');
        if (slash >= 0) {
            range = part.substring(0, slash);
            step = number(expression, field, part.substring(slash + 1));
            if (step < 1 || step > max) {
                throw invalid(expression, NAMES[field] + " step " + step + " is outside 1-" + max);
            }
        }
        int from;
        int to;
        if (range.equals("*")) {
            from = min;
            to = max;
        } else {
            int dash = range.indexOf('-');
            from = number(expression, field, dash < 0 ? range : range.substring(0, dash));
            to = dash < 0 ? from : number(expression, field, range.substring(dash + 1));
            // PocketBase compat: "5/15" is refused; a step needs "*" or a range.
            if (dash < 0 && step != 1) {
                throw invalid(expression, NAMES[field] + " \"" + part + "\" has a step but no range");
            }
            if (from < min || to > max || from > to) {
                throw invalid(expression, NAMES[field] + " \"" + range + "\" is outside " + min + "-" + max);
            }
        }
        long bits = 0;
        for (int v = from; v <= to; v += step) {
            bits |= 1L << v;
        }
        return bits;
    }

    private static int number(String expression, int field, String text) {
        if (text.isEmpty() || text.length() > 4 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw invalid(expression, NAMES[field] + " \"" + text + "\" is not a number");
        }
        return Integer.parseInt(text);
    }

    private static IllegalArgumentException invalid(String expression, String reason) {
        return new IllegalArgumentException("invalid cron expression \"" + expression + "\": " + reason);
    }

    @Override
    public String toString() {
        return expression;
    }
}
