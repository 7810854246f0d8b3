package dev.basalt.query;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAdjusters;
import java.util.Optional;

/** The {@code @now}-style identifiers, evaluated in UTC when a filter is compiled. */
final class Macros {

    private static final DateTimeFormatter WIRE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS'Z'");
    private static final LocalTime END_OF_DAY = LocalTime.of(23, 59, 59, 999_000_000);

    private Macros() {}

    static Optional<Object> value(String name, ZonedDateTime clock) {
        ZonedDateTime now = clock.withZoneSameInstant(ZoneOffset.UTC);
        ZonedDateTime today = now.toLocalDate().atStartOfDay(ZoneOffset.UTC);
        Object v = switch (name) {
            case "@now" -> format(now);
            case "@yesterday" -> format(now.minusDays(1));
            case "@tomorrow" -> format(now.plusDays(1));
            case "@todayStart" -> format(today);
            case "@todayEnd" -> format(today.with(END_OF_DAY));
            case "@monthStart" -> format(today.withDayOfMonth(1));
            case "@monthEnd" -> format(today.with(TemporalAdjusters.lastDayOfMonth()).with(END_OF_DAY));
            case "@yearStart" -> format(today.withDayOfYear(1));
            case "@yearEnd" -> format(today.with(TemporalAdjusters.lastDayOfYear()).with(END_OF_DAY));
            case "@second" -> now.getSecond();
            case "@minute" -> now.getMinute();
            case "@hour" -> now.getHour();
            case "@day" -> now.getDayOfMonth();
            case "@month" -> now.getMonthValue();
            case "@weekday" -> weekday(now.getDayOfWeek());
            case "@year" -> now.getYear();
            default -> null;
        };
        return Optional.ofNullable(v);
    }

    private static String format(ZonedDateTime t) {
        return WIRE.format(t);
    }

    // 0 = Sunday, as Go's time.Weekday.
    private static int weekday(DayOfWeek d) {
        return d.getValue() % 7;
    }
}
