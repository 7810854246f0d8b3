package dev.basalt.realtime;

import static org.jooq.impl.DSL.name;

import dev.basalt.store.Migration;
import dev.basalt.store.Tx;
import org.jooq.impl.SQLDataType;

/**
 * Migration 0004: {@code _events}, where {@link PostgresEventBus} keeps a message too large for a
 * {@code NOTIFY} until every node has read it. Created on SQLite too (where nothing uses it), so
 * both engines have one schema and one migration history.
 */
public final class EventsTable implements Migration {

    @Override
    public String id() {
        return "0004_events";
    }

    @Override
    public void apply(Tx tx) {
        var dsl = tx.dsl();
        dsl.createTable(name("_events"))
                .column(name("id"), SQLDataType.VARCHAR(36).nullable(false))
                .column(name("payload"), SQLDataType.CLOB.nullable(false))
                .column(name("created"), SQLDataType.BIGINT.nullable(false))
                .primaryKey(name("id"))
                .execute();
        dsl.createIndex(name("idx__events_created")).on(name("_events"), name("created")).execute();
    }
}
