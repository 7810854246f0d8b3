package dev.basalt.store;

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
 * jsonb), with SQLite's comparison semantics rebuilt on top of them ({@link SqliteComparisons}).
 * Text columns are declared {@code COLLATE "C"}: byte order, as SQLite's BINARY collation.
 */
public final class PostgresDialect implements Dialect {

    private static final DataType<String> TEXT = new DefaultDataType<>(SQLDialect.POSTGRES, String.class, "text")
            .collation(DSL.collation(DSL.quotedName("C")));
    private static final DataType<Double> NUMBER = SQLDataType.DOUBLE;
    private static final DataType<Boolean> BOOL = SQLDataType.BOOLEAN;
    private static final DataType<JSONB> JSON = SQLDataType.JSONB;

    private static final String UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private static final String LOWER = "abcdefghijklmnopqrstuvwxyz";

    @Override
    public SQLDialect sqlDialect() {
        return SQLDialect.POSTGRES;
    }

    @Override
    public boolean storesValuesAsBound() {
        return false;
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

    @Override
    public Condition compare(Comparator op, Field<?> left, Field<?> right) {
        return SqliteComparisons.compare(op, left, right);
    }

    @Override
    public Field<?> emptyIfNull(Field<?> value) {
        return SqliteComparisons.emptyIfNull(value);
    }

    @Override
    public Field<String> text(Field<?> value) {
        return SqliteComparisons.text(value);
    }

    @Override
    public Field<? extends Number> number(Field<?> value) {
        return SqliteComparisons.number(value);
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
            return DSL.lower(SqliteComparisons.castText(column));
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
            return SqliteComparisons.castJson(json);
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
