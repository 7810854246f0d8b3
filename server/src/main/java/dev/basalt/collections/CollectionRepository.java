package dev.basalt.collections;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.SortField;
import org.jooq.Table;

/** The {@code _collections} table: one row per collection holding its model as JSON. */
final class CollectionRepository {

    private static final Table<?> TABLE = table(name("_collections"));
    private static final org.jooq.Field<String> ID = field(name("id"), String.class);
    private static final org.jooq.Field<String> NAME = field(name("name"), String.class);
    private static final org.jooq.Field<String> TYPE = field(name("type"), String.class);
    private static final org.jooq.Field<Boolean> SYSTEM = field(name("system"), Boolean.class);
    private static final org.jooq.Field<String> MODEL = field(name("model"), String.class);
    private static final org.jooq.Field<String> CREATED = field(name("created"), String.class);
    private static final org.jooq.Field<String> UPDATED = field(name("updated"), String.class);

    List<Collection> findAll(DSLContext dsl) {
        return dsl.select(MODEL).from(TABLE).orderBy(CREATED, NAME).fetch(r -> CollectionJson.parse(r.value1()));
    }

    /** One page of collections matching a condition on the {@code _collections} columns. */
    List<Collection> find(DSLContext dsl, Condition where, List<SortField<?>> orderBy, int limit, int offset) {
        return dsl.select(MODEL).from(TABLE).where(where).orderBy(orderBy).limit(limit).offset(offset)
                .fetch(r -> CollectionJson.parse(r.value1()));
    }

    int count(DSLContext dsl, Condition where) {
        return dsl.fetchCount(TABLE, where);
    }

    /** The sortable and filterable columns of {@code _collections} by wire name. */
    static Optional<org.jooq.Field<?>> column(String wireName) {
        return switch (wireName) {
            case "id" -> Optional.of(ID);
            case "name" -> Optional.of(NAME);
            case "type" -> Optional.of(TYPE);
            case "system" -> Optional.of(SYSTEM);
            case "created" -> Optional.of(CREATED);
            case "updated" -> Optional.of(UPDATED);
            default -> Optional.empty();
        };
    }

    /** The names of every table in the database, collections' or internal. */
    Set<String> tableNames(DSLContext dsl) {
        return dsl.meta().getTables().stream().map(Table::getName).collect(Collectors.toSet());
    }

    void insert(DSLContext dsl, Collection c) {
        dsl.insertInto(TABLE, ID, NAME, TYPE, SYSTEM, MODEL, CREATED, UPDATED)
                .values(c.id(), c.name(), c.type().wire(), c.system(), CollectionJson.serialize(c), c.created(), c.updated())
                .execute();
    }

    void update(DSLContext dsl, Collection c) {
        dsl.update(TABLE)
                .set(NAME, c.name())
                .set(SYSTEM, c.system())
                .set(TYPE, c.type().wire())
                .set(MODEL, CollectionJson.serialize(c))
                .set(UPDATED, c.updated())
                .where(ID.eq(c.id()))
                .execute();
    }

    void delete(DSLContext dsl, String id) {
        dsl.deleteFrom(TABLE).where(ID.eq(id)).execute();
    }
}
