package dev.basalt.query;

/** One lexical token of a filter, with its 0-based start position. */
public record Token(Kind kind, String text, int position) {

    public enum Kind {
        IDENTIFIER, TEXT, NUMBER, SIGN, AND, OR, LPAREN, RPAREN, COMMA, PLACEHOLDER, EOF
    }

    /** How the token reads in an error message. */
    String describe() {
        return switch (kind) {
            case EOF -> "end of expression";
            case TEXT -> "text '" + text + "'";
            default -> "\"" + text + "\"";
        };
    }
}
