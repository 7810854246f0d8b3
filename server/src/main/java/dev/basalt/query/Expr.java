package dev.basalt.query;

import java.util.List;

/** A parsed filter: comparisons joined by {@code &&} (tighter) and {@code ||}. */
public sealed interface Expr {

    record And(List<Expr> items) implements Expr {
        public And {
            items = List.copyOf(items);
        }
    }

    record Or(List<Expr> items) implements Expr {
        public Or {
            items = List.copyOf(items);
        }
    }

    record Comparison(Operand left, Operator op, Operand right, int position) implements Expr {}

    /** One side of a comparison, or a function argument. */
    sealed interface Operand {
        int position();
    }

    /** A field path, macro or {@code null/true/false} keyword, possibly with a {@code :modifier}. */
    record Identifier(String name, int position) implements Operand {}

    record Text(String value, int position) implements Operand {}

    /** A number literal; {@code literal} is the text as written. */
    record Num(double value, String literal, int position) implements Operand {}

    record Call(String name, List<Operand> args, int position) implements Operand {
        public Call {
            args = List.copyOf(args);
        }
    }
}
