package dev.basalt.collections;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** The wire datetime format {@code YYYY-MM-DD HH:MM:SS.sssZ}, always UTC. */
public final class Timestamps {

    public static final DateTimeFormatter WIRE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private Timestamps() {}

    public static String now() {
        return format(Instant.now());
    }

    public static String format(Instant instant) {
        return WIRE.format(instant);
    }
}
