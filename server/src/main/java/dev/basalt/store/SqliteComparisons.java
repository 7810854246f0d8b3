package dev.basalt.store;

import java.math.BigDecimal;
import java.util.regex.Pattern;
import org.jooq.Comparator;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.JSONB;
import org.jooq.Param;
import org.jooq.impl.DSL;

/**
 * SQLite's comparison semantics on PostgreSQL's typed columns, for {@link PostgresDialect}.
 * PocketBase's filters are defined by SQLite's loose typing; this class rebuilds it from what is
 * known when a filter compiles: a text column meeting a number compares as text, a number column
 * meeting a numeric-looking text converts it, bools are 0/1, numbers sort before text, and JSON
 * values (whose type is only known per row) are compared by their runtime type. Operands of one
 * static type stay a plain {@code a op b}, so indexes serve them.
 */
final class SqliteComparisons {

    /** A text SQLite's numeric affinity turns into a number (leading and trailing spaces allowed). */
    static final String NUMERIC_TEXT = "^\\s*[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]+)?\\s*$";
    private static final Pattern NUMERIC = Pattern.compile(NUMERIC_TEXT);

    private SqliteComparisons() {}

    /** What an operand holds, as far as the compiler can tell. */
    private enum Kind { TEXT, NUMBER, JSON, NULL }

    /**
     * An operand: its SQL, its kind, whether it carries a column's affinity (a bound value or a
     * JSON value carries none), and the value when it is bound.
     */
    private record Operand(Field<?> sql, Kind kind, boolean affinity, boolean isConstant, Object constant) {}

    private static Operand operand(Field<?> f) {
        if (f instanceof Param<?> p) {
            Object v = p.getValue();
            return switch (v) {
                case null -> new Operand(f, Kind.NULL, false, true, null);
                case Boolean b -> new Operand(DSL.inline(b ? 1 : 0), Kind.NUMBER, false, true, b ? 1 : 0);
                case Number n -> new Operand(f, Kind.NUMBER, false, true, n);
                case JSONB j -> new Operand(DSL.field("CAST({0} AS jsonb)", JSONB.class, DSL.val(j.data())),
                        Kind.JSON, false, false, null);
                default -> new Operand(DSL.val(v.toString()), Kind.TEXT, false, true, v.toString());
            };
        }
        Class<?> type = f.getType();
        if (type == JSONB.class || type == org.jooq.JSON.class) {
            return new Operand(f, Kind.JSON, false, false, null);
        }
        if (type == Boolean.class) {
            return new Operand(DSL.field("CAST({0} AS integer)", Integer.class, f), Kind.NUMBER, true, false, null);
        }
        if (Number.class.isAssignableFrom(type)) {
            return new Operand(f, Kind.NUMBER, true, false, null);
        }
        return new Operand(f, Kind.TEXT, true, false, null);
    }

    static Condition compare(Comparator op, Field<?> left, Field<?> right) {
        Operand l = operand(left);
        Operand r = operand(right);
        if (op == Comparator.IS_NOT_DISTINCT_FROM || op == Comparator.IS_DISTINCT_FROM) {
            Condition same;
            if (l.kind == r.kind && (l.kind == Kind.TEXT || l.kind == Kind.NUMBER)) {
                same = DSL.condition("{0} IS NOT DISTINCT FROM {1}", l.sql, r.sql);
            } else {
                same = DSL.condition("CASE WHEN {0} AND {1} THEN TRUE WHEN {0} OR {1} THEN FALSE ELSE COALESCE({2}, FALSE) END",
                        isNull(l), isNull(r), DSL.field(compareValues(Comparator.EQUALS, l, r)));
            }
            return op == Comparator.IS_NOT_DISTINCT_FROM ? same : DSL.not(same);
        }
        if (l.kind == Kind.NULL || r.kind == Kind.NULL) {
            return DSL.condition("CAST(NULL AS boolean)");
        }
        return compareValues(op, l, r);
    }

