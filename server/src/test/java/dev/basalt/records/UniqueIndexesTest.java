package dev.basalt.records;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class UniqueIndexesTest {

    @Test
    void indexColumnsAreTheLeadingIdentifiers() {
        assertThat(UniqueIndexes.indexColumns("`slug`")).containsExactly("slug");
        assertThat(UniqueIndexes.indexColumns("`a` COLLATE NOCASE, \"b\" DESC, c")).containsExactly("a", "b", "c");
        assertThat(UniqueIndexes.indexColumns("lower(`a`), `b`")).containsExactly("lower", "b");
        assertThat(UniqueIndexes.indexColumns("")).isEqualTo(List.of());
    }
}
