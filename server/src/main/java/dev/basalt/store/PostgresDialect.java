package dev.basalt.store;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jooq.Comparator;
import org.jooq.Condition;
import org.jooq.DataType;
import org.jooq.Field;
import org.jooq.JSONB;
import org.jooq.Param;
import org.jooq.SQLDialect;
import org.jooq.Select;
import org.jooq.SelectForUpdateStep;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultDataType;
import org.jooq.impl.SQLDataType;

/**
 * PostgreSQL (13 or newer): typed columns (text in the C collation, double precision, boolean,
 * jsonb) and SQLite's comparison semantics rebuilt on top of them.
 *
 * <p>PocketBase's filters are defined by SQLite's loose typing. This dialect reproduces it from
 * what is known when the filter compiles: a text column meeting a number compares as text, a
 * number column meeting a numeric-looking text converts it, bools are 0/1, numbers sort before
 * text, and JSON values (whose type is only known per row) are compared by their runtime type.
 * Comparisons of two operands of one static type stay plain {@code a op b}, so indexes serve them.
 * Text columns are declared {@code COLLATE "C"}: byte order, as SQLite's BINARY collation.
 */
public final class PostgresDialect implements Dialect {

    private static final DataType<String> TEXT = new DefaultDataType<>(SQLDialect.POSTGRES, String.class, "text")
            .collation(DSL.collation(DSL.quotedName("C")));
    private static final DataType<Double> NUMBER = SQLDataType.DOUBLE;
    private static final DataType<Boolean> BOOL = SQLDataType.BOOLEAN;
    private static final DataType<JSONB> JSON = SQLDataType.JSONB;

    /** A text SQLite's numeric affinity turns into a number (leading and trailing spaces allowed). */
    private static final String NUMERIC_TEXT = "^\\s*[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]+)?\\s*$";
    private static final Pattern NUMERIC = Pattern.compile(NUMERIC_TEXT);
    private static final String UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private static final String LOWER = "abcdefghijklmnopqrstuvwxyz";

    @Override
    public SQLDialect sqlDialect() {
        return SQLDialect.POSTGRES;
    }

    @Override
    public Field<?> random() {
        return DSL.field("random()", Double.class);
    }

    @Override
    public DataType<?> columnType(ColumnKind kind) {
        return switch (kind) {
            case TEXT -> TEXT;
            case NUMBER -> NUMBER;
            case BOOL -> BOOL;
            case JSON -> JSON;
        };
    }

    @Override
    public Field<?> typedValue(Object value, ColumnKind kind) {
        return switch (kind) {
            case TEXT -> DSL.cast(DSL.val(value), SQLDataType.CLOB);
            case NUMBER -> DSL.cast(DSL.val(value), SQLDataType.DOUBLE);
            case BOOL -> DSL.cast(DSL.val(value), SQLDataType.BOOLEAN);
            case JSON -> DSL.cast(DSL.val(value), SQLDataType.JSONB);
        };
    }

    private static final String ROWID = "_rowid";

    // PostgreSQL has no row ids: an identity column keeps the insertion order @rowid sorts by.
    @Override
    public Optional<RowidColumn> rowidColumn() {
        return Optional.of(new RowidColumn(ROWID, SQLDataType.BIGINT.nullable(false).identity(true)));
    }

    @Override
    public Field<?> rowid(String table) {
        return DSL.field(DSL.name(table, ROWID), Long.class);
    }

    // ---- comparisons with SQLite's semantics -------------------------------------------------

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

