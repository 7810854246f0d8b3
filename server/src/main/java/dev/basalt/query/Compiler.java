package dev.basalt.query;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.not;
import static org.jooq.impl.DSL.notExists;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.selectOne;
import static org.jooq.impl.DSL.val;

import dev.basalt.query.Expr.Call;
import dev.basalt.query.Expr.Comparison;
import dev.basalt.query.Expr.Identifier;
import dev.basalt.query.Expr.Num;
import dev.basalt.query.Expr.Operand;
import dev.basalt.query.Expr.Text;
import dev.basalt.query.Resolved.Kind;
import dev.basalt.query.Resolved.NullFallback;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jooq.Comparator;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.SortField;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * Compiles {@link Expr}s and sort items into jOOQ, with PocketBase's semantics: NULL and {@code ''}
 * are one value for {@code =}/{@code !=} (except on JSON), {@code !=} is null-safe, {@code ~} wraps
 * its value in {@code %..%} unless it holds a {@code %}, and a plain operator on a multi-valued
 * operand must hold for every value ({@code cond AND NOT EXISTS(a value that violates it)}). Values
 * are always bound. One compiler serves one query: it collects the joins all its operands need.
 */
public final class Compiler {

    private static final int MAX_STRFTIME_ARGS = 10;

    private final Resolver resolver;
    private final ZonedDateTime now;
    private final Map<String, Join> joins = new LinkedHashMap<>();
    private int subqueries;

    public Compiler(Resolver resolver) {
        this(resolver, Clock.systemUTC());
    }

    public Compiler(Resolver resolver, Clock clock) {
        this.resolver = resolver;
        this.now = ZonedDateTime.now(clock);
    }

    /** @throws FilterException when an identifier, function or modifier does not resolve */
    public Condition compile(Expr expr) {
        return switch (expr) {
            case Expr.And and -> DSL.and(and.items().stream().map(this::compile).toList());
            case Expr.Or or -> DSL.or(or.items().stream().map(this::compile).toList());
            case Comparison c -> comparison(c);
        };
    }

    /** @throws FilterException when an item is not a field path, {@code @random} or {@code @rowid} */
    public List<SortField<?>> sort(List<Sort.Item> items) {
        List<SortField<?>> out = new ArrayList<>();
        for (Sort.Item item : items) {
            Field<?> f = switch (item.name()) {
                case Sort.RANDOM -> resolver.random();
                case Sort.ROWID -> resolver.rowid();
                default -> {
                    Resolved r = register(resolver.resolve(item.name()));
                    if (r.kind() != Kind.COLUMN) {
                        throw new FilterException("invalid sort field \"" + item.name() + "\"");
                    }
                    yield r.field();
                }
            };
            // SQLite puts NULLs first in ascending order; say so for engines that do not.
            out.add(item.descending() ? f.desc().nullsLast() : f.asc().nullsFirst());
        }
        return out;
    }

    /** Every table the compiled conditions and sort fields need, in first-use order. */
    public List<Join> joins() {
        return List.copyOf(joins.values());
    }

    private Condition comparison(Comparison c) {
        Resolved left = operand(c.left());
        Resolved right = operand(c.right());
        Operator op = c.op().plain();
        Condition expr = base(left, op, right);
        if (!c.op().isAny()) {
            if (left.multiMatch().isPresent() && right.multiMatch().isPresent()) {
                expr = DSL.and(expr, manyVsMany(left, op, right));
            } else if (left.multiMatch().isPresent()) {
                expr = DSL.and(expr, manyVsOne(left, op, right, false));
            } else if (right.multiMatch().isPresent()) {
                expr = DSL.and(expr, manyVsOne(right, op, left, true));
            }
        }
        if (left.guard().isPresent()) {
            expr = DSL.and(expr, left.guard().get());
        }
        if (right.guard().isPresent()) {
            expr = DSL.and(expr, right.guard().get());
        }
        return expr;
    }

    private Condition base(Resolved l, Operator op, Resolved r) {
        return switch (op) {
            case EQ -> equality(true, l, r);
            case NEQ -> equality(false, l, r);
            case LIKE, NLIKE -> like(l, r, op == Operator.NLIKE);
            case LT -> resolver.compare(Comparator.LESS, l.field(), r.field());
            case LTE -> resolver.compare(Comparator.LESS_OR_EQUAL, l.field(), r.field());
            case GT -> resolver.compare(Comparator.GREATER, l.field(), r.field());
            case GTE -> resolver.compare(Comparator.GREATER_OR_EQUAL, l.field(), r.field());
            default -> throw new IllegalArgumentException("not a plain operator: " + op);
        };
    }

