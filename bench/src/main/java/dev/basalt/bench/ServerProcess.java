package dev.basalt.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Basalt the bench starts itself: {@code java <jvm options> -jar basalt.jar serve} on a fresh
 * data directory and a free loopback port, with a superuser created beforehand through the CLI.
 * Because the bench owns the process it can also report what only the process knows: the time
 * from start to the first answered request, and the GC pause time from the JVM's own GC log.
 */
final class ServerProcess implements AutoCloseable {

    static final String SUPERUSER_EMAIL = "bench@example.com";

    private static final Pattern PAUSE = Pattern.compile("\\[gc\\s*\\].*Pause.* ([0-9.]+)ms$");
    private static final Pattern HEAP_MAX = Pattern.compile("-Xmx(\\S+)");

    private final Process process;
    private final URI url;
    private final Path gcLog;
    private final Path serverLog;
    private final long startedNanos;
    private final Duration startup;
    private final String superuserPassword;

    private ServerProcess(Process process, URI url, Path gcLog, Path serverLog, long startedNanos,
            Duration startup, String superuserPassword) {
        this.process = process;
        this.url = url;
        this.gcLog = gcLog;
        this.serverLog = serverLog;
        this.startedNanos = startedNanos;
        this.startup = startup;
        this.superuserPassword = superuserPassword;
    }

    /**
     * Starts the server. {@code java} is the java binary, {@code jvmOptions} the options the run
     * is measured with (e.g. -Xmx256m), {@code work} a directory for the data, GC log and output.
     */
    static ServerProcess start(Path java, Path jar, Path launcher, List<String> jvmOptions, Path work) throws IOException {
        Path data = work.resolve("data");
        deleteTree(data); // a report directory written again starts from an empty database
        Files.createDirectories(data);
        Path gcLog = work.resolve("gc.log");
        Path serverLog = work.resolve("server.log");
        String password = "bench-" + Long.toHexString(Double.doubleToLongBits(Math.random()));

        List<String> upsert = new ArrayList<>(List.of(java.toString(), "-jar", jar.toString(),
                "superuser", "upsert", SUPERUSER_EMAIL, password, "--dir", data.toString()));
        Process cli = new ProcessBuilder(upsert).redirectErrorStream(true)
                .redirectOutput(work.resolve("superuser.log").toFile()).start();
        try {
            if (!cli.waitFor(60, TimeUnit.SECONDS) || cli.exitValue() != 0) {
                throw new IOException("basalt superuser upsert failed; see " + work.resolve("superuser.log"));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }

        int port = freePort();
        List<String> options = new ArrayList<>(jvmOptions);
        options.add("-Xlog:gc:file=" + gcLog);
        List<String> serve = List.of("serve", "--http", "127.0.0.1:" + port, "--dir", data.toString());
        List<String> command = new ArrayList<>();
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(serverLog.toFile());
        if (launcher != null) {
            // As users start it: the launcher adds the startup archive the build trained, and takes
            // the JVM options from JAVA_OPTS; it execs java, so the process is the server itself.
            command.add(launcher.toString());
            builder.environment().put("JAVA_OPTS", String.join(" ", options));
            builder.environment().put("JAVA_HOME", java.getParent().getParent().toString());
        } else {
            command.add(java.toString());
            command.addAll(options);
            command.addAll(List.of("-jar", jar.toString()));
        }
        command.addAll(serve);
        long started = System.nanoTime();
        Process process = builder.start();
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroy, "stop-basalt"));
        URI url = URI.create("http://127.0.0.1:" + port + "/");
        Duration startup = awaitHealthy(process, url, started, serverLog);
        return new ServerProcess(process, url, gcLog, serverLog, started, startup, password);
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /**
     * Polls {@code GET /api/health} every 5 ms until it answers 200. Over a plain socket: the JDK's
     * HTTP client spends a few hundred milliseconds of CPU on its first use, which on two cores
     * would be taken from the server whose start this measures.
     */
    private static Duration awaitHealthy(Process process, URI url, long started, Path serverLog) throws IOException {
        byte[] request = ("GET /api/health HTTP/1.1\r\nHost: " + url.getHost() + ":" + url.getPort()
                + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        long deadline = started + TimeUnit.SECONDS.toNanos(60);
        try {
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IOException("basalt exited with " + process.exitValue() + "; see " + serverLog);
                }
                try (Socket socket = new Socket()) {
                    socket.connect(new InetSocketAddress(url.getHost(), url.getPort()), 200);
                    socket.setSoTimeout(2000);
                    socket.getOutputStream().write(request);
                    byte[] status = socket.getInputStream().readNBytes(12); // "HTTP/1.1 200"
                    if (new String(status, StandardCharsets.US_ASCII).endsWith(" 200")) {
                        return Duration.ofNanos(System.nanoTime() - started);
                    }
                } catch (IOException notYet) {
                    // not listening yet
                }
                Thread.sleep(5);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        process.destroyForcibly();
        throw new IOException("basalt did not answer /api/health within 60 s; see " + serverLog);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    URI url() {
        return url;
    }

    Duration startup() {
        return startup;
    }

    String superuserPassword() {
        return superuserPassword;
    }

    boolean alive() {
        return process.isAlive();
    }

    /** The heap limit among the JVM options, e.g. "256m", or "JVM default". */
    static String heapLimit(List<String> jvmOptions) {
        for (String option : jvmOptions) {
            Matcher m = HEAP_MAX.matcher(option);
            if (m.matches()) {
                return m.group(1);
            }
        }
        return "JVM default";
    }

    /** GC pauses so far, read from the server's GC log. */
    GcSummary gc() throws IOException {
        long wall = System.nanoTime() - startedNanos;
        if (!Files.exists(gcLog)) {
            return new GcSummary(0, 0, Duration.ofNanos(wall));
        }
        int pauses = 0;
        double pauseMillis = 0;
        for (String line : Files.readAllLines(gcLog)) {
            Matcher m = PAUSE.matcher(line);
            if (m.find()) {
                pauses++;
                pauseMillis += Double.parseDouble(m.group(1));
            }
        }
        return new GcSummary(pauses, pauseMillis, Duration.ofNanos(wall));
    }

    /** True when the server's output mentions an OutOfMemoryError. */
    boolean ranOutOfMemory() throws IOException {
        return Files.exists(serverLog) && Files.readString(serverLog).contains("OutOfMemoryError");
    }

    /** GC pause count and time over the server's lifetime so far. */
    record GcSummary(int pauses, double pauseMillis, Duration lifetime) {

        double shareOfLifetime() {
            return lifetime.isZero() ? 0 : pauseMillis / lifetime.toMillis();
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
