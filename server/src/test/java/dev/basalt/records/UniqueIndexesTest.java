package dev.basalt.records;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class UniqueIndexesTest {

    private record Case(String index, boolean unique) {}

    @TestFactory
    List<DynamicTest> singleColumnUnique() {
        return List.of(
                        new Case("CREATE UNIQUE INDEX `idx_a` ON `posts` (`author`)", true),
                        new Case("create unique index if not exists idx_a on posts (author)", true),
                        new Case("CREATE UNIQUE INDEX \"idx\" ON \"posts\" ([Author] COLLATE NOCASE DESC)", true),
                        new Case("CREATE UNIQUE INDEX idx ON posts (author) WHERE author != ''", true),
                        new Case("CREATE INDEX idx ON posts (author)", false),
                        new Case("CREATE UNIQUE INDEX idx ON posts (author, title)", false),
                        new Case("CREATE UNIQUE INDEX idx ON posts (title)", false),
                        new Case("not an index", false))
                .stream()
                .map(c -> DynamicTest.dynamicTest(c.index(),
                        () -> assertThat(UniqueIndexes.hasSingleColumn(List.of(c.index()), "author")).isEqualTo(c.unique())))
                .toList();
    }

    @Test
    void indexColumnsAreTheLeadingIdentifiers() {
        assertThat(UniqueIndexes.indexColumns("`slug`")).containsExactly("slug");
        assertThat(UniqueIndexes.indexColumns("`a` COLLATE NOCASE, \"b\" DESC, c")).containsExactly("a", "b", "c");
        assertThat(UniqueIndexes.indexColumns("lower(`a`), `b`")).containsExactly("lower", "b");
        assertThat(UniqueIndexes.indexColumns("")).isEqualTo(List.of());
    }
}
