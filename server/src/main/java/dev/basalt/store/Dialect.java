package dev.basalt.store;

import org.jooq.Condition;
import java.util.Optional;
import org.jooq.DataType;
import org.jooq.Field;
import org.jooq.SQLDialect;

/**
 * What differs between the SQL engines Basalt runs on. Services and the query compiler ask the
 * dialect instead of branching on the engine.
 */
public interface Dialect {

    SQLDialect sqlDialect();

    /** An expression that orders rows randomly ({@code sort=@random}). */
    Field<?> random();

    /** The column type for a storage class (nullability and defaults are added by the caller). */
    DataType<?> columnType(ColumnKind kind);

    /**
     * Whether the JSON array stored in {@code column} (a multi-value field) holds any of
     * {@code values}, compared as text.
     */
    Condition jsonArrayContainsAny(Field<?> column, java.util.Collection<String> values);
    /** The unique index a failed write broke, or empty when the failure was something else. */
    Optional<UniqueViolation> uniqueViolation(RuntimeException failure);
}
