package dev.basalt.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The Markdown report of a run (report.md) and its chart (chart.svg): the run's facts, the
 * targets read off the figures, and a table per section with each scenario's best, worst and
 * completed times, errors, p50/p99, throughput, share of the trivial-route ceiling, and ratio to
 * PocketBase's published time for the same scenario on its own (different) hardware.
 */
final class Report {

    static final String TRIVIAL_ROUTE = "trivial route: GET /api/health";
    static final String GET_ONE_SUSTAINED = "users - getOne, sustained";
    static final String CEILING_SECTION = "Ceiling";

    /** The categories of the targets, by the largest allowed time ratio to PocketBase. */
    enum Kind {
        CREATE("creates", 0.5),
        AUTH_PASSWORD("auth with password", Double.NaN),
        AUTH_REFRESH("auth refresh", 0.25),
        GET_ONE("getOne", 0.25),
        LIST("lists", 0.25),
        EXPAND("expand", 0.25),
        RULE("rule scenarios", 0.25),
        DELETE("deletes", Double.NaN),
        CEILING("ceiling", Double.NaN);

        final String label;
        final double maxRatio;

        Kind(String label, double maxRatio) {
            this.label = label;
            this.maxRatio = maxRatio;
        }

        static Kind of(Scenario s) {
            String section = s.section();
            String title = s.title();
            if (section.startsWith("Creating")) {
                return CREATE;
            } else if (section.startsWith("User auth with password")) {
                return AUTH_PASSWORD;
            } else if (section.startsWith("User auth refresh")) {
                return AUTH_REFRESH;
            } else if (section.startsWith("Deleting")) {
                return DELETE;
            } else if (section.equals(CEILING_SECTION)) {
                return CEILING;
            } else if (title.contains("getOne")) {
                return GET_ONE;
            } else if (title.contains(" expand ")) {
                return EXPAND;
            } else if (title.contains("simple") || title.contains("mixed")) {
                return LIST;
            }
            return RULE;
        }
    }

    private final RunInfo run;
    private final List<Result> results;
    private final PublishedFigures published;

    Report(RunInfo run, List<Result> results, PublishedFigures published) {
        this.run = run;
        this.results = results;
        this.published = published;
    }

