package dev.basalt.app;

import dev.basalt.auth.PasswordAuth;
import dev.basalt.auth.PasswordHasher;
import dev.basalt.auth.Superusers;
import dev.basalt.auth.Tokens;
import dev.basalt.collections.CollectionRegistry;
import dev.basalt.collections.CollectionService;
import dev.basalt.collections.SystemCollections;
import dev.basalt.http.HttpServer;
import dev.basalt.records.Expander;
import dev.basalt.records.RecordSearch;
import dev.basalt.records.RecordService;
import dev.basalt.store.Database;
import dev.basalt.store.Migrations;
import dev.basalt.store.SystemTables;
import java.util.List;

/**
 * A running Basalt: the database, the services built on it and the HTTP server. Created with
 * {@link #start(Config)}, stopped with {@link #close()} (in-flight requests finish first).
 */
public final class Basalt implements AutoCloseable {

    private final Database database;
    private final CollectionService collections;
    private final Superusers superusers;
    private final RecordService records;
    private final HttpServer http;

    private Basalt(Database database, CollectionService collections, Superusers superusers, RecordService records,
            HttpServer http) {
        this.database = database;
        this.collections = collections;
        this.superusers = superusers;
        this.records = records;
        this.http = http;
    }

    /** Opens the database, brings the system schema up to date and starts serving. */
    public static Basalt start(Config config) {
        Database database = Database.openSqlite(config.database());
        try {
            CollectionRegistry registry = new CollectionRegistry(database);
            CollectionService collections = new CollectionService(database, registry);
            Migrations.run(database, List.of(new SystemTables(), new SystemCollections(collections)));
            registry.reload();
            PasswordHasher hasher = new PasswordHasher();
            Tokens tokens = new Tokens(database, registry);
            Superusers superusers = new Superusers(database, registry, hasher);
            PasswordAuth passwordAuth = new PasswordAuth(database, registry, tokens, hasher);
            RecordSearch search = new RecordSearch(registry, database.dialect());
            RecordService records = new RecordService(database, registry, search);
            Expander expander = new Expander(database, registry, search);
            HttpServer http = new HttpServer(config.http(),
                    new HttpServer.Services(tokens, passwordAuth, collections, records, expander)).start();
            return new Basalt(database, collections, superusers, records, http);
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    public int port() {
        return http.port();
    }

    public CollectionService collections() {
        return collections;
    }

    /** Record CRUD with rules; {@code records().onCommitted(event -> ...)} observes committed changes. */
    public RecordService records() {
        return records;
    }

    public Superusers superusers() {
        return superusers;
    }

    public Database database() {
        return database;
    }

    @Override
    public void close() {
        try {
            http.stop();
        } finally {
            database.close();
        }
    }
}
