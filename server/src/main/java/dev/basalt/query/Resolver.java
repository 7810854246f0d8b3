package dev.basalt.query;

import java.util.List;
import org.jooq.Comparator;
import org.jooq.Condition;
import org.jooq.Field;

/**
 * What the compiler asks about the world a filter runs in: the SQL behind each identifier and the
 * few SQL constructs that differ between engines. Implemented by {@code records} for a collection
 * and a request; this package stays free of collections, JDBC and HTTP.
 *
 * <p>Macros ({@code @now}, ...) are handled by the compiler and never reach the resolver. The
 * keywords {@code null/true/false} reach it first (a field may carry those names); when it throws,
 * the compiler uses the keyword.
 */
public interface Resolver {

    /**
     * The SQL behind a field path such as {@code title}, {@code author.name}, {@code tags:each},
     * {@code meta.a.0}, {@code @request.auth.id} or {@code @collection.users:u.email}.
     *
     * @throws FilterException when the path names no field, collection or modifier that exists
     */
    Resolved resolve(String identifier);

    /**
     * {@code value LIKE pattern ESCAPE '\'} ({@code NOT LIKE} when negated), case-insensitive for
     * ASCII letters as SQLite's LIKE is.
     */
    Condition like(Field<?> value, Field<?> pattern, boolean negated);

    /** An expression that orders rows randomly ({@code sort=@random}). */
    Field<?> random();

    /** The insertion order of the main table's rows ({@code sort=@rowid}). */
    Field<?> rowid();

    /** SQLite's {@code strftime(format, time, modifiers...)}. */
    Field<?> strftime(List<Field<?>> args);

    /**
     * {@code left op right} with SQLite's comparison semantics (type affinity, numbers before
     * text); {@code IS_NOT_DISTINCT_FROM}/{@code IS_DISTINCT_FROM} are the null-safe
     * {@code IS}/{@code IS NOT}. The operands' Java types say what they hold (see the engine's dialect).
     */
    Condition compare(Comparator op, Field<?> left, Field<?> right);

    /** {@code COALESCE(value, '')}. */
    Field<?> emptyIfNull(Field<?> value);

    /** The value as text, as SQLite converts it. */
    Field<String> text(Field<?> value);

    /** The value as a number (NULL when it is none). */
    Field<? extends Number> number(Field<?> value);
}
