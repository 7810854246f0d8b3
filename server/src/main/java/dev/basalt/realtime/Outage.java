package dev.basalt.realtime;

import java.time.Duration;
import org.slf4j.Logger;

/**
 * The lost database connection of one bus thread: logs once when it starts and once when it ends
 * (not at every failed retry), and spaces the retries out (100 ms doubling up to 5 s). Used by its
 * thread alone.
 */
final class Outage {

    private static final long FIRST_DELAY_MILLIS = 100;
    private static final long MAX_DELAY_MILLIS = 5_000;

    private final Logger log;
    private final String what;
    private long startedNanos;
    private long delayMillis;
    private boolean ongoing;

    Outage(Logger log, String what) {
        this.log = log;
        this.what = what;
    }

    /** Notes a failure and waits before the next attempt; false if interrupted. */
    boolean failedThenWait(Exception cause) {
        if (!ongoing) {
            ongoing = true;
            startedNanos = System.nanoTime();
            delayMillis = FIRST_DELAY_MILLIS;
            log.warn("event bus {} lost its database connection, reconnecting: {}", what, cause.getMessage());
        } else {
            log.debug("event bus {} still cannot reach the database: {}", what, cause.getMessage());
        }
        try {
            Thread.sleep(delayMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        delayMillis = Math.min(delayMillis * 2, MAX_DELAY_MILLIS);
        return true;
    }

    /** Notes a success; logs the end of an outage. */
    void succeeded() {
        if (ongoing) {
            ongoing = false;
            log.info("event bus {} reconnected after {}", what, Duration.ofNanos(System.nanoTime() - startedNanos));
        }
    }

    boolean isOngoing() {
        return ongoing;
    }
}
