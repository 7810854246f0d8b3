package dev.basalt.bench;

import java.time.Duration;

/**
 * How big a run is. {@link #FULL} sends PocketBase's request counts at its concurrency levels and
 * waits its two seconds between scenarios; {@link #QUICK} runs every scenario with a handful of
 * requests and no pause, as a smoke test that finishes in well under two minutes.
 */
enum Scale {
    FULL(Duration.ofSeconds(2)),
    QUICK(Duration.ZERO),
    /** The warm-up before a full run: a tenth of every count (at least the quick one), no pause. */
    WARM_UP(Duration.ZERO);

    private final Duration cooldown;

    Scale(Duration cooldown) {
        this.cooldown = cooldown;
    }

    Duration cooldown() {
        return cooldown;
    }

    /** {@code full} in a full run, {@code quick} in a quick one. */
    int pick(int full, int quick) {
        return switch (this) {
            case FULL -> full;
            case QUICK -> quick;
            case WARM_UP -> Math.max(quick, full / 10);
        };
    }

    /** The scale of the warm-up before a run of this scale. */
    Scale warmUp() {
        return this == FULL ? WARM_UP : QUICK;
    }
}
