package dev.basalt.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code basalt <command>}: the entry point of the jar. */
@Command(
        name = "basalt",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "A PocketBase-compatible backend in one jar.",
        subcommands = {ServeCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    public static void main(String[] args) {
        // jOOQ prints a banner and tips on first use; keep the console for our own lines.
        System.setProperty("org.jooq.no-logo", "true");
        System.setProperty("org.jooq.no-tips", "true");
        int exit = new CommandLine(new Main()).execute(args);
        if (exit != 0) {
            System.exit(exit);
        }
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
