package dev.basalt.bench;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * Everything a report states besides the scenarios: when and how the run was made, on what, and
 * what the server process did over it (null where the bench did not start the server itself).
 */
record RunInfo(
        OffsetDateTime started,
        Duration wallTime,
        String command,
        Scale scale,
        String machine,
        String serverJvm,
        List<String> jvmOptions,
        String database,
        String basaltVersion,
        List<Duration> startups,
        Measurement warmUp,
        ServerProcess.GcSummary gc,
        Boolean outOfMemory,
        Measurement clientCeiling) {
}
