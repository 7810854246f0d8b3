package dev.basalt.collections;

import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import dev.basalt.collections.fields.BoolField;
import dev.basalt.collections.fields.Field;
import dev.basalt.collections.fields.GeoPointField;
import dev.basalt.collections.fields.JsonField;
import dev.basalt.collections.fields.NumberField;
import dev.basalt.store.Dialect;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.DataType;
import org.jooq.OrderField;
import org.jooq.Table;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;

/**
 * Keeps a collection's table in step with its model: the table is named after the collection,
 * has one column per field and carries the collection's indexes. Identifiers come only from the
 * validated model; every change runs inside the caller's transaction.
 */
final class SchemaSync {

    private final Dialect dialect;

    SchemaSync(Dialect dialect) {
        this.dialect = dialect;
    }

    /** Creates the table and its indexes; index failures come back as {@code indexes.N} errors. */
    ValidationErrors createTable(DSLContext dsl, Collection c) {
        var create = dsl.createTable(name(c.name()));
        for (Field f : c.fields()) {
            create = create.column(name(f.name()), columnType(f));
        }
        if (dialect.rowidColumn().isPresent()) {
            Dialect.RowidColumn rowid = dialect.rowidColumn().get();
            create = create.column(name(rowid.name()), rowid.type());
        }
        create.primaryKey(name("id")).execute();
        return createIndexes(dsl, c);
    }

    void dropTable(DSLContext dsl, Collection c) {
        dsl.dropTableIfExists(name(c.name())).execute();
    }


    /**
     * Brings the table of {@code old} to the shape of {@code now}: renames the table, drops the
     * columns of removed fields, adds new ones, renames renamed ones (fields are matched by id),
     * converts values of fields crossing single/multiple, and recreates the indexes.
     */
    ValidationErrors update(DSLContext dsl, Collection old, Collection now) {
        boolean rename = !old.name().equals(now.name());
        boolean indexesChange = rename || !old.fields().equals(now.fields()) || !old.indexes().equals(now.indexes());
        if (indexesChange) {
            dropIndexes(dsl, old);
        }
        if (rename) {
            // Through a temporary name, so that a change of case alone also renames the table.
            String temp = "_" + now.name() + Ids.random(5);
            dsl.alterTable(name(old.name())).renameTo(name(temp)).execute();
            dsl.alterTable(name(temp)).renameTo(name(now.name())).execute();
        }
        Table<?> t = table(name(now.name()));
        for (Field f : old.fields()) {
            if (byId(now, f.id()).isEmpty()) {
                dsl.alterTable(t).dropColumn(name(f.name())).execute();
            }
        }
        // Added and renamed columns go through a temporary name first, so that swapping two
        // names (title, name -> name, title) never collides.
        Map<String, String> finalNames = new LinkedHashMap<>();
        for (Field f : now.fields()) {
            Optional<Field> before = byId(old, f.id());
            if (before.isEmpty()) {
                String temp = f.name() + Ids.random(5);
                dsl.alterTable(t).addColumn(name(temp), columnType(f)).execute();
                finalNames.put(temp, f.name());
            } else if (!before.get().name().equals(f.name())) {
                String temp = f.name() + Ids.random(5);
                dsl.alterTable(t).renameColumn(name(before.get().name())).to(name(temp)).execute();
                finalNames.put(temp, f.name());
            }
        }
        finalNames.forEach((temp, last) -> dsl.alterTable(t).renameColumn(name(temp)).to(name(last)).execute());
        for (Field f : now.fields()) {
            boolean wasMultiple = byId(old, f.id()).map(Field::isMultiple).orElse(false);
            if (wasMultiple != f.isMultiple()) {
                convert(dsl, t, f);
            }
        }
        return indexesChange ? createIndexes(dsl, now) : new ValidationErrors();
    }

    // PocketBase compat: single -> multiple wraps the value in an array, multiple -> single keeps
    // the last element (files beyond it stay in storage, as in PocketBase).
    private void convert(DSLContext dsl, Table<?> t, Field f) {
        String temp = "_" + f.name() + Ids.random(5);
        dsl.alterTable(t).renameColumn(name(f.name())).to(name(temp)).execute();
        dsl.alterTable(t).addColumn(name(f.name()), columnType(f)).execute();
        org.jooq.Field<String> source = DSL.field(name(temp), String.class);
        org.jooq.Field<String> converted = f.isMultiple() ? dialect.toJsonArray(source) : dialect.lastOfJsonArray(source);
        dsl.update(t).set(DSL.field(name(f.name()), String.class), converted).execute();
        dsl.alterTable(t).dropColumn(name(temp)).execute();
    }

    private void dropIndexes(DSLContext dsl, Collection c) {
        for (String raw : c.indexes()) {
            Index.parse(raw).ifPresent(idx -> dsl.dropIndexIfExists(name(idx.name())).execute());
        }
    }

    /** Creates the collection's indexes on its table; each failure is reported under its position. */
    ValidationErrors createIndexes(DSLContext dsl, Collection c) {
        ValidationErrors errors = new ValidationErrors();
        for (int i = 0; i < c.indexes().size(); i++) {
            Optional<Index> parsed = Index.parse(c.indexes().get(i));
            if (parsed.isEmpty()) {
                errors.add(Integer.toString(i), ValidationErrors.error("validation_invalid_index_expression",
                        "Invalid CREATE INDEX expression."));
                continue;
            }
            Index idx = parsed.get().onTable(c.name());
            try {
                createIndex(dsl, idx);
            } catch (DataAccessException e) {
                errors.add(Integer.toString(i), ValidationErrors.error("validation_invalid_index_expression",
                        "Failed to create index " + idx.name() + " - " + rootMessage(e) + "."));
            }
        }
        return new ValidationErrors().add("indexes", errors);
    }

    // The column expressions and WHERE of an index are SQL the superuser wrote, exactly as
    // PocketBase executes them; names of plain columns are quoted by jOOQ.
    private void createIndex(DSLContext dsl, Index idx) {
        List<OrderField<?>> columns = new ArrayList<>();
        for (Index.Column col : idx.columns()) {
            org.jooq.Field<?> f = col.isExpression() ? DSL.field(Index.standardQuotes(col.name())) : DSL.field(name(col.name()));
            f = dialect.indexColumn(f, col.collate());
            columns.add(switch (col.sort()) {
                case "DESC" -> f.desc();
                case "ASC" -> f.asc();
                default -> f;
            });
        }
        var create = (idx.unique() ? dsl.createUniqueIndex(name(idx.name())) : dsl.createIndex(name(idx.name())))
                .on(table(name(idx.table())), columns);
        if (idx.where().isEmpty()) {
            create.execute();
        } else {
            create.where(DSL.condition(Index.standardQuotes(idx.where()))).execute();
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() == null ? e.getMessage() : t.getMessage();
    }

    private static Optional<Field> byId(Collection c, String id) {
        return c.fields().stream().filter(f -> f.id().equals(id)).findFirst();
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private DataType<?> columnType(Field f) {
        DataType type = dialect.columnType(f.columnKind());
        return switch (f) {
            case JsonField j -> type.nullable(true);
            case NumberField n -> type.nullable(false).defaultValue(inline(0d));
            case BoolField b -> type.nullable(false).defaultValue(inline(false));
            case GeoPointField g -> type.nullable(false).defaultValue(inline("{\"lon\":0,\"lat\":0}"));
            default -> f.isMultiple()
                    ? type.nullable(false).defaultValue(inline("[]"))
                    : type.nullable(false).defaultValue(inline(""));
        };
    }
}
