package dev.basalt.store;

import java.util.List;
import java.util.Optional;
import org.jooq.Comparator;
import org.jooq.Condition;
import org.jooq.DataType;
import org.jooq.Field;
import org.jooq.SQLDialect;
import org.jooq.SelectForUpdateStep;
import org.jooq.Table;

/**
 * What differs between the SQL engines Basalt runs on. Services and the query compiler ask the
 * dialect instead of branching on the engine.
 *
 * <p>The filter semantics are SQLite's (PocketBase runs on SQLite): type affinity decides how a
 * text meets a number, and storage classes order numbers before text. The comparison methods take
 * operands whose Java type says what they hold: {@code String} text, a {@code Number} or
 * {@code Boolean} (a bool column, which SQLite stores as 0/1), {@link org.jooq.JSONB} a JSON value
 * of unknown type (what {@link #jsonExtract} returns); a {@link org.jooq.Param} is a bound value
 * (no affinity), any other field a column or expression of its type.
 */
public interface Dialect {

    SQLDialect sqlDialect();

    /**
     * Whether a row reads back exactly as its bound values (SQLite stores what it is given), so a
     * writer can answer what it wrote without reading it back; false when the engine rewrites some
     * values (PostgreSQL's jsonb orders object keys and drops whitespace).
     */
    boolean storesValuesAsBound();

    /** An expression that orders rows randomly ({@code sort=@random}). */
    Field<?> random();

    /** The column type for a storage class (nullability and defaults are added by the caller). */
    DataType<?> columnType(ColumnKind kind);

    /**
     * A bound value typed as a column of {@code kind} holds it, for rows built from values (the
     * would-be record of a create rule) that must compare as the stored row would.
     */
    Field<?> typedValue(Object value, ColumnKind kind);

    /**
     * A column this engine needs on every collection table besides the fields (the insertion
     * order behind {@link #rowid}), or empty when the engine has one built in.
     */
    Optional<RowidColumn> rowidColumn();

    /** An extra column of every collection table: its name and type. */
    record RowidColumn(String name, DataType<?> type) {}

    /**
     * {@code left op right} with SQLite's semantics: {@code =}, {@code <>}, {@code <}, {@code <=},
     * {@code >}, {@code >=}, and the null-safe {@code IS} ({@link Comparator#IS_NOT_DISTINCT_FROM})
     * and {@code IS NOT} ({@link Comparator#IS_DISTINCT_FROM}).
     */
    Condition compare(Comparator op, Field<?> left, Field<?> right);

    /** {@code COALESCE(value, '')}: a NULL (or JSON null) as the empty text, anything else as it is. */
    Field<?> emptyIfNull(Field<?> value);

    /** The value as SQLite would convert it to text (numbers in their shortest form, JSON minified). */
    Field<String> text(Field<?> value);

    /** The value as a number (a JSON number, a numeric text), NULL when it is none. */
    Field<? extends Number> number(Field<?> value);

    /** SQLite's {@code LOWER}: ASCII letters only. */
    Field<String> lower(Field<?> value);

    /** The select, locking the rows it reads until the transaction ends where the engine has row locks. */
    <R extends org.jooq.Record> org.jooq.Select<R> lockForUpdate(SelectForUpdateStep<R> select);

    /**
     * One column of an index as PocketBase declares it ({@code col COLLATE NOCASE}), in a form the
     * engine indexes and {@link #equalsIgnoreCase} can use.
     */
    Field<?> indexColumn(Field<?> column, String collate);

    /**
     * Whether the JSON array stored in {@code column} (a multi-value field) holds any of
     * {@code values}, compared as text.
     */
    Condition jsonArrayContainsAny(Field<?> column, java.util.Collection<String> values);
    /** The unique index a failed write broke, or empty when the failure was something else. */
    Optional<UniqueViolation> uniqueViolation(RuntimeException failure);

    /**
     * A single value converted to a JSON array (when a field becomes multiple): {@code ''} becomes
     * {@code []}, a value that already is a JSON array is kept, anything else is wrapped.
     */
    Field<String> toJsonArray(Field<String> single);

    /**
     * A JSON array converted to its last element (when a field becomes single): an empty array
     * becomes {@code ''}, a value that is not an array is kept.
     */
    Field<String> lastOfJsonArray(Field<String> multiple);

    /** The row id of a table, in insertion order ({@code sort=@rowid}). */
    Field<?> rowid(String table);

    /**
     * The value at {@code path} inside a JSON value ({@code a.b[0]}; empty for the whole value),
     * SQL NULL when absent. A value that is not valid JSON is treated as a JSON string.
     */
    Field<Object> jsonExtract(Field<?> json, String path);

    /**
     * A table of the items of a JSON array, one row per item in its {@code value} column; a value
     * that is not a JSON array is one item.
     */
    Table<?> jsonEach(Field<?> json, String alias);

    /** The number of items of a JSON array ('' and NULL: 0; a non-array value: 1). */
    Field<Integer> jsonArrayLength(Field<?> json);

    /** {@code value LIKE pattern ESCAPE '\'}, case-insensitive for ASCII letters. */
    Condition like(Field<?> value, Field<?> pattern, boolean negated);

    /** The engine's {@code strftime(format, time, modifiers...)} (SQLite semantics). */
    Field<?> strftime(List<Field<?>> args);

    /**
     * {@code column = value} ignoring case, as a unique index declared {@code COLLATE NOCASE}
     * compares (identity lookups of auth-with-password).
     */
    Condition equalsIgnoreCase(Field<String> column, String value);
}
