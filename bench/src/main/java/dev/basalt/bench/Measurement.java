package dev.basalt.bench;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

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

    /** Several measurements as one, over the given wall time (a warm-up's scenarios). */
    static Measurement sum(List<Measurement> parts, Duration wallTime) {
        long[] latencies = new long[parts.stream().mapToInt(Measurement::requests).sum()];
        int at = 0;
        int errors = 0;
        String firstError = null;
        for (Measurement m : parts) {
            System.arraycopy(m.latenciesNanos, 0, latencies, at, m.latenciesNanos.length);
            at += m.latenciesNanos.length;
            errors += m.errors;
            firstError = firstError != null ? firstError : m.firstError;
        }
        return new Measurement(latencies, wallTime.toNanos(), errors, firstError);
    }

    /** This measurement with failures of a side load (the mixed scenario's updates) added. */
    Measurement withSideErrors(int sideErrors, String sideFirstError) {
        return new Measurement(latenciesNanos, completedNanos, errors + sideErrors,
                firstError != null ? firstError : sideFirstError);
    }
}