    private Condition like(Resolved l, Resolved r, boolean negated) {
        if (r.kind() == Kind.VALUE) {
            String pattern = likePattern(text(r.value()));
            return resolver.like(l.field(), val(r.lowered() ? Resolved.lowerAscii(pattern) : pattern), negated);
        }
        // A column on the right: "contains" its value.
        return resolver.like(l.field(), field("('%' || {0} || '%')", String.class, resolver.text(r.field())), negated);
    }

    // PocketBase compat: NULL and '' are one value; direct comparisons where one side is known to
    // be non-empty (so an index seek stays possible); IS NOT so that != never yields NULL.
    private Condition equality(boolean equal, Resolved l, Resolved r) {
        Comparator eq = equal ? Comparator.EQUALS : Comparator.IS_DISTINCT_FROM;
        if (l.nullFallback() == NullFallback.DISABLED || r.nullFallback() == NullFallback.DISABLED) {
            return resolver.compare(equal ? Comparator.IS_NOT_DISTINCT_FROM : Comparator.IS_DISTINCT_FROM,
                    l.field(), r.field());
        }
        boolean lEmpty = l.isEmpty();
        boolean rEmpty = r.isEmpty();
        if (lEmpty && rEmpty) {
            return equal ? DSL.trueCondition() : DSL.falseCondition();
        }
        if (l.isKnownNonEmpty() || r.isKnownNonEmpty()) {
            Field<?> lf = lEmpty ? inline("") : l.field();
            Field<?> rf = rEmpty ? inline("") : r.field();
            return resolver.compare(eq, lf, rf);
        }
        if (lEmpty || rEmpty) {
            Field<?> other = lEmpty ? r.field() : l.field();
            Condition vsEmpty = lEmpty ? resolver.compare(eq, inline(""), other) : resolver.compare(eq, other, inline(""));
            return equal ? vsEmpty.or(other.isNull()) : vsEmpty.and(other.isNotNull());
        }
        return resolver.compare(eq, resolver.emptyIfNull(l.field()), resolver.emptyIfNull(r.field()));
    }

    private Condition manyVsOne(Resolved many, Operator op, Resolved other, boolean inverse) {
        MultiMatch mm = many.multiMatch().orElseThrow();
        String alias = "__sm" + (++subqueries);
        Table<?> values = select(mm.value().as("multiMatchValue")).from(mm.from()).where(mm.where()).asTable(alias);
        Resolved item = Resolved.column(field(name(alias, "multiMatchValue"), mm.value().getDataType()))
                .withNullFallback(many.nullFallback());
        Resolved plainOther = new Resolved(other.field(), other.kind(), other.value(), other.lowered(),
                NullFallback.AUTO, Optional.empty(), Optional.empty(), List.of());
        Condition violates = not(inverse ? base(plainOther, op, item) : base(item, op, plainOther));
        return notExists(selectOne().from(values).where(violates));
    }

    private Condition manyVsMany(Resolved left, Operator op, Resolved right) {
        MultiMatch lm = left.multiMatch().orElseThrow();
        MultiMatch rm = right.multiMatch().orElseThrow();
        int n = ++subqueries;
        Table<?> lv = select(lm.value().as("multiMatchValue")).from(lm.from()).where(lm.where()).asTable("__ml" + n);
        Table<?> rv = select(rm.value().as("multiMatchValue")).from(rm.from()).where(rm.where()).asTable("__mr" + n);
        Resolved l = Resolved.column(field(name("__ml" + n, "multiMatchValue"), lm.value().getDataType()))
                .withNullFallback(left.nullFallback());
        Resolved r = Resolved.column(field(name("__mr" + n, "multiMatchValue"), rm.value().getDataType()))
                .withNullFallback(right.nullFallback());
        return notExists(selectOne().from(lv).leftJoin(rv).on(DSL.trueCondition()).where(not(base(l, op, r))));
    }

    private Resolved operand(Operand o) {
        return switch (o) {
            case Text t -> Resolved.value(t.value());
            case Num n -> Resolved.value(n.value());
            case Identifier id -> identifier(id);
            case Call call -> call(call);
        };
    }

    private Resolved identifier(Identifier id) {
        Optional<Object> macro = Macros.value(id.name(), now);
        if (macro.isPresent()) {
            return Resolved.value(macro.get());
        }
        try {
            return register(resolver.resolve(id.name()));
        } catch (FilterException e) {
            // PocketBase compat: null/true/false are keywords only when no field has that name.
            switch (id.name().toLowerCase(Locale.ROOT)) {
                case "null":
                    return Resolved.nullKeyword();
                case "true":
                    return Resolved.keyword("1");
                case "false":
                    return Resolved.keyword("0");
                default:
                    throw e.position() >= 0 ? e : new FilterException(e.getMessage() + " (at position "
                            + id.position() + ")", id.position());
            }
        }
    }

    private Resolved register(Resolved r) {
        for (Join j : r.joins()) {
            joins.put(j.alias(), j);
        }
        return r;
    }

