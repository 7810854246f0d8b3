package dev.basalt.records;

import static org.assertj.core.api.Assertions.assertThat;

import dev.basalt.collections.Collection;
import dev.basalt.collections.CollectionType;
import dev.basalt.collections.Rule;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CountCacheShapeTest {

    private static Collection posts() {
        return new Collection("", "posts", CollectionType.BASE, false, List.of(), List.of(), Rule.of(""), Rule.of(""),
                Rule.of(""), Rule.of(""), Rule.of(""), Map.of(), null, null);
    }

    @Test
    void plainTextsStandForTheirCount() {
        Collection posts = posts();
        assertThat(CountCache.Shape.of(posts, "", "title = 'a' && views > 3", "-created", false, false))
                .isEqualTo(CountCache.Shape.of(posts, "", "title = 'a' && views > 3", "-created", false, false))
                .isNotEqualTo(CountCache.Shape.of(posts, "", "title = 'b' && views > 3", "-created", false, false))
                .isNotEqualTo(CountCache.Shape.of(posts, "", "title = 'a' && views > 3", "-created", true, false));
    }

    @Test
    void anotherCollectionObjectIsAnotherShape() {
        assertThat(CountCache.Shape.of(posts(), "", "", "", false, false))
                .isNotEqualTo(CountCache.Shape.of(posts(), "", "", "", false, false));
    }

    @Test
    void requestValuesMacrosRelationsAndTimeFunctionsAreKeyedBySql() {
        Collection posts = posts();
        assertThat(CountCache.Shape.of(posts, "author = @request.auth.id", "", "", false, false)).isNull();
        assertThat(CountCache.Shape.of(posts, "", "created > @now", "", false, false)).isNull();
        assertThat(CountCache.Shape.of(posts, "", "author.name = 'x'", "", false, false)).isNull();
        assertThat(CountCache.Shape.of(posts, "", "", "author.name", false, false)).isNull();
        assertThat(CountCache.Shape.of(posts, "", "", "@random", false, false)).isNull();
        assertThat(CountCache.Shape.of(posts, "", "STRFTIME('%Y', created) = '2024'", "", false, false)).isNull();
    }
}
