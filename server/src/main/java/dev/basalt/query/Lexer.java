package dev.basalt.query;

import dev.basalt.query.Token.Kind;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a filter into tokens, following PocketBase's fexpr scanner: {@code '..'}/{@code ".."}
 * texts where a backslash escapes the enclosing quote, numbers {@code -?digits(.digits)?},
 * identifiers {@code [A-Za-z_@#][A-Za-z0-9_.:]*}, runs of sign characters, {@code &&}, {@code ||},
 * parentheses, commas, {@code // comments} and {@code {:name}} placeholders.
 */
public final class Lexer {

    private final String src;
    private int pos;

    private Lexer(String src) {
        this.src = src;
    }

    public static List<Token> tokenize(String src) {
        return new Lexer(src).all();
    }

    private List<Token> all() {
        List<Token> out = new ArrayList<>();
        while (true) {
            Token t = next();
            out.add(t);
            if (t.kind() == Kind.EOF) {
                return out;
            }
        }
    }

    private Token next() {
        skipBlanks();
        if (pos >= src.length()) {
            return new Token(Kind.EOF, "", pos);
        }
        int start = pos;
        char c = src.charAt(pos);
        if (c == '\'' || c == '"') {
            return text(c);
        }
        if (isDigit(c) || (c == '-' && pos + 1 < src.length() && isDigit(src.charAt(pos + 1)))) {
            return number();
        }
        if (isIdentifierStart(c)) {
            pos++;
            while (pos < src.length() && isIdentifierPart(src.charAt(pos))) {
                pos++;
            }
            return new Token(Kind.IDENTIFIER, src.substring(start, pos), start);
        }
        if (isSignChar(c)) {
            while (pos < src.length() && isSignChar(src.charAt(pos))) {
                pos++;
            }
            String sign = src.substring(start, pos);
            if (Operator.of(sign).isEmpty()) {
                throw new FilterException("invalid operator \"" + sign + "\" at position " + start, start);
            }
            return new Token(Kind.SIGN, sign, start);
        }
        if (c == '&' || c == '|') {
            if (pos + 1 < src.length() && src.charAt(pos + 1) == c) {
                pos += 2;
                return new Token(c == '&' ? Kind.AND : Kind.OR, src.substring(start, pos), start);
            }
            throw new FilterException("invalid join operator \"" + c + "\" at position " + start
                    + " (expected \"" + c + c + "\")", start);
        }
        if (c == '{' && pos + 1 < src.length() && src.charAt(pos + 1) == ':') {
            return placeholder();
        }
        pos++;
        return switch (c) {
            case '(' -> new Token(Kind.LPAREN, "(", start);
            case ')' -> new Token(Kind.RPAREN, ")", start);
            case ',' -> new Token(Kind.COMMA, ",", start);
            default -> throw new FilterException("unexpected character '" + c + "' at position " + start, start);
        };
    }

    private void skipBlanks() {
        while (pos < src.length()) {
            char c = src.charAt(pos);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                pos++;
            } else if (c == '/' && pos + 1 < src.length() && src.charAt(pos + 1) == '/') {
                while (pos < src.length() && src.charAt(pos) != '\n') {
                    pos++;
                }
            } else {
                return;
            }
        }
    }

    private Token text(char quote) {
        int start = pos++;
        StringBuilder value = new StringBuilder();
        while (pos < src.length()) {
            char c = src.charAt(pos);
            if (c == '\\' && pos + 1 < src.length() && src.charAt(pos + 1) == quote) {
                // PocketBase compat: only the enclosing quote is unescaped; other backslashes stay.
                value.append(quote);
                pos += 2;
            } else if (c == quote) {
                pos++;
                return new Token(Kind.TEXT, value.toString(), start);
            } else {
                value.append(c);
                pos++;
            }
        }
        throw new FilterException("unterminated text literal starting at position " + start, start);
    }

    private Token number() {
        int start = pos;
        if (src.charAt(pos) == '-') {
            pos++;
        }
        digits();
        if (pos < src.length() && src.charAt(pos) == '.') {
            pos++;
            if (pos >= src.length() || !isDigit(src.charAt(pos))) {
                throw new FilterException("invalid number \"" + src.substring(start, pos) + "\" at position " + start, start);
            }
            digits();
        }
        if (pos < src.length() && (isIdentifierPart(src.charAt(pos)))) {
            while (pos < src.length() && isIdentifierPart(src.charAt(pos))) {
                pos++;
            }
            throw new FilterException("invalid number \"" + src.substring(start, pos) + "\" at position " + start, start);
        }
        return new Token(Kind.NUMBER, src.substring(start, pos), start);
    }

    private void digits() {
        while (pos < src.length() && isDigit(src.charAt(pos))) {
            pos++;
        }
    }

    private Token placeholder() {
        int start = pos;
        pos += 2;
        int nameStart = pos;
        while (pos < src.length() && (Character.isLetterOrDigit(src.charAt(pos)) || src.charAt(pos) == '_')) {
            pos++;
        }
        if (pos == nameStart || pos >= src.length() || src.charAt(pos) != '}') {
            throw new FilterException("invalid placeholder at position " + start, start);
        }
        pos++;
        return new Token(Kind.PLACEHOLDER, src.substring(nameStart, pos - 1), start);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isIdentifierStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '@' || c == '#';
    }

    private static boolean isIdentifierPart(char c) {
        return isIdentifierStart(c) || isDigit(c) || c == '.' || c == ':';
    }

    private static boolean isSignChar(char c) {
        return c == '=' || c == '!' || c == '<' || c == '>' || c == '~' || c == '?';
    }
}
