package dev.basalt.records;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

/**
 * Random strings matching a regular expression, for {@code autogeneratePattern} (PocketBase's
 * {@code security.RandomStringByRegex}). Supports what such patterns use: literals, escapes
 * ({@code \d \w \s} and escaped punctuation), {@code .}, character classes with ranges and
 * negation, groups with alternation, and the quantifiers {@code ? * + {n} {n,} {n,m}}; anchors are
 * ignored. Unbounded repetition is capped so generated values stay short.
 */
final class RandomPattern {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int UNBOUNDED_EXTRA = 8;
    private static final String PRINTABLE = printable();

    private final String pattern;
    private int pos;

    private RandomPattern(String pattern) {
        this.pattern = pattern;
    }

    /**
     * @throws IllegalArgumentException when the pattern uses syntax this generator cannot honour
     */
    static String generate(String pattern) {
        RandomPattern p = new RandomPattern(pattern);
        StringBuilder out = new StringBuilder();
        p.alternation(out);
        if (p.pos < pattern.length()) {
            throw new IllegalArgumentException("unsupported autogenerate pattern " + pattern + " at " + p.pos);
        }
        return out.toString();
    }

    private void alternation(StringBuilder out) {
        List<String> branches = new ArrayList<>();
        while (true) {
            StringBuilder branch = new StringBuilder();
            sequence(branch);
            branches.add(branch.toString());
            if (pos < pattern.length() && pattern.charAt(pos) == '|') {
                pos++;
                continue;
            }
            break;
        }
        out.append(branches.get(RANDOM.nextInt(branches.size())));
    }

    private void sequence(StringBuilder out) {
        while (pos < pattern.length()) {
            char c = pattern.charAt(pos);
            if (c == '|' || c == ')') {
                return;
            }
            if (c == '^' || c == '$') {
                pos++;
                continue;
            }
            int atomStart = pos;
            skipAtom();
            int atomEnd = pos;
            int[] range = quantifier();
            int times = range[0] + (range[1] > range[0] ? RANDOM.nextInt(range[1] - range[0] + 1) : 0);
            for (int i = 0; i < times; i++) {
                pos = atomStart;
                emitAtom(out);
            }
            pos = atomEnd;
            quantifier();
        }
    }

    /** Moves past one atom without emitting it (to find its quantifier). */
    private void skipAtom() {
        emitAtom(new StringBuilder());
    }

    private void emitAtom(StringBuilder out) {
        char c = pattern.charAt(pos);
        switch (c) {
            case '(' -> {
                pos++;
                if (pattern.startsWith("?:", pos)) {
                    pos += 2;
                }
                alternation(out);
                expect(')');
            }
            case '[' -> out.append(pick(characterClass()));
            case '.' -> {
                pos++;
                out.append(pick(PRINTABLE));
            }
            case '\\' -> {
                pos++;
                out.append(pick(escape()));
            }
            case '*', '+', '?', '{' -> throw new IllegalArgumentException("quantifier without atom in " + pattern);
            default -> {
                pos++;
                out.append(c);
            }
        }
    }

    private String escape() {
        if (pos >= pattern.length()) {
            throw new IllegalArgumentException("dangling escape in " + pattern);
        }
        char e = pattern.charAt(pos++);
        return switch (e) {
            case 'd' -> "0123456789";
            case 'w' -> "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_";
            case 's' -> " ";
            case 'n' -> "\n";
            case 't' -> "\t";
            default -> {
                if (Character.isLetterOrDigit(e)) {
                    throw new IllegalArgumentException("unsupported escape \\" + e + " in " + pattern);
                }
                yield String.valueOf(e);
            }
        };
    }

    private String characterClass() {
        expect('[');
        boolean negated = pos < pattern.length() && pattern.charAt(pos) == '^';
        if (negated) {
            pos++;
        }
        StringBuilder members = new StringBuilder();
        boolean first = true;
        while (pos < pattern.length() && (pattern.charAt(pos) != ']' || first)) {
            first = false;
            String start;
            if (pattern.charAt(pos) == '\\') {
                pos++;
                start = escape();
            } else {
                start = String.valueOf(pattern.charAt(pos++));
            }
            if (start.length() == 1 && pos + 1 < pattern.length() && pattern.charAt(pos) == '-'
                    && pattern.charAt(pos + 1) != ']') {
                pos++;
                char end = pattern.charAt(pos++);
                for (char ch = start.charAt(0); ch <= end; ch++) {
                    members.append(ch);
                }
            } else {
                members.append(start);
            }
        }
        expect(']');
        if (!negated) {
            return members.toString();
        }
        StringBuilder rest = new StringBuilder();
        for (char ch : PRINTABLE.toCharArray()) {
            if (members.indexOf(String.valueOf(ch)) < 0) {
                rest.append(ch);
            }
        }
        return rest.toString();
    }

    /** The repetition range of the quantifier at the cursor, {1, 1} when there is none. */
    private int[] quantifier() {
        if (pos >= pattern.length()) {
            return new int[] {1, 1};
        }
        char c = pattern.charAt(pos);
        int[] range = switch (c) {
            case '?' -> new int[] {0, 1};
            case '*' -> new int[] {0, UNBOUNDED_EXTRA};
            case '+' -> new int[] {1, 1 + UNBOUNDED_EXTRA};
            case '{' -> null;
            default -> new int[] {1, 1};
        };
        if (c == '?' || c == '*' || c == '+') {
            pos++;
            skipLazy();
            return range;
        }
        if (c != '{') {
            return range;
        }
        int close = pattern.indexOf('}', pos);
        if (close < 0) {
            throw new IllegalArgumentException("unclosed repetition in " + pattern);
        }
        String[] bounds = pattern.substring(pos + 1, close).split(",", -1);
        pos = close + 1;
        skipLazy();
        try {
            int min = Integer.parseInt(bounds[0].strip());
            int max = bounds.length == 1 ? min
                    : bounds[1].isBlank() ? min + UNBOUNDED_EXTRA : Integer.parseInt(bounds[1].strip());
            if (min < 0 || max < min || max > 10_000) {
                throw new IllegalArgumentException("bad repetition in " + pattern);
            }
            return new int[] {min, max};
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad repetition in " + pattern, e);
        }
    }

    private void skipLazy() {
        if (pos < pattern.length() && pattern.charAt(pos) == '?') {
            pos++;
        }
    }

    private void expect(char c) {
        if (pos >= pattern.length() || pattern.charAt(pos) != c) {
            throw new IllegalArgumentException("expected '" + c + "' at " + pos + " in " + pattern);
        }
        pos++;
    }

    private static char pick(String alphabet) {
        if (alphabet.isEmpty()) {
            throw new IllegalArgumentException("empty character class");
        }
        return alphabet.charAt(RANDOM.nextInt(alphabet.length()));
    }

    private static String printable() {
        StringBuilder sb = new StringBuilder();
        for (char c = 0x21; c < 0x7f; c++) {
            sb.append(c);
        }
        return sb.toString();
    }
}