    // The non-null-safe comparison; NULL when either side is NULL, as in SQL.
    private static Condition compareValues(Comparator op, Operand l, Operand r) {
        if (l.kind == Kind.NULL || r.kind == Kind.NULL) {
            return DSL.condition("CAST(NULL AS boolean)");
        }
        // SQLite's affinity rules: a column's numeric affinity converts the other side's
        // numeric-looking text; a text column's affinity turns the other side's number into text
        // when that side has no affinity of its own.
        if (l.kind == Kind.NUMBER && l.affinity && !(r.kind == Kind.NUMBER && r.affinity)) {
            r = numericAffinity(r);
        } else if (r.kind == Kind.NUMBER && r.affinity && !(l.kind == Kind.NUMBER && l.affinity)) {
            l = numericAffinity(l);
        }
        if (l.kind == Kind.TEXT && l.affinity && !r.affinity) {
            r = textAffinity(r);
        } else if (r.kind == Kind.TEXT && r.affinity && !l.affinity) {
            l = textAffinity(l);
        }
        String sql = sqlOperator(op);
        if (l.kind == Kind.NUMBER && r.kind == Kind.NUMBER) {
            return DSL.condition("{0} " + sql + " {1}", l.sql, r.sql);
        }
        if (l.kind == Kind.TEXT && r.kind == Kind.TEXT) {
            return textCompare(sql, l.sql, r.sql);
        }
        if (l.kind == Kind.JSON || r.kind == Kind.JSON) {
            return dynamicCompare(op, l, r);
        }
        // Statically a number against a text: the storage class decides, NULLs stay NULL.
        return classOrder(op, l.kind == Kind.NUMBER, l, r);
    }

    /** The SQL of a plain comparison operator. */
    static String sqlOperator(Comparator op) {
        return switch (op) {
            case EQUALS -> "=";
            case NOT_EQUALS -> "<>";
            case LESS -> "<";
            case LESS_OR_EQUAL -> "<=";
            case GREATER -> ">";
            case GREATER_OR_EQUAL -> ">=";
            default -> throw new IllegalArgumentException("not a comparison: " + op);
        };
    }

    private static Condition textCompare(String sql, Field<?> l, Field<?> r) {
        if (sql.equals("=") || sql.equals("<>")) {
            // Equality is byte equality in every deterministic collation: no COLLATE, so an index of any collation serves it.
            return DSL.condition("{0} " + sql + " {1}", l, r);
        }
        return DSL.condition("{0} " + sql + " ({1} COLLATE \"C\")", l, r);
    }

    /**
     * A number against a text (or the reverse, {@code numberFirst} false): SQLite orders every
     * number before every text. The result keeps SQL's NULL when either side is NULL.
     */
    private static Condition classOrder(Comparator op, boolean numberFirst, Operand l, Operand r) {
        boolean result = switch (op) {
            case EQUALS -> false;
            case NOT_EQUALS -> true;
            case LESS, LESS_OR_EQUAL -> numberFirst;
            case GREATER, GREATER_OR_EQUAL -> !numberFirst;
            default -> throw new IllegalArgumentException("not a comparison: " + op);
        };
        Condition bothPresent = DSL.and(notNull(l), notNull(r));
        return result
                ? DSL.condition("CASE WHEN {0} THEN TRUE END", bothPresent)
                : DSL.condition("CASE WHEN {0} THEN FALSE END", bothPresent);
    }

    private static Condition notNull(Operand o) {
        return o.isConstant ? DSL.noCondition() : DSL.condition("{0} IS NOT NULL", o.sql);
    }

