package dev.basalt.records;

import dev.basalt.collections.Collection;
import dev.basalt.query.Expr;
import dev.basalt.query.FilterException;
import dev.basalt.query.Operator;
import dev.basalt.query.Resolved;
import dev.basalt.query.Resolver;
import java.util.Locale;
import java.util.Optional;

/**
 * Decides a rule that compares only request values and literals with {@code =} and {@code !=}
 * (such as {@code @request.auth.id != '' && @request.body.public:isset = true}) without asking
 * the database: the query such a rule compiles to would read no row, yet building, rendering and
 * running it was a quarter of the CPU of a create, spent holding SQLite's writer lock.
 *
 * <p>The answer is the one {@link dev.basalt.query.Compiler} gives: NULL and {@code ''} are one
 * value, text equals text exactly, booleans ({@code true}/{@code false}, {@code :isset}) equal
 * booleans. Anything else (fields, other operators, numbers, mixed types, modifiers other than
 * {@code :isset}, macros) is not decided here and the caller runs the query.
 */
final class RequestOnlyRule {

    private RequestOnlyRule() {}

    /** The rule's outcome, or empty when it needs the query. */
    static Optional<Boolean> evaluate(Expr expr, Collection collection, Resolver resolver) {
        return switch (expr) {
            case Expr.And and -> {
                boolean all = true;
                for (Expr item : and.items()) {
                    Optional<Boolean> r = evaluate(item, collection, resolver);
                    if (r.isEmpty()) {
                        yield Optional.empty();
                    }
                    all &= r.get();
                }
                yield Optional.of(all);
            }
            case Expr.Or or -> {
                boolean any = false;
                for (Expr item : or.items()) {
                    Optional<Boolean> r = evaluate(item, collection, resolver);
                    if (r.isEmpty()) {
                        yield Optional.empty();
                    }
                    any |= r.get();
                }
                yield Optional.of(any);
            }
            case Expr.Comparison c -> comparison(c, collection, resolver);
        };
    }

    private static Optional<Boolean> comparison(Expr.Comparison c, Collection collection, Resolver resolver) {
        if (c.op() != Operator.EQ && c.op() != Operator.NEQ) {
            return Optional.empty();
        }
        Optional<Value> left = value(c.left(), collection, resolver);
        Optional<Value> right = value(c.right(), collection, resolver);
        if (left.isEmpty() || right.isEmpty()) {
            return Optional.empty();
        }
        Optional<Boolean> equal = equal(left.get(), right.get());
        return c.op() == Operator.EQ ? equal : equal.map(e -> !e);
    }

    private static Optional<Boolean> equal(Value l, Value r) {
        if (l.isEmpty() || r.isEmpty()) {
            return Optional.of(l.isEmpty() && r.isEmpty());
        }
        if (l.value() instanceof String a && r.value() instanceof String b) {
            return Optional.of(a.equals(b));
        }
        if (l.value() instanceof Boolean a && r.value() instanceof Boolean b) {
            return Optional.of(a.equals(b));
        }
        return Optional.empty();
    }

    /** A text, a boolean, or empty (NULL or ''): the operands decided here. */
    private record Value(Object value) {
        boolean isEmpty() {
            return value == null || "".equals(value);
        }
    }

    private static Optional<Value> value(Expr.Operand operand, Collection collection, Resolver resolver) {
        return switch (operand) {
            case Expr.Text t -> Optional.of(new Value(t.value()));
            case Expr.Identifier id when id.name().startsWith("@request.") -> request(id.name(), resolver);
            // PocketBase compat: true/false/null are keywords only when no field has that name.
            case Expr.Identifier id when collection.field(id.name()).isEmpty() -> switch (id.name().toLowerCase(Locale.ROOT)) {
                case "true" -> Optional.of(new Value(true));
                case "false" -> Optional.of(new Value(false));
                case "null" -> Optional.of(new Value(null));
                default -> Optional.empty();
            };
            default -> Optional.empty();
        };
    }

    private static Optional<Value> request(String name, Resolver resolver) {
        Resolved r;
        try {
            r = resolver.resolve(name);
        } catch (FilterException e) {
            // The compiler reports it, with its position.
            return Optional.empty();
        }
        if (r.nullFallback() != Resolved.NullFallback.AUTO || r.lowered() || r.multiMatch().isPresent()
                || r.guard().isPresent() || !r.joins().isEmpty()) {
            return Optional.empty();
        }
        return switch (r.kind()) {
            case VALUE -> r.value() == null || r.value() instanceof String || r.value() instanceof Boolean
                    ? Optional.of(new Value(r.value()))
                    : Optional.empty();
            case KEYWORD -> switch (String.valueOf(r.value()).toUpperCase(Locale.ROOT)) {
                case "NULL" -> Optional.of(new Value(null));
                case "TRUE" -> Optional.of(new Value(true));
                case "FALSE" -> Optional.of(new Value(false));
                default -> Optional.empty();
            };
            case COLUMN -> Optional.empty();
        };
    }
}
