package dev.basalt.cli;

import dev.basalt.app.Basalt;
import dev.basalt.app.Config;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code basalt serve}: starts the HTTP server and runs until Ctrl-C or SIGTERM, then stops
 * gracefully: in-flight requests finish, then the database closes.
 */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Starts the web server.")
final class ServeCommand implements Callable<Integer> {

    @Option(names = "--http", paramLabel = "HOST:PORT", defaultValue = "${env:BASALT_HTTP:-127.0.0.1:8090}",
            description = "TCP address to listen on; env BASALT_HTTP (default: ${DEFAULT-VALUE}).")
    String http;

    @Option(names = "--origins", paramLabel = "ORIGIN", split = ",", defaultValue = "${env:BASALT_ORIGINS:-*}",
            description = "CORS allowed origins, comma-separated; env BASALT_ORIGINS (default: ${DEFAULT-VALUE}).")
    List<String> origins;

    @Option(names = "--storage-shared", defaultValue = "${env:BASALT_STORAGE_SHARED:-false}",
            description = "The storage directory is one volume shared by every node, so cluster mode may keep"
                    + " files there instead of S3; env BASALT_STORAGE_SHARED (default: ${DEFAULT-VALUE}).")
    boolean storageShared;

    @Mixin
    DataDir data;

    @Override
    public Integer call() throws InterruptedException {
        Basalt basalt = start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("Stopping: letting in-flight requests finish...");
            basalt.close();
            ConsoleLogging.flush();
            stopped.countDown();
        }, "basalt-shutdown"));
        String base = basalt.url();
        System.out.println("Server started at " + base);
        System.out.println("├─ REST API:  " + base + "/api/");
        System.out.println("└─ Dashboard: " + base + "/_/");
        stopped.await();
        return 0;
    }

    /** Starts the server these options describe. */
    Basalt start() {
        Config config = Config.of(http, origins, data.database()).withMail(MailEnvironment.read(System.getenv()));
        return Basalt.start(config.withFiles(config.files().withShared(storageShared)));
    }
}
