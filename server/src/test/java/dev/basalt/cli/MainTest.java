package dev.basalt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command line as a user types it: exit codes and what is printed. */
class MainTest {

    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {}

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @TestFactory
    Stream<DynamicTest> badInputIsOneLineAndNonZero() {
        return Stream.of(
                List.of("serve", "--http", "nope", "--dir", "unused"),
                List.of("serve", "--http", "127.0.0.1:99999", "--dir", "unused"),
                List.of("serve", "--http", "127.0.0.1:port", "--dir", "unused"))
                .map(args -> DynamicTest.dynamicTest(String.join(" ", args), () -> {
                    Run r = run(args.toArray(String[]::new));
                    assertThat(r.exit()).isEqualTo(1);
                    assertThat(r.err()).startsWith("Error: ");
                    assertThat(r.err().strip().lines()).hasSize(1);
                    assertThat(r.err()).doesNotContain("Exception", "\tat ");
                }));
    }

    @Test
    void unknownCommandIsAUsageErrorWithExitTwo() {
        Run r = run("bogus");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("Unmatched argument");
    }

    @Test
    void serveHelpNamesTheSharedStorageFlagAndItsVariable() {
        Run r = run("serve", "--help");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("--storage-shared", "BASALT_STORAGE_SHARED");
    }

    @Test
    void versionPrintsTheVersion() {
        Run r = run("version");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).startsWith("basalt ");
    }

    @Test
    void superuserUpsertThenDelete() {
        String d = dir.toString();
        assertThat(run("superuser", "upsert", "root@example.com", "1234567890", "--dir", d))
                .isEqualTo(new Run(0, "Successfully saved superuser \"root@example.com\"!\n", ""));
        assertThat(run("superuser", "upsert", "root@example.com", "0987654321", "--dir", d).exit()).isZero();
        assertThat(run("superuser", "delete", "root@example.com", "--dir", d))
                .isEqualTo(new Run(0, "Successfully deleted superuser \"root@example.com\"!\n", ""));
        assertThat(run("superuser", "delete", "root@example.com", "--dir", d))
                .isEqualTo(new Run(0, "Superuser \"root@example.com\" is missing or already deleted.\n", ""));
    }

    @Test
    void superuserUpsertRejectsAShortPassword() {
        Run r = run("superuser", "upsert", "root@example.com", "short", "--dir", dir.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("Error: the password must be at least 8 characters\n");
    }
}