    private static Operand numericAffinity(Operand o) {
        if (o.kind == Kind.TEXT && o.isConstant) {
            String s = (String) o.constant;
            if (NUMERIC.matcher(s).matches()) {
                double d = Double.parseDouble(s.strip());
                return new Operand(DSL.val(d), Kind.NUMBER, false, true, d);
            }
            return o;
        }
        if (o.kind == Kind.TEXT) {
            // Per row: a numeric-looking text becomes a number, any other stays text. As JSON, the
            // dynamic comparison picks the right branch.
            Field<JSONB> dynamic = DSL.field("(CASE WHEN {0} ~ {1} THEN to_jsonb(CAST({0} AS double precision))"
                    + " ELSE to_jsonb({0}) END)", JSONB.class, o.sql, DSL.inline(NUMERIC_TEXT));
            return new Operand(dynamic, Kind.JSON, false, false, null);
        }
        if (o.kind == Kind.JSON) {
            Field<JSONB> converted = DSL.field("(CASE WHEN jsonb_typeof({0}) = 'string' AND ({0} #>> '{}') ~ {1}"
                    + " THEN to_jsonb(CAST({0} #>> '{}' AS double precision)) ELSE {0} END)", JSONB.class,
                    o.sql, DSL.inline(NUMERIC_TEXT));
            return new Operand(converted, Kind.JSON, false, false, null);
        }
        return o;
    }

    private static Operand textAffinity(Operand o) {
        if (o.kind == Kind.NUMBER && o.isConstant) {
            boolean integer = o.constant instanceof Integer || o.constant instanceof Long;
            String s = sqliteReal(((Number) o.constant).doubleValue(), integer);
            return new Operand(DSL.val(s), Kind.TEXT, false, true, s);
        }
        if (o.kind == Kind.NUMBER || o.kind == Kind.JSON) {
            return new Operand(text(o.sql), Kind.TEXT, false, false, null);
        }
        return o;
    }

