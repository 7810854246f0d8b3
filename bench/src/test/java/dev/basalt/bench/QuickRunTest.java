package dev.basalt.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The smoke test CI runs: the whole suite in quick mode against a freshly started basalt.jar.
 * It asserts only that every scenario ran and none had a failed request; the figures of a quick
 * run mean nothing and are not checked.
 */
class QuickRunTest {

    /** 14 creates, 2 password logins, 2 refreshes, 2 ceiling runs, 2 getOne + 4 x 28 lists, 10 deletes. */
    private static final int SCENARIOS = 14 + 2 + 2 + 2 + 2 + 4 * 28 + 10;

    @Test
    void everyScenarioCompletesWithoutErrors() throws Exception {
        Path jar = Path.of("..", "server", "target", "basalt.jar").toAbsolutePath().normalize();
        assertThat(jar).as("basalt.jar, built by the server module before this one").isRegularFile();
        Path out = Path.of("target", "quick-smoke").toAbsolutePath();
        BenchRun.Options options = new BenchRun.Options(null, null, jar, null,
                Path.of(System.getProperty("java.home"), "bin", "java"), List.of("-Xmx256m"), Scale.QUICK,
                Set.copyOf(BenchRun.GROUPS), out, "QuickRunTest", false);

        BenchRun.Outcome outcome = new BenchRun(options, line -> { }).run();

        List<String> failed = outcome.results().stream().filter(r -> r.measurement().errors() > 0)
                .map(r -> r.scenario().title() + ": " + r.measurement().firstError()).toList();
        assertThat(failed).as("scenarios with failed requests").isEmpty();
        assertThat(outcome.outOfMemory()).isFalse();
        assertThat(outcome.serverDied()).isFalse();
        Set<String> ran = outcome.results().stream().map(r -> r.scenario().key()).collect(Collectors.toSet());
        assertThat(outcome.results()).hasSize(SCENARIOS);
        assertThat(ran).as("distinct scenarios").hasSize(SCENARIOS);
        assertThat(outcome.results()).allSatisfy(r -> assertThat(r.measurement().requests())
                .as(r.scenario().title()).isPositive().isEqualTo(r.scenario().requests()));
        assertThat(Files.readString(out.resolve("report.md"))).contains("## Targets", "## Deleting records");
        assertThat(out.resolve("chart.svg")).isRegularFile();
    }
}
