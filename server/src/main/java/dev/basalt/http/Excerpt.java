package dev.basalt.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.basalt.error.ApiException;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;

/**
 * The {@code :excerpt(max, withEllipsis?)} modifier of {@code ?fields=}: the plain text of an HTML
 * string, whitespace collapsed, cut to {@code max} characters, with {@code ...} appended when it was
 * cut and {@code withEllipsis} is set. Values that are not strings pass through unchanged (the
 * modifier may name an expand key that is absent or an object).
 */
record Excerpt(int max, boolean withEllipsis) {

    // Elements whose content is not prose: scripts, media, embedded documents and form controls.
    private static final Set<String> SKIPPED = Set.of(
            "head", "style", "script", "iframe", "embed", "applet", "object", "svg", "img", "picture",
            "dialog", "template", "button", "form", "textarea", "input", "select", "option");

    // Elements that do not break the text flow; every other element is separated by a space.
    private static final Set<String> INLINE = Set.of(
            "a", "abbr", "acronym", "b", "bdo", "big", "br", "button", "cite", "code", "em", "i", "label",
            "q", "small", "span", "strong", "strike", "sub", "sup", "time");

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    Excerpt {
        if (max <= 0) {
            throw new IllegalArgumentException("max must be > 0");
        }
    }

    /** The modifier for the arguments of {@code excerpt(...)}. */
    static Excerpt of(List<String> args) {
        if (args.isEmpty() || args.size() > 2) {
            throw ApiException.badRequest("Invalid fields parameter: excerpt expects (max, withEllipsis?).");
        }
        int max;
        try {
            max = Integer.parseInt(args.get(0).strip());
        } catch (NumberFormatException e) {
            max = 0;
        }
        if (max <= 0) {
            throw ApiException.badRequest("Invalid fields parameter: the excerpt max must be a number > 0.");
        }
        return new Excerpt(max, args.size() > 1 && parseBool(args.get(1)));
    }

    // PocketBase compat: the flag is read like Go's strconv.ParseBool; anything else means false.
    private static boolean parseBool(String raw) {
        return switch (raw.strip()) {
            case "1", "t", "T", "true", "TRUE", "True" -> true;
            default -> false;
        };
    }

    JsonNode modify(JsonNode value) {
        return value.isTextual() ? TextNode.valueOf(apply(value.textValue())) : value;
    }

    String apply(String html) {
        Text text = new Text(max);
        text.walk(Jsoup.parse(html));
        String result = text.out.toString().strip();
        if (result.codePointCount(0, result.length()) > max) {
            result = result.substring(0, result.offsetByCodePoints(0, max)).strip();
            if (withEllipsis) {
                result += "...";
            }
        }
        return result;
    }

    /** Collects the visible text of a parsed document, stopping a little after {@code max}. */
    private static final class Text {
        private final int limit;
        private final StringBuilder out = new StringBuilder();
        private boolean endsWithSpace;

        Text(int max) {
            // Two extra characters for a leading and a trailing space that are trimmed afterwards.
            this.limit = max + 2;
        }

        void walk(Node node) {
            if (node instanceof org.jsoup.nodes.TextNode t) {
                append(t.getWholeText());
            }
            for (Node child : node.childNodes()) {
                if (out.length() > limit) {
                    return;
                }
                boolean element = child instanceof Element;
                if (element && SKIPPED.contains(((Element) child).normalName())) {
                    continue;
                }
                boolean block = element && !INLINE.contains(((Element) child).normalName());
                if (block) {
                    space();
                }
                walk(child);
                if (block) {
                    space();
                }
            }
        }

        private void append(String raw) {
            String collapsed = WHITESPACE.matcher(raw).replaceAll(" ");
            if (endsWithSpace && collapsed.startsWith(" ")) {
                collapsed = collapsed.substring(1);
            }
            if (!collapsed.isEmpty()) {
                endsWithSpace = collapsed.endsWith(" ");
                out.append(collapsed);
            }
        }

        private void space() {
            if (!endsWithSpace) {
                out.append(' ');
                endsWithSpace = true;
            }
        }
    }
}
