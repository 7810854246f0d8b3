package dev.basalt.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jooq.Comparator;
import org.jooq.Condition;
import org.jooq.DataType;
import org.jooq.Field;
import org.jooq.SQLDialect;
import org.jooq.Select;
import org.jooq.SelectForUpdateStep;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultDataType;

/** SQLite: JSON is TEXT handled by the JSON1 functions; LIKE is ASCII case-insensitive. */
public final class SqliteDialect implements Dialect {

    @Override
    public SQLDialect sqlDialect() {
        return SQLDialect.SQLITE;
    }

    @Override
    public boolean storesValuesAsBound() {
        return true;
    }

    @Override
    public Field<?> random() {
        return DSL.function("random", Long.class);
    }

    // PocketBase compat: the same declared types as PocketBase, so SQLite's type affinity (which
    // the filter semantics depend on: NUMERIC keeps integers integral, JSON text is compared as
    // stored) matches.
    private static final DataType<String> TEXT = new DefaultDataType<>(SQLDialect.SQLITE, String.class, "text");
    private static final DataType<Double> NUMERIC = new DefaultDataType<>(SQLDialect.SQLITE, Double.class, "numeric");
    private static final DataType<Boolean> BOOLEAN = new DefaultDataType<>(SQLDialect.SQLITE, Boolean.class, "boolean");
    private static final DataType<String> JSON = new DefaultDataType<>(SQLDialect.SQLITE, String.class, "json");

    @Override
    public DataType<?> columnType(ColumnKind kind) {
        return switch (kind) {
            case TEXT -> TEXT;
            case NUMBER -> NUMERIC;
            case BOOL -> BOOLEAN;
            case JSON -> JSON;
        };
    }

    // Untyped: a value keeps its storage class, as the column's affinity would keep it.
    @Override
    public Field<?> typedValue(Object value, ColumnKind kind) {
        return DSL.val(value);
    }

    @Override
    public Optional<RowidColumn> rowidColumn() {
        return Optional.empty();
    }

    // SQLite does the affinity conversions itself.
    @Override
    public Condition compare(Comparator op, Field<?> left, Field<?> right) {
        String sql = switch (op) {
            case IS_NOT_DISTINCT_FROM -> "IS";
            case IS_DISTINCT_FROM -> "IS NOT";
            default -> SqliteComparisons.sqlOperator(op);
        };
        return DSL.condition("{0} " + sql + " {1}", left, right);
    }

    @Override
    public Field<?> emptyIfNull(Field<?> value) {
        return DSL.field("COALESCE({0}, '')", Object.class, value);
    }

    @Override
    public Field<String> text(Field<?> value) {
        return DSL.field("{0}", String.class, value);
    }

    @Override
    public Field<? extends Number> number(Field<?> value) {
        return DSL.field("{0}", Double.class, value);
    }

    @Override
    public Field<String> lower(Field<?> value) {
        return DSL.field("LOWER({0})", String.class, value);
    }

    // One writer at a time: SQLite's transactions are serial, so reads inside one are stable.
    @Override
    public <R extends org.jooq.Record> Select<R> lockForUpdate(SelectForUpdateStep<R> select) {
        return select;
    }

    @Override
    public Field<?> indexColumn(Field<?> column, String collate) {
        return collate.isEmpty() ? column : column.collate(collate);
    }

    @Override
    public Condition jsonArrayContainsAny(Field<?> column, java.util.Collection<String> values) {
        Table<?> elements = DSL.table("json_each({0})", column).as("je");
        return DSL.exists(DSL.selectOne().from(elements).where(DSL.field(DSL.name("je", "value"), String.class).in(values)));
    }

    private static final String UNIQUE_FAILED = "UNIQUE constraint failed: ";

    // SQLite reports "UNIQUE constraint failed: posts.slug, posts.lang" for column indexes and
    // "UNIQUE constraint failed: index 'idx_x'" for expression indexes.
    @Override
    public Optional<UniqueViolation> uniqueViolation(RuntimeException failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            String message = t.getMessage();
            int at = message == null ? -1 : message.indexOf(UNIQUE_FAILED);
            if (at < 0) {
                continue;
            }
            String detail = message.substring(at + UNIQUE_FAILED.length()).strip();
            int end = detail.indexOf(')');
            detail = end >= 0 ? detail.substring(0, end) : detail;
            if (detail.startsWith("index ")) {
                return Optional.of(new UniqueViolation(List.of(), detail.substring(6).replace("'", "").strip()));
            }
            List<String> columns = new ArrayList<>();
            for (String part : detail.split(",")) {
                String column = part.strip();
                columns.add(column.substring(column.lastIndexOf('.') + 1));
            }
            return Optional.of(new UniqueViolation(columns, ""));
        }
        return Optional.empty();
    }

    // PocketBase compat: the same conversions PocketBase runs when maxSelect crosses 1.
    @Override
    public Field<String> toJsonArray(Field<String> single) {
        return DSL.field("(CASE WHEN COALESCE({0}, '') = '' THEN '[]' "
                + "WHEN json_valid({0}) AND json_type({0}) = 'array' THEN {0} ELSE json_array({0}) END)", String.class, single);
    }

    @Override
    public Field<String> lastOfJsonArray(Field<String> multiple) {
        return DSL.field("(CASE WHEN COALESCE({0}, '[]') = '[]' THEN '' "
                + "WHEN json_valid({0}) AND json_type({0}) = 'array' THEN COALESCE(json_extract({0}, '$[#-1]'), '') "
                + "ELSE {0} END)", String.class, multiple);
    }

    @Override
    public Field<?> rowid(String table) {
        return DSL.field(DSL.name(table, "_rowid_"));
    }

    // PocketBase compat: the same expressions as PocketBase's dbutils, so that top-level JSON
    // primitives, NULL columns and plain text in json/multi-value columns behave identically.
    @Override
    public Field<Object> jsonExtract(Field<?> json, String path) {
        String p = "$" + (path.isEmpty() || path.startsWith("[") ? path : "." + path);
        return DSL.field("(CASE WHEN json_valid({0}) THEN json_extract({0}, {1})"
                + " ELSE json_extract(json_object('pb', {0}), '$.pb') END)", Object.class, json, DSL.inline(p));
    }

    @Override
    public Table<?> jsonEach(Field<?> json, String alias) {
        return DSL.table("json_each(CASE WHEN json_valid({0}) THEN {0} ELSE json_array({0}) END) {1}",
                json, DSL.name(alias));
    }

    @Override
    public Field<Integer> jsonArrayLength(Field<?> json) {
        return DSL.field("json_array_length(CASE WHEN json_valid({0}) THEN {0}"
                + " ELSE (CASE WHEN {0} = '' OR {0} IS NULL THEN json_array() ELSE json_array({0}) END) END)",
                Integer.class, json);
    }

    @Override
    public Condition like(Field<?> value, Field<?> pattern, boolean negated) {
        return DSL.condition("{0} " + (negated ? "NOT LIKE" : "LIKE") + " {1} ESCAPE '\\'", value, pattern);
    }

    @Override
    public Field<?> strftime(List<Field<?>> args) {
        return DSL.function("strftime", String.class, args.toArray(Field[]::new));
    }

    // The explicit collation lets SQLite use a NOCASE unique index for the lookup.
    @Override
    public Condition equalsIgnoreCase(Field<String> column, String value) {
        return column.collate("NOCASE").eq(value);
    }
}