    @Override
    public Condition compare(Comparator op, Field<?> left, Field<?> right) {
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
    private Condition compareValues(Comparator op, Operand l, Operand r) {
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

    private static String sqlOperator(Comparator op) {
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

    private Operand textAffinity(Operand o) {
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
    private Condition dynamicCompare(Comparator op, Operand l, Operand r) {
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
    private static Field<JSONB> castJson(Field<?> f) {
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

    @Override
    public Field<?> emptyIfNull(Field<?> value) {
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
    private static Field<String> castText(Field<?> f) {
        return (Field<String>) f;
    }

    @Override
    public Field<String> text(Field<?> value) {
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

    @Override
    public Field<? extends Number> number(Field<?> value) {
        Operand o = operand(value);
        return switch (o.kind) {
            case NULL -> DSL.field("CAST(NULL AS double precision)", Double.class);
            case NUMBER -> DSL.field("CAST({0} AS double precision)", Double.class, o.sql);
            case TEXT -> DSL.field("(CASE WHEN {0} ~ {1} THEN CAST({0} AS double precision) END)", Double.class,
                    o.sql, DSL.inline(NUMERIC_TEXT));
            case JSON -> jsonNumber(castJson(numericAffinity(o).sql));
        };
    }

    @Override
    public Field<String> lower(Field<?> value) {
        return DSL.field("translate({0}, {1}, {2})", String.class, text(value), DSL.inline(UPPER), DSL.inline(LOWER));
    }

    @Override
    public <R extends org.jooq.Record> Select<R> lockForUpdate(SelectForUpdateStep<R> select) {
        return select.forUpdate();
    }

    // PostgreSQL has no NOCASE collation: the index is on lower(column), which equalsIgnoreCase uses.
    @Override
    public Field<?> indexColumn(Field<?> column, String collate) {
        if (collate.equalsIgnoreCase("NOCASE")) {
            return DSL.lower(castText(column));
        }
        return column;
    }

    // ---- JSON -------------------------------------------------------------------------------

    @Override
    public Condition jsonArrayContainsAny(Field<?> column, java.util.Collection<String> values) {
        return DSL.condition("jsonb_exists_any({0}, {1})", asJsonDocument(column), DSL.val(values.toArray(String[]::new)));
    }

    // PocketBase compat: the same conversions PocketBase runs when maxSelect crosses 1.
    @Override
    public Field<String> toJsonArray(Field<String> single) {
        // A single value that looks like a JSON array (what a multiple field turned single keeps
        // when it was converted outside Basalt) is taken as one; ids, names and select values never do.
        return DSL.field("(CASE WHEN COALESCE(CAST({0} AS text), '') = '' THEN '[]'::jsonb"
                + " WHEN CAST({0} AS text) ~ '^\\s*\\[.*\\]\\s*$' THEN CAST(CAST({0} AS text) AS jsonb)"
                + " ELSE jsonb_build_array(CAST({0} AS text)) END)", String.class, single);
    }

    @Override
    public Field<String> lastOfJsonArray(Field<String> multiple) {
        return DSL.field("(CASE WHEN {0} IS NULL OR CAST({0} AS jsonb) = '[]'::jsonb THEN ''"
                + " WHEN jsonb_typeof(CAST({0} AS jsonb)) = 'array' THEN COALESCE(CAST({0} AS jsonb) ->> -1, '')"
                + " ELSE CAST({0} AS jsonb) #>> '{}' END)", String.class, multiple);
    }

    @Override
    public Field<Object> jsonExtract(Field<?> json, String path) {
        Field<JSONB> doc = asJsonDocument(json);
        List<String> keys = jsonPath(path);
        if (keys.isEmpty()) {
            return castObject(doc);
        }
        return castObject(DSL.field("({0} #> {1})", JSONB.class, doc, DSL.val(keys.toArray(String[]::new))));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Field<Object> castObject(Field<JSONB> f) {
        return (Field) f;
    }

    // A JSON column is already jsonb. A bound text (a request value) is parsed here, and one that
    // is not JSON counts as a JSON string, as PocketBase's SQLite expressions treat it; so does a
    // text column (a single relation read as a list).
    private static Field<JSONB> asJsonDocument(Field<?> json) {
        if (json.getType() == JSONB.class) {
            return castJson(json);
        }
        if (json instanceof Param<?> p) {
            return DSL.field("CAST({0} AS jsonb)", JSONB.class, DSL.val(Json.documentOrString(p.getValue())));
        }
        return DSL.field("to_jsonb(CAST({0} AS text))", JSONB.class, json);
    }

    private static final Pattern PATH_PART = Pattern.compile("\\[(\\d+)]|\\.?([^.\\[]+)");

    /** {@code a.b[0]} as the keys of {@code #>}: {@code {a,b,0}}. */
    static List<String> jsonPath(String path) {
        List<String> keys = new ArrayList<>();
        Matcher m = PATH_PART.matcher(path);
        while (m.find()) {
            keys.add(m.group(1) != null ? m.group(1) : m.group(2));
        }
        return keys;
    }

    @Override
    public Table<?> jsonEach(Field<?> json, String alias) {
        Field<JSONB> doc = asJsonDocument(json);
        return DSL.table("jsonb_array_elements_text(CASE WHEN jsonb_typeof({0}) = 'array' THEN {0}"
                + " ELSE jsonb_build_array({0}) END) AS {1}(value)", doc, DSL.name(alias));
    }

    @Override
    public Field<Integer> jsonArrayLength(Field<?> json) {
        if (json.getType() == String.class) {
            // A single select/relation/file column: one value or none.
            return DSL.field("(CASE WHEN COALESCE({0}, '') = '' THEN 0 ELSE 1 END)", Integer.class, json);
        }
        Field<JSONB> doc = asJsonDocument(json);
        return DSL.field("(CASE WHEN {0} IS NULL THEN 0 WHEN jsonb_typeof({0}) = 'array' THEN jsonb_array_length({0})"
                + " WHEN jsonb_typeof({0}) = 'string' AND {0} #>> '{}' = '' THEN 0 ELSE 1 END)", Integer.class, doc);
    }

    @Override
    public Condition like(Field<?> value, Field<?> pattern, boolean negated) {
        return DSL.condition("{0} " + (negated ? "NOT LIKE" : "LIKE") + " {1} ESCAPE '\\'", lower(value), lower(pattern));
    }

    @Override
    public Field<?> strftime(List<Field<?>> args) {
        return Strftime.postgres(args, this);
    }

    // Lookups by email and username compare lower(column), which the NOCASE indexes cover.
    @Override
    public Condition equalsIgnoreCase(Field<String> column, String value) {
        return DSL.lower(column).eq(DSL.lower(DSL.val(value)));
    }

    private static final String UNIQUE_VIOLATION = "23505";
    private static final Pattern CONSTRAINT = Pattern.compile("unique constraint \"([^\"]+)\"");
    private static final Pattern KEY = Pattern.compile("Key \\((.+?)\\)=\\(");

    @Override
    public Optional<UniqueViolation> uniqueViolation(RuntimeException failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                String message = String.valueOf(sql.getMessage());
                Matcher index = CONSTRAINT.matcher(message);
                String name = index.find() ? index.group(1) : "";
                List<String> columns = new ArrayList<>();
                Matcher key = KEY.matcher(message);
                if (key.find()) {
                    for (String part : key.group(1).split(",")) {
                        String column = part.strip().replace("\"", "");
                        if (column.matches("\\w+")) {
                            columns.add(column);
                        } else {
                            columns.clear();
                            break;
                        }
                    }
                }
                return Optional.of(new UniqueViolation(columns, columns.isEmpty() ? name : ""));
            }
        }
        return Optional.empty();
    }
}
