package dev.basalt.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

class ExcerptTest {

    private record Case(String name, String html, int max, boolean ellipsis, String expected) {}

    @TestFactory
    List<DynamicTest> excerpts() {
        List<Case> cases = List.of(
                new Case("plain text is kept", "hello world", 100, false, "hello world"),
                new Case("whitespace collapses", "  a \n\t b  ", 100, false, "a b"),
                new Case("tags are dropped", "<p>Hello <b>bold</b> <i>world</i></p>", 100, false, "Hello bold world"),
                new Case("block elements are separated", "<p>one</p><p>two</p><div>three</div>", 100, false, "one two three"),
                new Case("inline elements are not separated", "a<b>b</b><span>c</span>", 100, false, "abc"),
                new Case("scripts, styles and svg are dropped", "<style>p{}</style><p>x</p><script>alert(1)</script><svg><text>s</text></svg>y",
                        100, false, "x y"),
                new Case("form controls are dropped", "<form><input value=v><button>Go</button></form><textarea>t</textarea><select><option>o</option></select>z",
                        100, false, "z"),
                new Case("images and embedded documents are dropped", "a<img src=x alt=alt><iframe>i</iframe><object>o</object>b",
                        100, false, "ab"),
                new Case("entities are decoded", "Tom &amp; Jerry &lt;3", 100, false, "Tom & Jerry <3"),
                new Case("the head is dropped", "<html><head><title>T</title></head><body>Body</body></html>", 100, false, "Body"),
                new Case("cut without ellipsis", "<p>Hello world</p>", 5, false, "Hello"),
                new Case("cut with ellipsis", "<p>Hello world</p>", 5, true, "Hello..."),
                new Case("a cut at a space is trimmed", "Hello world", 6, true, "Hello..."),
                new Case("no ellipsis when nothing was cut", "Hello", 5, true, "Hello"),
                new Case("characters, not bytes", "żółw żółw", 4, true, "żółw..."),
                new Case("empty stays empty", "", 10, true, ""));
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.name(),
                () -> assertThat(new Excerpt(c.max(), c.ellipsis()).apply(c.html())).isEqualTo(c.expected()))).toList();
    }
}
