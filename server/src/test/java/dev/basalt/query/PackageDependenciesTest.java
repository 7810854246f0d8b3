package dev.basalt.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The filter language is a library: no other Basalt package, no JDBC, no HTTP. */
class PackageDependenciesTest {

    @Test
    void queryImportsNoOtherBasaltPackageNorJdbcNorHttp() throws IOException {
        Path dir = Path.of("src/main/java/dev/basalt/query");
        List<String> offending;
        try (Stream<Path> files = Files.list(dir)) {
            offending = files.flatMap(f -> lines(f).stream()
                            .filter(l -> l.startsWith("import "))
                            .filter(l -> (l.contains(" dev.basalt.") && !l.contains(" dev.basalt.query."))
                                    || l.contains(" java.sql.") || l.contains(" io.javalin.")
                                    || l.contains(" javax.sql."))
                            .map(l -> f.getFileName() + ": " + l))
                    .toList();
        }
        assertThat(offending).isEmpty();
    }

    private static List<String> lines(Path f) {
        try {
            return Files.readAllLines(f);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
