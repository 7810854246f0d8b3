package dev.basalt.bench;

import java.time.Duration;

/**
 * How big a run is. {@link #FULL} sends PocketBase's request counts at its concurrency levels and
 * waits its two seconds between scenarios; {@link #QUICK} runs every scenario with a handful of
 * requests and no pause, as a smoke test that finishes in well under two minutes.
 */
enum Scale {
    FULL(Duration.ofSeconds(2)),
    QUICK(Duration.ZERO);

    private final Duration cooldown;

    Scale(Duration cooldown) {
        this.cooldown = cooldown;
    }

    Duration cooldown() {
        return cooldown;
    }

    /** {@code full} in a full run, {@code quick} in a quick one. */
    int pick(int full, int quick) {
        return this == FULL ? full : quick;
    }
}
