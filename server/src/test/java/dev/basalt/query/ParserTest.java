package dev.basalt.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.basalt.query.Expr.Call;
import dev.basalt.query.Expr.Comparison;
import dev.basalt.query.Expr.Identifier;
import dev.basalt.query.Expr.Num;
import dev.basalt.query.Expr.Operand;
import dev.basalt.query.Expr.Text;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class ParserTest {

    /** (input, expected AST in a compact notation). */
    private static final List<String[]> VALID = List.of(
            row("a = 1", "[a = 1]"),
            row("a=1&&b!='x'", "([a = 1] && [b != 'x'])"),
            row("a = 1 && b = 2 || c = 3", "(([a = 1] && [b = 2]) || [c = 3])"),
            row("a = 1 || b = 2 && c = 3", "([a = 1] || ([b = 2] && [c = 3]))"),
            row("(a = 1 || b = 2) && c = 3", "(([a = 1] || [b = 2]) && [c = 3])"),
            row("((a = 1))", "[a = 1]"),
            row("a ?= 1", "[a ?= 1]"),
            row("a ?!~ 'x'", "[a ?!~ 'x']"),
            row("a >= -2.50", "[a >= -2.5]"),
            row("a <= 10 // a comment\n&& b > 0", "([a <= 10] && [b > 0])"),
            row("'It\\'s' = \"say \\\"hi\\\"\"", "['It's' = 'say \"hi\"']"),
            row("'a\\\\b' = x", "['a\\\\b' = x]"),
            row("rel.name:lower ~ @collection.users:u.email", "[rel.name:lower ~ @collection.users:u.email]"),
            row("geoDistance(loc.lon, loc.lat, 1.5, -2) < 25", "[geoDistance(loc.lon, loc.lat, 1.5, -2) < 25]"),
            row("strftime('%Y', created, 'start of day',) = '2024'",
                    "[strftime('%Y', created, 'start of day') = '2024']"),
            row("NULL = true", "[NULL = true]"),
            row("a\t=\r\n1", "[a = 1]"));

    private static final List<String> MALFORMED = List.of(
            "", "   ", "// only a comment", "a == 1", "a = 1 & b = 2", "a = 1 and b = 2", "a = 1 b = 2",
            "(a = 1", "a = 1)", "()", "a =", "= 1", "a 'x'", "a = 'x", "a = 1 &&", "a ~ 'x' ~ 'y'",
            "a > 1.", "a > 1e3", "a > .5", "a =! 1", "a = 1 ||| b = 2", "a = $x", "f(g(h(1))) = 1",
            "a = {:missing}", "f(1 2) = 1", "(a = 1) (b = 2)");

    private static String[] row(String input, String expected) {
        return new String[] {input, expected};
    }

    @TestFactory
    Stream<DynamicTest> parsesValidFilters() {
        return VALID.stream().map(r -> DynamicTest.dynamicTest(r[0].replace("\n", "\\n"),
                () -> assertThat(show(Filter.parse(r[0]))).isEqualTo(r[1])));
    }

    @TestFactory
    Stream<DynamicTest> rejectsMalformedFiltersWithFilterException() {
        return MALFORMED.stream().map(f -> DynamicTest.dynamicTest("rejects <" + f + ">",
                () -> assertThatThrownBy(() -> Filter.parse(f)).isInstanceOf(FilterException.class)));
    }

    @Test
    void pointsAtTheProblem() {
        assertThatThrownBy(() -> Filter.parse("title = 'x' views > 1"))
                .isInstanceOfSatisfying(FilterException.class, e -> {
                    assertThat(e.position()).isEqualTo(12);
                    assertThat(e.getMessage()).isEqualTo(
                            "unexpected \"views\" at position 12, expected \"&&\", \"||\" or the end of the expression");
                });
    }

    @Test
    void allowsTwoHundredComparisonsButNotMore() {
        String twoHundred = String.join(" || ", java.util.Collections.nCopies(200, "a = 1"));
        assertThat(Filter.parse(twoHundred)).isInstanceOf(Expr.Or.class);
        assertThatThrownBy(() -> Filter.parse(twoHundred + " || a = 1"))
                .isInstanceOf(FilterException.class)
                .hasMessageContaining("too many comparisons");
    }

    @Test
    void bindsPlaceholdersAsLiterals() {
        Map<String, Object> values = new java.util.HashMap<>();
        values.put("s", "x' || 1=1 || 'y");
        values.put("n", 12);
        values.put("t", true);
        values.put("z", null);
        Expr e = Filter.bind("a = {:s} && b = {:n} && c = {:t} && d = {:z}", values);
        assertThat(show(e)).isEqualTo("([a = 'x' || 1=1 || 'y'] && [b = 12] && [c = true] && [d = null])");
    }

    static String show(Expr e) {
        return switch (e) {
            case Expr.And a -> a.items().stream().map(ParserTest::show).collect(Collectors.joining(" && ", "(", ")"));
            case Expr.Or o -> o.items().stream().map(ParserTest::show).collect(Collectors.joining(" || ", "(", ")"));
            case Comparison c -> "[" + show(c.left()) + " " + c.op().sign() + " " + show(c.right()) + "]";
        };
    }

    static String show(Operand o) {
        return switch (o) {
            case Identifier i -> i.name();
            case Text t -> "'" + t.value() + "'";
            case Num n -> java.math.BigDecimal.valueOf(n.value()).stripTrailingZeros().toPlainString();
            case Call c -> c.name() + c.args().stream().map(ParserTest::show).collect(Collectors.joining(", ", "(", ")"));
        };
    }
}
