package dev.basalt.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.basalt.error.ApiException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class FieldsProjectionTest {

    private record Case(String name, String input, String fields, String expected) {}

    private static final String RECORD = """
            {"id":"r1","title":"Hello","body":"<p>Some <b>bold</b> text</p>","n":2,
             "expand":{"author":{"id":"a1","name":"Ann","email":"ann@example.com"},
                       "tags":[{"id":"t1","name":"one"},{"id":"t2","name":"two"}]}}""";

    private static final String PAGE = """
            {"page":1,"perPage":30,"totalItems":2,"totalPages":1,
             "items":[{"id":"r1","title":"A","n":1},{"id":"r2","title":"B","n":2}]}""";

    @TestFactory
    List<DynamicTest> projection() {
        List<Case> cases = List.of(
                new Case("one key", RECORD, "title", "{\"title\":\"Hello\"}"),
                new Case("several keys keep the body's order", RECORD, "n,id", "{\"id\":\"r1\",\"n\":2}"),
                new Case("spaces separate too", RECORD, "id, n", "{\"id\":\"r1\",\"n\":2}"),
                new Case("unknown keys select nothing", RECORD, "missing", "{}"),
                new Case("a nested key", RECORD, "expand.author.name", "{\"expand\":{\"author\":{\"name\":\"Ann\"}}}"),
                new Case("star keeps everything at its depth", "{\"a\":1,\"b\":{\"c\":2,\"d\":3}}", "*", "{\"a\":1,\"b\":{\"c\":2,\"d\":3}}"),
                new Case("star beside a nested path narrows that key only", RECORD, "*,expand.author.name",
                        "{\"id\":\"r1\",\"title\":\"Hello\",\"body\":\"<p>Some <b>bold</b> text</p>\",\"n\":2,"
                                + "\"expand\":{\"author\":{\"name\":\"Ann\"}}}"),
                new Case("a nested star", RECORD, "expand.*", "{\"expand\":{\"author\":{\"id\":\"a1\",\"name\":\"Ann\",\"email\":\"ann@example.com\"},"
                        + "\"tags\":[{\"id\":\"t1\",\"name\":\"one\"},{\"id\":\"t2\",\"name\":\"two\"}]}}"),
                new Case("a path through a list applies to each element", RECORD, "expand.tags.name",
                        "{\"expand\":{\"tags\":[{\"name\":\"one\"},{\"name\":\"two\"}]}}"),
                new Case("a whole key wins over a deeper path", RECORD, "expand.author,expand.author.name",
                        "{\"expand\":{\"author\":{\"id\":\"a1\",\"name\":\"Ann\",\"email\":\"ann@example.com\"}}}"),
                new Case("a list envelope keeps its keys and picks from each item", PAGE, "id",
                        "{\"page\":1,\"perPage\":30,\"totalItems\":2,\"totalPages\":1,\"items\":[{\"id\":\"r1\"},{\"id\":\"r2\"}]}"),
                new Case("a top-level array picks from each object", "[{\"a\":1,\"b\":2},{\"a\":3}]", "a", "[{\"a\":1},{\"a\":3}]"),
                new Case("an array of scalars is left alone", "[1,2]", "a", "[1,2]"),
                new Case("excerpt on a selected key", RECORD, "id,body:excerpt(9,true)", "{\"id\":\"r1\",\"body\":\"Some bold...\"}"),
                new Case("excerpt with the star", "{\"a\":\"<i>x</i>  y\",\"n\":1}", "*:excerpt(100)", "{\"a\":\"x y\",\"n\":1}"),
                new Case("excerpt leaves non-strings alone", RECORD, "n:excerpt(1,true)", "{\"n\":2}"),
                new Case("excerpt on a missing key is ignored", RECORD, "id,nope:excerpt(10)", "{\"id\":\"r1\"}"),
                new Case("excerpt args may have spaces", RECORD, "title:excerpt(2, true)", "{\"title\":\"He...\"}"));
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
            JsonNode out = FieldsProjection.parse(c.fields()).apply(json(c.input()));
            assertThat(out).isEqualTo(json(c.expected()));
        })).toList();
    }

    @Test
    void theInputIsNotChanged() {
        JsonNode in = json(RECORD);
        FieldsProjection.parse("id").apply(in);
        assertThat(in).isEqualTo(json(RECORD));
    }

    @TestFactory
    List<DynamicTest> malformed() {
        return List.of("a:excerpt(", "a:excerpt()", "a:excerpt(0)", "a:excerpt(-3)", "a:excerpt(x)", "a:excerpt(1,true,3)",
                        "a:nope(1)", "a:", "\"a", "a(b")
                .stream()
                .map(raw -> DynamicTest.dynamicTest(raw, () -> assertThatThrownBy(() -> FieldsProjection.parse(raw))
                        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(400))))
                .toList();
    }

    @Test
    void tokensRespectParenthesesAndQuotes() {
        assertThat(FieldsProjection.tokens("a, b:excerpt(1, true) ,,c 'd,e'")).containsExactly("a", "b:excerpt(1, true)", "c", "'d,e'");
    }

    private static JsonNode json(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
