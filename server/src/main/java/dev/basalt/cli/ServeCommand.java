package dev.basalt.cli;

import dev.basalt.app.Basalt;
import dev.basalt.app.Config;
import dev.basalt.http.HttpConfig;
import dev.basalt.store.DatabaseConfig;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code basalt serve}: starts the HTTP server and runs until Ctrl-C or SIGTERM. */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Starts the web server.")
final class ServeCommand implements Callable<Integer> {

    @Option(names = "--http", defaultValue = "${env:BASALT_HTTP:-127.0.0.1:8090}",
            description = "TCP address to listen on (default: ${DEFAULT-VALUE}).")
    String http;

    @Option(names = "--dir", defaultValue = "${env:BASALT_DIR:-./basalt_data}",
            description = "Directory of the database and uploaded files (default: ${DEFAULT-VALUE}).")
    Path dir;

    @Override
    public Integer call() throws InterruptedException {
        Config config = new Config(HttpConfig.parse(http), DatabaseConfig.of(dir));
        Basalt basalt = Basalt.start(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            basalt.close();
            stopped.countDown();
        }, "basalt-shutdown"));
        String base = "http://" + config.http().host() + ":" + basalt.port();
        System.out.println("Server started at " + base);
        System.out.println("├─ REST API:  " + base + "/api/");
        System.out.println("└─ Dashboard: " + base + "/_/");
        stopped.await();
        return 0;
    }
}
