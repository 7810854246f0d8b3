package dev.basalt.query;

import dev.basalt.query.Expr.Call;
import dev.basalt.query.Expr.Comparison;
import dev.basalt.query.Expr.Identifier;
import dev.basalt.query.Expr.Num;
import dev.basalt.query.Expr.Operand;
import dev.basalt.query.Expr.Text;
import dev.basalt.query.Token.Kind;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Parses tokens into an {@link Expr}. {@code &&} binds tighter than {@code ||}; a group is a
 * parenthesised expression or one comparison; comparisons cannot be chained.
 */
final class Parser {

    private static final int MAX_FUNCTION_DEPTH = 2;
    // Parentheses recurse; a bound keeps hostile input from exhausting the stack.
    static final int MAX_NESTING = 64;

    private final List<Token> tokens;
    private final Map<String, Object> bindings;
    private int index;
    private int comparisons;
    private int nesting;

    private Parser(List<Token> tokens, Map<String, Object> bindings) {
        this.tokens = tokens;
        this.bindings = bindings;
    }

    static Expr parse(String text, Map<String, Object> bindings) {
        Parser p = new Parser(Lexer.tokenize(text), bindings);
        if (p.peek().kind() == Kind.EOF) {
            throw new FilterException("empty filter expression", 0);
        }
        Expr e = p.expression();
        Token rest = p.peek();
        if (rest.kind() != Kind.EOF) {
            throw unexpected(rest, "\"&&\", \"||\" or the end of the expression");
        }
        return e;
    }

    private Expr expression() {
        List<Expr> ors = new ArrayList<>();
        List<Expr> ands = new ArrayList<>();
        ands.add(group());
        while (peek().kind() == Kind.AND || peek().kind() == Kind.OR) {
            Token join = take();
            if (join.kind() == Kind.OR) {
                ors.add(collapse(ands, true));
                ands = new ArrayList<>();
            }
            ands.add(group());
        }
        ors.add(collapse(ands, true));
        return collapse(ors, false);
    }

    private static Expr collapse(List<Expr> items, boolean and) {
        if (items.size() == 1) {
            return items.getFirst();
        }
        return and ? new Expr.And(items) : new Expr.Or(items);
    }

    private Expr group() {
        Token t = peek();
        if (t.kind() == Kind.LPAREN) {
            take();
            if (peek().kind() == Kind.RPAREN) {
                throw new FilterException("empty parentheses at position " + t.position(), t.position());
            }
            if (++nesting > MAX_NESTING) {
                throw new FilterException("parentheses nest at most " + MAX_NESTING + " levels deep (at position "
                        + t.position() + ")", t.position());
            }
            Expr inner = expression();
            nesting--;
            Token close = take();
            if (close.kind() != Kind.RPAREN) {
                throw unexpected(close, "\")\" to close the \"(\" at position " + t.position());
            }
            return inner;
        }
        Operand left = operand(0);
        Token sign = take();
        if (sign.kind() != Kind.SIGN) {
            throw unexpected(sign, "an operator");
        }
        Operand right = operand(0);
        if (++comparisons > Filter.MAX_COMPARISONS) {
            throw new FilterException("too many comparisons (the maximum is " + Filter.MAX_COMPARISONS + ")",
                    t.position());
        }
        return new Comparison(left, Operator.of(sign.text()).orElseThrow(), right, t.position());
    }

    private Operand operand(int depth) {
        Token t = take();
        return switch (t.kind()) {
            case TEXT -> new Text(t.text(), t.position());
            case NUMBER -> new Num(new BigDecimal(t.text()).doubleValue(), t.text(), t.position());
            case PLACEHOLDER -> bound(t);
            case IDENTIFIER -> {
                if (peek().kind() == Kind.LPAREN && peek().position() == t.position() + t.text().length()) {
                    yield call(t, depth);
                }
                yield new Identifier(t.text(), t.position());
            }
            default -> throw unexpected(t, "an operand (field, text, number or function)");
        };
    }

    private Call call(Token name, int depth) {
        if (depth >= MAX_FUNCTION_DEPTH) {
            throw new FilterException("functions nest at most " + MAX_FUNCTION_DEPTH + " levels deep (at position "
                    + name.position() + ")", name.position());
        }
        take();
        List<Operand> args = new ArrayList<>();
        while (peek().kind() != Kind.RPAREN) {
            args.add(operand(depth + 1));
            Token sep = peek();
            if (sep.kind() == Kind.COMMA) {
                take();
            } else if (sep.kind() != Kind.RPAREN) {
                throw unexpected(sep, "\",\" or \")\" in the arguments of " + name.text());
            }
        }
        take();
        return new Call(name.text(), args, name.position());
    }

    // PocketBase compat: a bound value reads as the literal PocketBase would substitute for it:
    // null and booleans as keywords, numbers as numbers, anything else as a quoted text.
    private Operand bound(Token t) {
        if (!bindings.containsKey(t.text())) {
            throw new FilterException("no value bound to placeholder {:" + t.text() + "} at position " + t.position(),
                    t.position());
        }
        Object v = bindings.get(t.text());
        if (v == null || v instanceof Boolean) {
            return new Identifier(String.valueOf(v), t.position());
        }
        if (v instanceof Number n) {
            return new Num(n.doubleValue(), n.toString(), t.position());
        }
        return new Text(v.toString(), t.position());
    }

    private Token peek() {
        return tokens.get(index);
    }

    private Token take() {
        Token t = tokens.get(index);
        if (t.kind() != Kind.EOF) {
            index++;
        }
        return t;
    }

    private static FilterException unexpected(Token t, String expected) {
        return new FilterException("unexpected " + t.describe() + " at position " + t.position() + ", expected "
                + expected, t.position());
    }
}
