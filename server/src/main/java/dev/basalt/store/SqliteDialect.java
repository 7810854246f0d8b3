package dev.basalt.store;

import org.jooq.Condition;
import org.jooq.DataType;
import org.jooq.Table;
import org.jooq.Field;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultDataType;

/** SQLite: JSON is TEXT handled by the JSON1 functions; LIKE is ASCII case-insensitive. */
public final class SqliteDialect implements Dialect {

    @Override
    public SQLDialect sqlDialect() {
        return SQLDialect.SQLITE;
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

    @Override
    public Condition jsonArrayContainsAny(Field<?> column, java.util.Collection<String> values) {
        Table<?> elements = DSL.table("json_each({0})", column).as("je");
        return DSL.exists(DSL.selectOne().from(elements).where(DSL.field(DSL.name("je", "value"), String.class).in(values)));
    }
}