    void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("report.md"), markdown());
        Files.writeString(dir.resolve("chart.svg"), Chart.svg(ratiosByKind(), title()));
    }

    private String title() {
        return "Basalt vs PocketBase's published CAX11 times (" + run.database() + ", "
                + run.started().format(DateTimeFormatter.ISO_LOCAL_DATE) + ")";
    }

    /** Time ratio Basalt / PocketBase of every scenario with a published figure, by kind. */
    Map<Kind, List<Double>> ratiosByKind() {
        Map<Kind, List<Double>> byKind = new LinkedHashMap<>();
        for (Result r : results) {
            ratio(r).ifPresent(ratio -> byKind.computeIfAbsent(Kind.of(r.scenario()), k -> new ArrayList<>()).add(ratio));
        }
        return byKind;
    }

    /** Completed-time ratio, only where the run sent as many requests as PocketBase's did. */
    Optional<Double> ratio(Result r) {
        return published.of(r.scenario())
                .filter(f -> f.requests() == r.measurement().requests() && f.concurrency() == r.scenario().concurrency())
                .map(f -> r.measurement().completed().toNanos() / 1e6 / f.completedMillis());
    }

    Optional<Measurement> ceiling() {
        return results.stream().filter(r -> r.scenario().title().equals(TRIVIAL_ROUTE)).map(Result::measurement).findFirst();
    }

    /** Failed requests of the scenarios and of the warm-up before them. */
    int totalErrors() {
        return scenarioErrors() + warmUpErrors();
    }

    private int scenarioErrors() {
        return results.stream().mapToInt(r -> r.measurement().errors()).sum();
    }

    private int warmUpErrors() {
        return run.warmUp() == null ? 0 : run.warmUp().errors();
    }

    String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("# Basalt benchmark: ").append(run.scale() == Scale.FULL ? "full run" : "quick run").append("\n\n");
        md.append("- **Date:** ").append(run.started().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)).append(" (whole run ")
                .append(duration(run.wallTime())).append(")\n");
        md.append("- **Command:** `").append(run.command()).append("`\n");
        md.append("- **Machine:** ").append(run.machine()).append(". Server and load generator on the same machine, over loopback.\n");
        md.append("- **Server JVM:** ").append(run.serverJvm()).append(", options `").append(String.join(" ", run.jvmOptions()))
                .append("` (heap limit ").append(ServerProcess.heapLimit(run.jvmOptions())).append(")\n");
        md.append("- **Database:** ").append(run.database()).append("\n");
        md.append("- **Basalt:** ").append(run.basaltVersion()).append("\n");
        md.append("- **Compared with:** ").append(published.description()).append(". PocketBase's benchmark runs inside"
                + " PocketBase on an ARM machine and opens a new connection per request; this one runs a separate client"
                + " with keep-alive connections on different hardware. The ratios compare the two published runs; they"
                + " are not a like-for-like measurement.\n\n");

        md.append("## Targets\n\n");
        md.append("| target | measured | holds |\n|---|---|---|\n");
        for (Kind kind : Kind.values()) {
            if (Double.isNaN(kind.maxRatio)) {
                continue;
            }
            List<Double> ratios = ratiosByKind().getOrDefault(kind, List.of());
            if (ratios.isEmpty()) {
                md.append("| ").append(kind.label).append(" ≤ ").append(fraction(kind.maxRatio))
                        .append(" of PocketBase's time | not comparable in this run | — |\n");
                continue;
            }
            double worst = ratios.stream().mapToDouble(Double::doubleValue).max().orElse(0);
            long over = ratios.stream().filter(x -> x > kind.maxRatio).count();
            md.append("| ").append(kind.label).append(" ≤ ").append(fraction(kind.maxRatio)).append(" of PocketBase's time | worst ")
                    .append(ratio(worst)).append(", geometric mean ").append(ratio(geometricMean(ratios))).append(" over ")
                    .append(ratios.size()).append(" scenarios").append(over > 0 ? ", " + over + " over the target" : "")
                    .append(" | ").append(over == 0 ? "yes" : "**no**").append(" |\n");
        }
        Optional<Measurement> ceiling = ceiling();
        Optional<Measurement> getOne = results.stream().filter(r -> r.scenario().title().equals(GET_ONE_SUSTAINED))
                .map(Result::measurement).findFirst();
        if (ceiling.isPresent() && getOne.isPresent()) {
            double share = getOne.get().throughput() / ceiling.get().throughput();
            md.append(String.format(Locale.ROOT, "| getOne ≥ 50%% of the trivial-route ceiling | %.0f req/s of %.0f req/s = %.0f%% | %s |\n",
                    getOne.get().throughput(), ceiling.get().throughput(), share * 100, share >= 0.5 ? "yes" : "**no**"));
        }
        int errors = scenarioErrors();
        md.append("| no scenario errors | ").append(errors).append(" errors")
                .append(run.warmUp() == null ? "" : ", " + warmUpErrors() + " in the warm-up").append(" | ")
                .append(totalErrors() == 0 ? "yes" : "**no**").append(" |\n");
        if (run.gc() != null) {
            double share = run.gc().shareOfLifetime();
            md.append(String.format(Locale.ROOT, "| GC time under 5%% of the run | %d pauses, %.0f ms over %s = %.2f%% | %s |\n",
                    run.gc().pauses(), run.gc().pauseMillis(), duration(run.gc().lifetime()), share * 100,
                    share < 0.05 ? "yes" : "**no**"));
        }
        if (run.outOfMemory() != null) {
            md.append("| heap limit holds (no OutOfMemoryError) | ").append(run.outOfMemory() ? "OutOfMemoryError in the server log" : "none")
                    .append(" | ").append(run.outOfMemory() ? "**no**" : "yes").append(" |\n");
        }
        if (!run.startups().isEmpty()) {
            List<Long> millis = run.startups().stream().map(Duration::toMillis).sorted().toList();
            long median = millis.get(millis.size() / 2);
            md.append("| startup: first answered request within 1.5 s | median ").append(median)
                    .append(" ms from process start to the first 200 of /api/health, over ").append(millis.size())
                    .append(" starts on a fresh data directory (").append(millis.stream().map(m -> m + " ms")
                            .collect(java.util.stream.Collectors.joining(", "))).append(") | ")
                    .append(median <= 1500 ? "yes" : "**no**").append(" |\n");
        }
        md.append("\n");

        md.append("## The load client\n\n");
        Measurement client = run.clientCeiling();
        md.append(String.format(Locale.ROOT, "Against an empty endpoint in the bench's own JVM the client completed %d requests at"
                + " concurrency 100 in %s: **%.0f req/s** (p50 %s, p99 %s).", client.requests(), duration(client.completed()),
                client.throughput(), duration(client.percentile(0.5)), duration(client.percentile(0.99))));
        ceiling.ifPresent(c -> md.append(String.format(Locale.ROOT, " Basalt's trivial route reached %.0f req/s, %.0f%% of that.",
                c.throughput(), 100 * c.throughput() / client.throughput())));
        md.append("\n\n");
        if (run.warmUp() != null) {
            Measurement w = run.warmUp();
            md.append("## Warm-up\n\n");
            md.append(String.format(Locale.ROOT, "Before the first scenario the bench ran the whole suite at %s its size on"
                    + " collections of the same shapes under other names (%s, ..., %s), then dropped them: %d requests in"
                    + " %s, %d errors. A JVM compiles its hot code over its first seconds of work; PocketBase's Go binary"
                    + " is compiled ahead of time. The measured collections, and the server's caches of them, start empty"
                    + " as PocketBase's do. The startup row above measures the cold server.\n\n",
                    run.scale() == Scale.FULL ? "a tenth of" : "the quick", PocketBaseSuite.Names.WARM_UP.organizations(),
                    PocketBaseSuite.Names.WARM_UP.posts().getLast(), w.requests(), duration(w.completed()), w.errors()));
        }
        md.append("![chart](chart.svg)\n\n");

        String section = null;
        for (Result r : results) {
            if (!r.scenario().section().equals(section)) {
                section = r.scenario().section();
                md.append("\n## ").append(section).append("\n\n");
                md.append("| scenario | rule / query | reqs | conc | best | worst | completed | errors | p50 | p99 | req/s"
                        + " | of ceiling | PocketBase | ratio |\n");
                md.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
            }
            Measurement m = r.measurement();
            Scenario s = r.scenario();
            String ruleQuery = (s.rule() == null || s.rule().isEmpty() ? "" : "`" + s.rule().replace("|", "\\|") + "`")
                    + (s.query().isEmpty() ? "" : " `" + s.query() + "`");
            String pb = published.of(s).map(f -> duration(Duration.ofNanos((long) (f.completedMillis() * 1e6)))).orElse("—");
            md.append("| ").append(s.title()).append(" | ").append(ruleQuery).append(" | ").append(m.requests()).append(" | ")
                    .append(s.concurrency()).append(" | ").append(duration(m.best())).append(" | ").append(duration(m.worst()))
                    .append(" | ").append(duration(m.completed())).append(" | ").append(m.errors()).append(" | ")
                    .append(duration(m.percentile(0.5))).append(" | ").append(duration(m.percentile(0.99))).append(" | ")
                    .append(String.format(Locale.ROOT, "%.0f", m.throughput())).append(" | ")
                    .append(ceiling.map(c -> String.format(Locale.ROOT, "%.0f%%", 100 * m.throughput() / c.throughput())).orElse("—"))
                    .append(" | ").append(pb).append(" | ").append(ratio(r).map(Report::ratio).orElse("—")).append(" |\n");
            if (m.firstError() != null) {
                md.append("| ↳ first error: ").append(m.firstError().replace("|", "\\|")).append(" |||||||||||||\n");
            }
        }
        md.append("\nRatio = Basalt's completed time / PocketBase's published completed time for the same scenario;"
                + " below 1 is faster. \"of ceiling\" = the scenario's throughput / the trivial route's throughput.\n");
        return md.toString();
    }

    static double geometricMean(List<Double> values) {
        return Math.exp(values.stream().mapToDouble(Math::log).average().orElse(0));
    }

    static String ratio(double r) {
        return String.format(Locale.ROOT, "%.3f", r);
    }

    private static String fraction(double r) {
        return r == 0.25 ? "1/4" : r == 0.5 ? "1/2" : ratio(r);
    }

    /** A duration the way people read them: 812 µs, 3.41 ms, 2.06 s, 1m 42 s. */
    static String duration(Duration d) {
        long nanos = d.toNanos();
        if (nanos < 1_000_000) {
            return String.format(Locale.ROOT, "%.0f µs", nanos / 1e3);
        } else if (nanos < 1_000_000_000) {
            return String.format(Locale.ROOT, "%.2f ms", nanos / 1e6);
        } else if (nanos < 60_000_000_000L) {
            return String.format(Locale.ROOT, "%.2f s", nanos / 1e9);
        }
        return String.format(Locale.ROOT, "%dm %.0f s", nanos / 60_000_000_000L, (nanos % 60_000_000_000L) / 1e9);
    }
}