    /** SQLite's text of a REAL ({@code 12.0}, {@code 2.5}); of an INTEGER when {@code integer}. */
    private static String sqliteReal(double d, boolean integer) {
        if (integer) {
            return Long.toString((long) d);
        }
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return BigDecimal.valueOf(d).setScale(1).toPlainString();
        }
        return Double.toString(d);
    }

    /**
     * A comparison where one side is a JSON value: its runtime type decides, as SQLite's
     * {@code json_extract} gives a number (true/false as 1/0), a text (objects and arrays as
     * their JSON text) or NULL.
     */
    private static Condition dynamicCompare(Comparator op, Operand l, Operand r) {
        String sql = sqlOperator(op);
        Field<JSONB> lj = asJson(l);
        Field<JSONB> rj = asJson(r);
        return DSL.condition("CASE WHEN {0} OR {1} THEN NULL"
                        + " WHEN {2} AND {3} THEN {4} " + sql + " {5}"
                        + " WHEN NOT {2} AND NOT {3} THEN {6} " + sql + " ({7} COLLATE \"C\")"
                        + " ELSE {8} END",
                jsonIsNull(lj), jsonIsNull(rj), jsonIsNumber(lj), jsonIsNumber(rj), jsonNumber(lj), jsonNumber(rj),
                jsonText(lj), jsonText(rj), DSL.field(classOrderOf(op, lj)));
    }

    // After the branches above, exactly one side is a number: true when it is the left.
    private static Condition classOrderOf(Comparator op, Field<JSONB> left) {
        Condition leftIsNumber = jsonIsNumber(left);
        return switch (op) {
            case EQUALS -> DSL.falseCondition();
            case NOT_EQUALS -> DSL.trueCondition();
            case LESS, LESS_OR_EQUAL -> leftIsNumber;
            case GREATER, GREATER_OR_EQUAL -> DSL.not(leftIsNumber);
            default -> throw new IllegalArgumentException("not a comparison: " + op);
        };
    }

    private static Field<JSONB> asJson(Operand o) {
        return switch (o.kind) {
            case JSON -> castJson(o.sql);
            case NUMBER -> DSL.field("to_jsonb(CAST({0} AS double precision))", JSONB.class, o.sql);
            case TEXT -> DSL.field("to_jsonb(CAST({0} AS text))", JSONB.class, o.sql);
            case NULL -> DSL.field("CAST(NULL AS jsonb)", JSONB.class);
        };
    }

    @SuppressWarnings("unchecked")
    static Field<JSONB> castJson(Field<?> f) {
        return (Field<JSONB>) f;
    }

    private static Condition jsonIsNull(Field<JSONB> j) {
        return DSL.condition("({0} IS NULL OR jsonb_typeof({0}) = 'null')", j);
    }

    private static Condition jsonIsNumber(Field<JSONB> j) {
        return DSL.condition("(jsonb_typeof({0}) IN ('number', 'boolean'))", j);
    }

    private static Field<Double> jsonNumber(Field<JSONB> j) {
        return DSL.field("(CASE jsonb_typeof({0}) WHEN 'number' THEN CAST({0} AS double precision)"
                + " WHEN 'boolean' THEN (CASE WHEN CAST({0} AS boolean) THEN 1.0 ELSE 0.0 END) END)", Double.class, j);
    }

    /** The SQLite text of a JSON value: strings unquoted, true/false as 1/0, the rest as JSON. */
    private static Field<String> jsonText(Field<JSONB> j) {
        return DSL.field("(CASE jsonb_typeof({0}) WHEN 'string' THEN {0} #>> '{}'"
                + " WHEN 'boolean' THEN (CASE WHEN CAST({0} AS boolean) THEN '1' ELSE '0' END)"
                + " WHEN 'null' THEN NULL ELSE CAST({0} AS text) END)", String.class, j);
    }

    private static Condition isNull(Operand o) {
        return switch (o.kind) {
            case NULL -> DSL.trueCondition();
            case JSON -> jsonIsNull(castJson(o.sql));
            default -> o.isConstant ? DSL.falseCondition() : DSL.condition("{0} IS NULL", o.sql);
        };
    }

    static Field<?> emptyIfNull(Field<?> value) {
        Operand o = operand(value);
        return switch (o.kind) {
            case NULL -> DSL.inline("");
            case TEXT -> o.isConstant ? value : DSL.coalesce(castText(o.sql), DSL.inline(""));
            // SQLite's COALESCE(number, '') is a number or '', without affinity: a JSON value here.
            case NUMBER -> o.isConstant ? value
                    : DSL.field("COALESCE(to_jsonb(CAST({0} AS double precision)), to_jsonb(''::text))", JSONB.class, o.sql);
            case JSON -> DSL.field("(CASE WHEN {0} THEN to_jsonb(''::text) ELSE {1} END)", JSONB.class,
                    jsonIsNull(castJson(o.sql)), o.sql);
        };
    }

    @SuppressWarnings("unchecked")
    static Field<String> castText(Field<?> f) {
        return (Field<String>) f;
    }

    static Field<String> text(Field<?> value) {
        Operand o = operand(value);
        return switch (o.kind) {
            case NULL -> DSL.field("CAST(NULL AS text)", String.class);
            case TEXT -> o.isConstant ? DSL.val((String) o.constant) : castText(o.sql);
            case NUMBER -> o.isConstant
                    ? DSL.val(numberText(((Number) o.constant).doubleValue()))
                    : DSL.field("(CASE WHEN {0} = trunc({0}) AND abs({0}) < 1e15 THEN CAST(CAST({0} AS bigint) AS text)"
                            + " ELSE CAST({0} AS text) END)", String.class, DSL.field("CAST({0} AS double precision)", o.sql));
            case JSON -> jsonText(castJson(o.sql));
        };
    }

    // What SQLite stores for a number in a NUMERIC column: integral values as integers.
    private static String numberText(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString((long) d);
        }
        return Double.toString(d);
    }

    static Field<? extends Number> number(Field<?> value) {
        Operand o = operand(value);
        return switch (o.kind) {
            case NULL -> DSL.field("CAST(NULL AS double precision)", Double.class);
            case NUMBER -> DSL.field("CAST({0} AS double precision)", Double.class, o.sql);
            case TEXT -> DSL.field("(CASE WHEN {0} ~ {1} THEN CAST({0} AS double precision) END)", Double.class,
                    o.sql, DSL.inline(NUMERIC_TEXT));
            case JSON -> jsonNumber(castJson(numericAffinity(o).sql));
        };
    }
}
