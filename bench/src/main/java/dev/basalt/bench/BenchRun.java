package dev.basalt.bench;

import dev.basalt.bench.LoadClient.Call;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One run of the bench: measures the client against an empty endpoint, starts Basalt (or uses
 * the one at {@code url}), creates the schema, runs the chosen groups in PocketBase's order with
 * the ceiling measured between auth and search, and writes the report.
 */
final class BenchRun {

    static final List<String> GROUPS = List.of("create", "auth", "ceiling", "search", "delete");

    /** What to run. Either {@code url} with {@code superuser} ("email:password"), or {@code jar} to start. */
    record Options(URI url, String superuser, Path jar, Path launcher, Path java, List<String> jvmOptions, Scale scale,
            Set<String> groups, Path out, String command, boolean hold) {
    }

    /** What the caller needs besides the files: the results and whether anything failed. */
    record Outcome(List<Result> results, Path reportDir, int errors, boolean outOfMemory, boolean serverDied) {

        boolean passed() {
            return errors == 0 && !outOfMemory && !serverDied;
        }
    }

    private final Options options;
    private final Consumer<String> log;

    BenchRun(Options options, Consumer<String> log) {
        this.options = options;
        this.log = log;
    }

    Outcome run() throws Exception {
        OffsetDateTime started = OffsetDateTime.now();
        long startNanos = System.nanoTime();
        Scale scale = options.scale();
        Files.createDirectories(options.out());

        ServerProcess server = null;
        URI url = options.url();
        String superuserEmail;
        String superuserPassword;
        List<Duration> startups = new ArrayList<>();
        if (url == null) {
            int probes = scale.pick(4, 1);
            log.accept("Measuring startup: " + probes + " starts and stops...");
            for (int i = 0; i < probes; i++) {
                try (ServerProcess probe = ServerProcess.start(options.java(), options.jar(), options.launcher(),
                        options.jvmOptions(), options.out().resolve("server"))) {
                    startups.add(probe.startup());
                }
            }
            log.accept("Starting " + (options.launcher() != null ? options.launcher() + " serve" : options.jar()) + " with "
                    + String.join(" ", options.jvmOptions()) + "...");
            server = ServerProcess.start(options.java(), options.jar(), options.launcher(), options.jvmOptions(),
                    options.out().resolve("server"));
            url = server.url();
            superuserEmail = ServerProcess.SUPERUSER_EMAIL;
            superuserPassword = server.superuserPassword();
            startups.add(server.startup());
            log.accept("  answering at " + url + " after " + server.startup().toMillis() + " ms");
        } else {
            int colon = options.superuser().indexOf(':');
            superuserEmail = options.superuser().substring(0, colon);
            superuserPassword = options.superuser().substring(colon + 1);
        }

        List<Result> results;
        Measurement warmUp;
        ServerProcess.GcSummary gc = null;
        Boolean outOfMemory = null;
        boolean died = false;
        try (LoadClient client = new LoadClient(url)) {
            Api api = new Api(client);
            api.loginSuperuser(superuserEmail, superuserPassword);
            warmUp = warmUp(client, api);
            PocketBaseSuite suite = new PocketBaseSuite(client, api, PocketBaseSuite.Names.MEASURED, scale, log);
            if (options.groups().contains("create")) {
                log.accept("Creating the schema...");
                suite.createSchema();
                log.accept("create");
                suite.create();
            }
            if (options.groups().contains("auth")) {
                log.accept("auth");
                suite.auth();
            }
            List<Result> ceiling = new ArrayList<>();
            if (options.groups().contains("ceiling")) {
                log.accept("ceiling");
                ceiling = ceiling(client, suite, scale);
            }
            if (options.groups().contains("search")) {
                log.accept("search");
                suite.search();
            }
            if (options.groups().contains("delete")) {
                log.accept("delete");
                suite.delete();
            }
            results = new ArrayList<>(ceiling);
            results.addAll(suite.results());
            results.sort((a, b) -> Integer.compare(order(a), order(b)));
            if (server != null && options.hold()) {
                suite.signInFirstUser();
                log.accept("Holding the server at " + url + " (superuser " + superuserEmail + " / " + superuserPassword
                        + ", user token " + suite.userToken() + "); Ctrl-C stops it.");
                Thread.currentThread().join();
            }
            if (server != null) {
                died = !server.alive();
                gc = server.gc();
                outOfMemory = server.ranOutOfMemory();
            }
        } finally {
            if (server != null) {
                server.close();
            }
        }

        // Last, when the client's code is as compiled as it was against the server.
        log.accept("Measuring the load client against an empty endpoint...");
        Measurement clientCeiling;
        try (EmptyEndpoint empty = new EmptyEndpoint(); LoadClient client = new LoadClient(empty.url())) {
            client.run(scale.pick(10000, 500), 100, i -> Call.get("empty", null));
            clientCeiling = client.run(scale.pick(40000, 2000), 100, i -> Call.get("empty", null));
        }
        log.accept(String.format("  %.0f req/s", clientCeiling.throughput()));

        String version = basaltVersion();
        RunInfo info = new RunInfo(started, Duration.ofNanos(System.nanoTime() - startNanos), options.command(), scale,
                Machine.describe(), server == null ? "(not started by the bench)" : javaVersion(options.java()),
                server == null ? List.of() : options.jvmOptions(), "SQLite (embedded, WAL), Basalt's defaults",
                version, startups, warmUp, gc, outOfMemory, clientCeiling);
        Report report = new Report(info, results, PublishedFigures.load());
        report.write(options.out());
        log.accept("Report: " + options.out().resolve("report.md"));
        return new Outcome(results, options.out(), report.totalErrors(), Boolean.TRUE.equals(outOfMemory), died);
    }

