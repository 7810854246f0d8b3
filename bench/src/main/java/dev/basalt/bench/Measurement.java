package dev.basalt.bench;

import java.time.Duration;
import java.util.Arrays;

/**
 * What one scenario measured: every request's latency, the wall time from the first request sent
 * to the last answer received, and the failures (transport errors and statuses of 400 and up,
 * as PocketBase's benchmark counts them).
 */
record Measurement(long[] latenciesNanos, long completedNanos, int errors, String firstError) {

    Measurement {
        latenciesNanos = latenciesNanos.clone();
        Arrays.sort(latenciesNanos);
    }

    int requests() {
        return latenciesNanos.length;
    }

    Duration best() {
        return Duration.ofNanos(latenciesNanos.length == 0 ? 0 : latenciesNanos[0]);
    }

    Duration worst() {
        return Duration.ofNanos(latenciesNanos.length == 0 ? 0 : latenciesNanos[latenciesNanos.length - 1]);
    }

    Duration completed() {
        return Duration.ofNanos(completedNanos);
    }

    /** The latency under which the given share of requests completed (nearest rank). */
    Duration percentile(double share) {
        if (latenciesNanos.length == 0) {
            return Duration.ZERO;
        }
        int rank = (int) Math.ceil(share * latenciesNanos.length);
        return Duration.ofNanos(latenciesNanos[Math.clamp(rank - 1, 0, latenciesNanos.length - 1)]);
    }

    /** Requests per second over the whole scenario. */
    double throughput() {
        return completedNanos == 0 ? 0 : latenciesNanos.length * 1e9 / completedNanos;
    }

    /** This measurement with failures of a side load (the mixed scenario's updates) added. */
    Measurement withSideErrors(int sideErrors, String sideFirstError) {
        return new Measurement(latenciesNanos, completedNanos, errors + sideErrors,
                firstError != null ? firstError : sideFirstError);
    }
}