    private Resolved call(Call call) {
        return switch (call.name()) {
            case "geoDistance" -> geoDistance(call);
            case "strftime" -> strftime(call);
            default -> throw new FilterException("unknown function \"" + call.name() + "\" at position "
                    + call.position(), call.position());
        };
    }

    private Resolved geoDistance(Call call) {
        if (call.args().size() != 4) {
            throw new FilterException("geoDistance expects 4 arguments (lonA, latA, lonB, latB), got "
                    + call.args().size() + " at position " + call.position(), call.position());
        }
        List<Field<?>> f = new ArrayList<>();
        for (Operand a : call.args()) {
            if (!(a instanceof Identifier) && !(a instanceof Num)) {
                throw new FilterException("geoDistance arguments must be fields or numbers (at position "
                        + a.position() + ")", a.position());
            }
            f.add(resolver.number(operand(a).field()));
        }
        // PocketBase compat: the distance is compared as it is, without NULL/'' normalisation.
        return Resolved.column(geoDistance(f.get(0), f.get(1), f.get(2), f.get(3)))
                .withNullFallback(NullFallback.DISABLED);
    }

    private Resolved strftime(Call call) {
        List<Operand> args = call.args();
        if (args.isEmpty() || args.size() > MAX_STRFTIME_ARGS) {
            throw new FilterException("strftime expects 1 to " + MAX_STRFTIME_ARGS + " arguments, got " + args.size()
                    + " at position " + call.position(), call.position());
        }
        if (!(args.getFirst() instanceof Text)) {
            throw new FilterException("strftime expects a text format as first argument (at position "
                    + call.position() + ")", call.position());
        }
        for (int i = 2; i < args.size(); i++) {
            if (!(args.get(i) instanceof Text)) {
                throw new FilterException("strftime modifiers must be texts (at position " + args.get(i).position()
                        + ")", args.get(i).position());
            }
        }
        if (args.size() > 1 && args.get(1) instanceof Call) {
            throw new FilterException("strftime expects a time value as second argument (at position "
                    + args.get(1).position() + ")", args.get(1).position());
        }
        List<Field<?>> fields = new ArrayList<>();
        Resolved time = null;
        for (int i = 0; i < args.size(); i++) {
            Resolved r = operand(args.get(i));
            if (i == 1) {
                time = r;
            }
            fields.add(r.field());
        }
        // PocketBase compat: NULL results compare like '' (strftime of an empty date is NULL).
        Resolved out = Resolved.column(resolver.strftime(fields)).withNullFallback(NullFallback.ENFORCED);
        if (time != null && time.multiMatch().isPresent()) {
            MultiMatch mm = time.multiMatch().get();
            List<Field<?>> mmFields = new ArrayList<>(fields);
            mmFields.set(1, mm.value());
            out = out.withMultiMatch(new MultiMatch(mm.from(), resolver.strftime(mmFields), mm.where()));
        }
        return out;
    }

    /** Great-circle distance in km between two lon/lat points (haversine, earth radius 6371). */
    private static Field<Double> geoDistance(Field<?> lonA, Field<?> latA, Field<?> lonB, Field<?> latB) {
        return field("(6371 * 2 * asin(sqrt(power(sin((radians({3}) - radians({1})) / 2), 2)"
                + " + cos(radians({1})) * cos(radians({3})) * power(sin((radians({2}) - radians({0})) / 2), 2))))",
                Double.class, lonA, latA, lonB, latB);
    }

    /** The text of a bound value as PocketBase's cast.ToString gives it (12.0 → "12"). */
    static String text(Object v) {
        if (v == null) {
            return "";
        }
        if (v instanceof Double d && !d.isInfinite() && !d.isNaN()) {
            return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
        }
        return v.toString();
    }

    /**
     * PocketBase compat: a value without an unescaped {@code %} is a "contains" test, so its
     * {@code \ % _} are escaped and it is wrapped in {@code %..%}; otherwise it is the raw pattern.
     */
    static String likePattern(String value) {
        if (containsUnescaped(value, '%')) {
            return value;
        }
        return "%" + escapeUnescaped(value) + "%";
    }

    private static boolean containsUnescaped(String s, char ch) {
        char prev = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ch && prev != '\\') {
                return true;
            }
            prev = (c == '\\' && prev == '\\') ? 0 : c;
        }
        return false;
    }

    // Escapes \ % _ unless already preceded by a backslash (scanning from the end, as PocketBase).
    private static String escapeUnescaped(String s) {
        StringBuilder out = new StringBuilder();
        boolean match = false;
        for (int i = s.length() - 1; i >= 0; i--) {
            char c = s.charAt(i);
            if (match) {
                if (c != '\\') {
                    out.append('\\');
                }
                match = false;
            } else {
                match = c == '\\' || c == '%' || c == '_';
            }
            out.append(c);
            if (i == 0 && match) {
                out.append('\\');
            }
        }
        return out.reverse().toString();
    }
}