    /**
     * Runs the whole suite at a tenth of its size on collections of the same shapes under other
     * names, then drops them: a JVM compiles its hot code in its first seconds of work, and the
     * first scenarios would otherwise measure the compiler. The measured collections, and the
     * server's caches of them, still start empty. The requests add up to one measurement.
     */
    private Measurement warmUp(LoadClient client, Api api) {
        Scale scale = options.scale().warmUp();
        log.accept("Warming up (the suite at " + (scale == Scale.QUICK ? "quick" : "a tenth of its") + " size on "
                + PocketBaseSuite.Names.WARM_UP.organizations() + ", ... " + PocketBaseSuite.Names.WARM_UP.posts() + ")...");
        PocketBaseSuite warmUp = new PocketBaseSuite(client, api, PocketBaseSuite.Names.WARM_UP, scale, line -> {});
        long started = System.nanoTime();
        warmUp.createSchema();
        warmUp.create();
        warmUp.auth();
        warmUp.search();
        warmUp.delete();
        warmUp.dropSchema();
        Measurement total = Measurement.sum(warmUp.results().stream().map(Result::measurement).toList(),
                Duration.ofNanos(System.nanoTime() - started));
        log.accept(String.format("  %d requests in %s, errors %d", total.requests(), Report.duration(total.completed()),
                total.errors()));
        return total;
    }

    /** Sections in PocketBase's report order, with the ceiling between auth refresh and the lists. */
    private static int order(Result r) {
        String section = r.scenario().section();
        if (section.startsWith("Creating")) {
            return 0;
        } else if (section.startsWith("User auth")) {
            return 1;
        } else if (section.equals(Report.CEILING_SECTION)) {
            return 2;
        } else if (section.equals("List records")) {
            return 3;
        }
        return 4;
    }

    /**
     * The HTTP stack's own ceiling (a route that only answers) and getOne under the same load, both
     * long enough to be steady, after a warm-up of each.
     */
    private List<Result> ceiling(LoadClient client, PocketBaseSuite suite, Scale scale) {
        suite.signInFirstUser();
        int warmup = scale.pick(5000, 200);
        int requests = scale.pick(20000, 500);
        int concurrency = scale.pick(100, 20);
        String one = "api/collections/" + PocketBaseSuite.Names.MEASURED.users() + "/records/" + suite.userId();
        List<Result> results = new ArrayList<>();
        client.run(warmup, concurrency, i -> Call.get("api/health", null));
        Scenario trivial = new Scenario(Report.CEILING_SECTION, Report.TRIVIAL_ROUTE, requests, concurrency, null, "");
        results.add(logged(new Result(trivial, client.run(requests, concurrency, i -> Call.get("api/health", null)))));
        client.run(warmup, concurrency, i -> Call.get(one, suite.userToken()));
        Scenario getOne = new Scenario(Report.CEILING_SECTION, Report.GET_ONE_SUSTAINED, requests, concurrency, null,
                "/" + suite.userId());
        results.add(logged(new Result(getOne, client.run(requests, concurrency, i -> Call.get(one, suite.userToken())))));
        return results;
    }

    private Result logged(Result r) {
        log.accept(String.format("  %s: %.0f req/s, errors %d", r.scenario().title(), r.measurement().throughput(),
                r.measurement().errors()));
        return r;
    }

    private String basaltVersion() {
        if (options.jar() == null) {
            return "(server at " + options.url() + ")";
        }
        return firstLine(List.of(options.java().toString(), "-jar", options.jar().toString(), "version"));
    }

    private static String javaVersion(Path java) {
        return firstLine(List.of(java.toString(), "-version"));
    }

    private static String firstLine(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).strip();
            p.waitFor(30, TimeUnit.SECONDS);
            return out.lines().findFirst().orElse("(unknown)");
        } catch (IOException e) {
            return "(unknown: " + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "(unknown)";
        }
    }
}
