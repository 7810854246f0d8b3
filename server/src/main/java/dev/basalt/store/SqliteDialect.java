package dev.basalt.store;

import org.jooq.DataType;
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
}
