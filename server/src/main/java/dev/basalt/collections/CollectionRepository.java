package dev.basalt.collections;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import java.util.List;
import org.jooq.DSLContext;
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

    void insert(DSLContext dsl, Collection c) {
        dsl.insertInto(TABLE, ID, NAME, TYPE, SYSTEM, MODEL, CREATED, UPDATED)
                .values(c.id(), c.name(), c.type().wire(), c.system(), CollectionJson.serialize(c), c.created(), c.updated())
                .execute();
    }

    void update(DSLContext dsl, Collection c) {
        dsl.update(TABLE)
                .set(NAME, c.name())
                .set(SYSTEM, c.system())
                .set(MODEL, CollectionJson.serialize(c))
                .set(UPDATED, c.updated())
                .where(ID.eq(c.id()))
                .execute();
    }

    void delete(DSLContext dsl, String id) {
        dsl.deleteFrom(TABLE).where(ID.eq(id)).execute();
    }
}
