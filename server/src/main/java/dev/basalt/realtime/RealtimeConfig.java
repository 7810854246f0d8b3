package dev.basalt.realtime;

import java.time.Duration;

/**
 * Lifetime of SSE connections.
 *
 * @param idleTimeout a connection without any delivered message for this long is closed
 * @param maxLifetime a connection is closed after this long in any case
 */
public record RealtimeConfig(Duration idleTimeout, Duration maxLifetime) {

    // PocketBase compat: 5 minutes idle and no keep-alive ping; clients reconnect by themselves.
    public static final RealtimeConfig DEFAULT = new RealtimeConfig(Duration.ofMinutes(5), Duration.ofMinutes(30));

    public RealtimeConfig {
        if (idleTimeout == null || maxLifetime == null || idleTimeout.isNegative() || idleTimeout.isZero()
                || maxLifetime.isNegative() || maxLifetime.isZero()) {
            throw new IllegalArgumentException("realtime idleTimeout and maxLifetime must be positive");
        }
    }
}
