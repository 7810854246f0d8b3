package dev.basalt.bench;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bench/run [options]}: runs PocketBase's benchmark scenarios against Basalt and writes a
 * Markdown report with a chart. Exits 1 when any request failed, the server died or ran out of
 * memory, so a smoke run can gate a build.
 */
@Command(name = "bench/run", mixinStandardHelpOptions = true,
        description = "Runs PocketBase's benchmark scenarios against Basalt over HTTP and writes a report.")
public final class BenchCommand implements Callable<Integer> {

    @Option(names = "--quick", description = "Every scenario with a few requests and no pauses: a smoke test under two minutes.")
    boolean quick;

    @Option(names = "--groups", split = ",", paramLabel = "GROUP",
            description = "Groups to run, in this order: create, auth, ceiling, search, delete (default: all).")
    List<String> groups;

    @Option(names = "--jar", paramLabel = "PATH", description = "basalt.jar to start with java -jar (default: this checkout's"
            + " server/target/basalt.jar, started through its ./basalt launcher with JAVA_OPTS).")
    Path jar;

    @Option(names = "--java", paramLabel = "PATH", description = "java binary for the server (default: the one running the bench).")
    Path java;

    @Option(names = "--jvm-options", paramLabel = "OPTIONS", defaultValue = "-Xmx256m",
            description = "JVM options of the server, space-separated (default: ${DEFAULT-VALUE}).")
    String jvmOptions;

    @Option(names = "--url", paramLabel = "URL", description = "Use the server already running there instead of starting one.")
    URI url;

    @Option(names = "--superuser", paramLabel = "EMAIL:PASSWORD", description = "Superuser of the server at --url.")
    String superuser;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Report directory (default: bench/results/<date>-sqlite, or bench/target/quick with --quick).")
    Path out;

    @Option(names = "--hold", description = "Keep the started server running after the run (for profiling it with"
            + " other tools, e.g. wrk); prints its URL and superuser, and stops it on Ctrl-C.")
    boolean hold;

    private final String[] args;

    BenchCommand(String[] args) {
        this.args = args;
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new BenchCommand(args)).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Path root = checkoutRoot();
        if (url != null && superuser == null) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--url needs --superuser EMAIL:PASSWORD");
        }
        Set<String> chosen = new LinkedHashSet<>(groups == null ? BenchRun.GROUPS : groups);
        for (String g : chosen) {
            if (!BenchRun.GROUPS.contains(g)) {
                throw new CommandLine.ParameterException(new CommandLine(this), "unknown group " + g + "; groups: " + BenchRun.GROUPS);
            }
        }
        Scale scale = quick ? Scale.QUICK : Scale.FULL;
        Path serverJar = url != null ? null : (jar != null ? jar : root.resolve("server/target/basalt.jar"));
        if (serverJar != null && !Files.isRegularFile(serverJar)) {
            System.err.println(serverJar + " is missing: build it first (./mvnw -B -q -DskipTests package -pl server).");
            return 2;
        }
        Path report = out != null ? out : quick ? root.resolve("bench/target/quick")
                : root.resolve("bench/results/" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd-HHmm")) + "-sqlite");
        Path javaBinary = java != null ? java : Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> options = Arrays.stream(jvmOptions.trim().split("\\s+")).filter(s -> !s.isEmpty()).toList();
        String command = "bench/run" + (args.length == 0 ? "" : " " + String.join(" ", args));
        // Without --jar, the server starts as users start it: through this checkout's launcher.
        Path launcher = url == null && jar == null && Files.isExecutable(root.resolve("basalt")) ? root.resolve("basalt") : null;
        BenchRun.Options o = new BenchRun.Options(url, superuser, serverJar, launcher, javaBinary, options, scale, chosen,
                report.toAbsolutePath(), command, hold);
        BenchRun.Outcome outcome = new BenchRun(o, System.out::println).run();
        if (!outcome.passed()) {
            System.err.println("FAILED: " + outcome.errors() + " failed requests"
                    + (outcome.outOfMemory() ? ", OutOfMemoryError" : "") + (outcome.serverDied() ? ", the server died" : ""));
            return 1;
        }
        return 0;
    }

    /**
     * The checkout this bench belongs to: the one bench/run names, else the nearest directory up
     * from here with server/ and bench/.
     */
    static Path checkoutRoot() {
        String named = System.getProperty("basalt.checkout");
        if (named != null) {
            return Path.of(named);
        }
        Path dir = Path.of("").toAbsolutePath();
        for (Path d = dir; d != null; d = d.getParent()) {
            if (Files.isDirectory(d.resolve("server")) && Files.isDirectory(d.resolve("bench"))) {
                return d;
            }
        }
        return dir;
    }
}
