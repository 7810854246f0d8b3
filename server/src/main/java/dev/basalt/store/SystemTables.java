package dev.basalt.store;

import static org.jooq.impl.DSL.name;

import org.jooq.impl.SQLDataType;

/** Migration 0001: the tables that hold the collection model and the settings. */
public final class SystemTables implements Migration {

    @Override
    public String id() {
        return "0001_system_tables";
    }

    @Override
    public void apply(Tx tx) {
        var dsl = tx.dsl();
        dsl.createTable(name("_params"))
                .column(name("id"), SQLDataType.VARCHAR(255).nullable(false))
                .column(name("value"), SQLDataType.CLOB.nullable(true))
                .column(name("created"), SQLDataType.VARCHAR(32).nullable(false).defaultValue(""))
                .column(name("updated"), SQLDataType.VARCHAR(32).nullable(false).defaultValue(""))
                .primaryKey(name("id"))
                .execute();
        dsl.createTable(name("_collections"))
                .column(name("id"), SQLDataType.VARCHAR(255).nullable(false))
                .column(name("system"), SQLDataType.BOOLEAN.nullable(false).defaultValue(false))
                .column(name("type"), SQLDataType.VARCHAR(16).nullable(false).defaultValue("base"))
                .column(name("name"), SQLDataType.VARCHAR(255).nullable(false))
                .column(name("model"), SQLDataType.CLOB.nullable(false))
                .column(name("created"), SQLDataType.VARCHAR(32).nullable(false).defaultValue(""))
                .column(name("updated"), SQLDataType.VARCHAR(32).nullable(false).defaultValue(""))
                .primaryKey(name("id"))
                .execute();
        dsl.createUniqueIndex(name("idx__collections_name")).on(name("_collections"), name("name")).execute();
    }
}
