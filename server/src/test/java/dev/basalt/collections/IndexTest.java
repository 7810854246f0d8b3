package dev.basalt.collections;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class IndexTest {

    private record Case(String index, boolean unique) {}

    @TestFactory
    List<DynamicTest> findsTheSingleColumnUniqueIndexOfAColumn() {
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
                .map(c -> DynamicTest.dynamicTest(c.index(), () -> assertThat(
                        Index.findSingleColumnUnique(List.of(c.index()), "author").isPresent()).isEqualTo(c.unique())))
                .toList();
    }

    @Test
    void columnsAreTheNamesWithoutQuotesCollationOrOrder() {
        Index index = Index.parse("CREATE UNIQUE INDEX `idx` ON `posts` (`a` COLLATE NOCASE, \"b\" DESC, c)").orElseThrow();
        assertThat(index.columns().stream().map(Index.Column::name)).containsExactly("a", "b", "c");
        assertThat(index.unique()).isTrue();
        assertThat(index.name()).isEqualTo("idx");
    }
}
