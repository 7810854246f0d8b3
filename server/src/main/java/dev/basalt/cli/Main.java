package dev.basalt.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code basalt <command>}: the entry point of the jar. */
@Command(
        name = "basalt",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "A PocketBase-compatible backend in one jar.",
        subcommands = {
            ServeCommand.class,
            SuperuserCommand.class,
            VersionCommand.class,
            CommandLine.HelpCommand.class
        })
public final class Main implements Runnable {

    public static void main(String[] args) {
        // jOOQ prints a banner and tips on first use; keep the console for our own lines.
        System.setProperty("org.jooq.no-logo", "true");
        System.setProperty("org.jooq.no-tips", "true");
        if (isServe(args)) {
            Thread.ofPlatform().daemon().name("basalt-preload").start(Main::preload);
        }
        int exit = commandLine().execute(args);
        if (!isServe(args)) {
            ConsoleLogging.flush();
        }
        if (exit != 0) {
            System.exit(exit);
        }
    }

    /**
     * Initialises, on a second core, what {@code serve} will need first, while this thread loads
     * picocli: jOOQ's data types (whose static initialisation took ~65 ms of a start) and SQLite's
     * native library (~30 ms). picocli's classes are compiled for Java 5, which the startup
     * archive cannot hold, so its parsing is the one part of a start the archive does not shorten.
     * Both are idempotent; whichever thread comes second waits for the first.
     */
    private static void preload() {
        try {
            Class.forName("org.jooq.impl.SQLDataType", true, Main.class.getClassLoader());
            org.sqlite.SQLiteJDBCLoader.initialize();
        } catch (Exception | LinkageError e) {
            // The serving thread does the same work again and reports what fails.
        }
    }

    // `serve` flushes from its shutdown hook, after the server has logged its last line.
    private static boolean isServe(String[] args) {
        return args.length > 0 && args[0].equals("serve");
    }

    /**
     * The command line with Basalt's error handling: a failing command prints one line naming
     * what was wrong (no stack trace) and exits with 1.
     */
    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Main());
        cli.setExecutionExceptionHandler((e, command, parsed) -> {
            PrintWriter err = command.getErr();
            err.println("Error: " + oneLine(e));
            err.flush();
            return 1;
        });
        return cli;
    }

    private static String oneLine(Throwable e) {
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            return e.getClass().getSimpleName();
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
