package dev.basalt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The build's training run (scripts/train-cds) must get through a start, a health check and a stop. */
class TrainingRunTest {

    @Test
    void startsAnswersAndStopsLeavingNoDataBehind() throws IOException {
        List<Path> before = trainingDirs();
        TrainingRun.main(new String[0]);
        assertThat(trainingDirs()).isSubsetOf(before);
    }

    private static List<Path> trainingDirs() throws IOException {
        try (Stream<Path> all = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return all.filter(p -> p.getFileName().toString().startsWith("basalt-training")).toList();
        }
    }
}
