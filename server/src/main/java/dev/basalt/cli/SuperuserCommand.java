package dev.basalt.cli;

import dev.basalt.app.Basalt;
import dev.basalt.app.Config;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code basalt superuser upsert|delete}: manages superuser accounts directly in the database
 * (migrations run first; no HTTP server starts), as PocketBase's command of the same name.
 */
@Command(name = "superuser", mixinStandardHelpOptions = true, description = "Manages superusers.",
        subcommands = {SuperuserCommand.Upsert.class, SuperuserCommand.Delete.class})
final class SuperuserCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    // The listen address does not matter: the server is opened, never started.
    private static Basalt open(DataDir data) {
        return Basalt.open(Config.of("127.0.0.1:0", java.util.List.of("*"), data.database()));
    }

    @Command(name = "upsert", mixinStandardHelpOptions = true,
            description = "Creates a superuser, or sets the password of the existing one with that email.")
    static final class Upsert implements Callable<Integer> {

        @Parameters(index = "0", paramLabel = "EMAIL")
        String email;

        @Parameters(index = "1", paramLabel = "PASSWORD")
        String password;

        @Mixin
        DataDir data;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            try (Basalt basalt = open(data)) {
                basalt.superusers().upsert(email, password);
            }
            spec.commandLine().getOut().println("Successfully saved superuser \"" + email + "\"!");
            return 0;
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Deletes the superuser with that email.")
    static final class Delete implements Callable<Integer> {

        @Parameters(index = "0", paramLabel = "EMAIL")
        String email;

        @Mixin
        DataDir data;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            boolean deleted;
            try (Basalt basalt = open(data)) {
                deleted = basalt.superusers().delete(email);
            }
            // PocketBase compat: deleting a missing superuser is not an error.
            spec.commandLine().getOut().println(deleted
                    ? "Successfully deleted superuser \"" + email + "\"!"
                    : "Superuser \"" + email + "\" is missing or already deleted.");
            return 0;
        }
    }
}
