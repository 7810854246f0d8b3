package dev.basalt.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jooq.DSLContext;
import org.jooq.conf.Settings;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The database Basalt stores everything in. On SQLite: WAL mode, one writer connection guarded by
 * an in-process lock (SQLite allows one writer; queuing in the JVM is cheaper than busy retries),
 * and a pool of reader connections that see the last committed state. On PostgreSQL: one pool for
 * reads and writes, transactions at READ COMMITTED; writers that read-modify-write lock their rows
 * ({@link Dialect#lockForUpdate}), since other nodes write concurrently.
 *
 * <p>A transaction is bound to its thread: {@link #read} and nested {@link #transaction} calls made
 * while one is open use it, so a service may call another inside its transaction.
 */
public final class Database implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Database.class);

    private final HikariDataSource writer;
    private final HikariDataSource readers;
    private final Dialect dialect;
    private final Settings settings;
    // SQLite: held for the whole of a write transaction. ReentrantLock, not synchronized: virtual
    // threads waiting here must not pin their carrier. PostgreSQL: none (the server locks rows).
    private final ReentrantLock writeLock;
    private final ThreadLocal<Tx> current = new ThreadLocal<>();
    private final PGSimpleDataSource direct;
    // SQLite: write transactions ended so far. Every write of the database goes through this
    // process's writer, so an unchanged count means unchanged data (see readGeneration).
    private final java.util.concurrent.atomic.AtomicLong writesEnded = new java.util.concurrent.atomic.AtomicLong();

    private Database(HikariDataSource writer, HikariDataSource readers, Dialect dialect, ReentrantLock writeLock,
            PGSimpleDataSource direct) {
        this.writer = writer;
        this.readers = readers;
        this.dialect = dialect;
        this.writeLock = writeLock;
        this.direct = direct;
        this.settings = new Settings()
                .withExecuteLogging(false)
                .withRenderFormatted(false)
                .withDiagnosticsLogging(false);
    }

    /** SQLite or PostgreSQL, as the configuration says. */
    public static Database open(DatabaseConfig config) {
        return config.isPostgres() ? openPostgres(config) : openSqlite(config);
    }

    public static Database openSqlite(DatabaseConfig config) {
        try {
            Files.createDirectories(config.dataDir());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create data dir " + config.dataDir(), e);
        }
        String url = "jdbc:sqlite:" + config.sqliteFile().toAbsolutePath();
        // Opening the pools (SQLite's native library, the first connections) and initialising
        // jOOQ's data types (the dialect) share nothing and each take a few hundred milliseconds
        // on a cold JVM, so they run at once. jOOQ stays on this thread: initialising its classes
        // from two threads at once can deadlock.
        FutureTask<SqlitePools> opening = new FutureTask<>(() -> SqlitePools.open(url, config));
        Thread.ofPlatform().name("basalt-db-open").daemon().start(opening);
        Dialect dialect;
        try {
            dialect = new SqliteDialect();
        } catch (RuntimeException | Error e) {
            try {
                await(opening).close();
            } catch (RuntimeException | Error suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        SqlitePools pools = await(opening);
        log.info("database opened file={}", config.sqliteFile());
        // Not fair: a fair lock hands itself to the longest waiter, and stays idle until that
        // (virtual) thread is scheduled again; a thread already running may take it at once.
        return new Database(pools.writer(), pools.readers(), dialect, new ReentrantLock(), null);
    }

    /** SQLite's two pools: one writer connection, and the readers. */
    private record SqlitePools(HikariDataSource writer, HikariDataSource readers) {

        // The writer first: it creates the file and turns on WAL, which read-only connections cannot.
        static SqlitePools open(String url, DatabaseConfig config) {
            HikariDataSource writer = pool("basalt-writer", sqlite(url, config, false), 1, false);
            try {
                return new SqlitePools(writer,
                        pool("basalt-readers", sqlite(url, config, true), config.poolSize(), true));
            } catch (RuntimeException | Error e) {
                writer.close();
                throw e;
            }
        }

        void close() {
            readers.close();
            writer.close();
        }
    }

    /**
     * The opened pools, or the task's own exception as if it had run on this thread. Waits to the
     * end even when interrupted (opening SQLite takes moments), so no pool is left open unseen.
     */
    private static SqlitePools await(FutureTask<SqlitePools> opening) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return opening.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof Error error) {
                        throw error;
                    }
                    throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    public static Database openPostgres(DatabaseConfig config) {
        DatabaseConfig.PostgresUrl url = DatabaseConfig.PostgresUrl.parse(config.url());
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(url.jdbcUrl());
        if (!url.user().isEmpty()) {
            ds.setUser(url.user());
        }
        if (!url.password().isEmpty()) {
            ds.setPassword(url.password());
        }
        ds.setApplicationName("basalt");
        // Bound texts take the type of what they meet (jsonb, numeric) as literals would: the
        // records layer binds JSON documents as texts on both engines.
        ds.setStringType("unspecified");
        ds.setTcpKeepAlive(true);
        ds.setConnectTimeout((int) Math.max(1, config.connectTimeout().toSeconds()));
        HikariConfig hc = new HikariConfig();
        hc.setPoolName("basalt-postgres");
        hc.setDataSource(ds);
        hc.setMaximumPoolSize(config.poolSize());
        hc.setMinimumIdle(Math.min(2, config.poolSize()));
        hc.setConnectionTimeout(config.connectTimeout().toMillis());
        // Fail fast on a wrong URL or password instead of retrying in the background.
        hc.setInitializationFailTimeout(config.connectTimeout().toMillis());
        hc.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
        HikariDataSource pool = new HikariDataSource(hc);
        log.info("database opened url={}", url.redacted());
        return new Database(pool, pool, new PostgresDialect(), null, ds);
    }

    private static SQLiteDataSource sqlite(String url, DatabaseConfig config, boolean readOnly) {
        SQLiteConfig sc = new SQLiteConfig();
        sc.setJournalMode(SQLiteConfig.JournalMode.WAL);
        sc.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        sc.setBusyTimeout(config.busyTimeoutMillis());
        sc.setTempStore(SQLiteConfig.TempStore.MEMORY);
        sc.setCacheSize(-16_000);
        sc.enforceForeignKeys(false);
        sc.setReadOnly(readOnly);
        if (!readOnly) {
            // The writer takes the write lock as a transaction begins, under the busy timeout. A
            // deferred transaction that reads first has to upgrade its read snapshot to a write,
            // and SQLite refuses an upgrade it cannot make at once with SQLITE_BUSY, without the
            // busy timeout: one create in ~185,000 of a 500-way benchmark run failed that way.
            sc.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        }
        SQLiteDataSource ds = new SQLiteDataSource(sc);
        ds.setUrl(url);
        return ds;
    }

    private static HikariDataSource pool(String name, SQLiteDataSource ds, int size, boolean readOnly) {
        HikariConfig hc = new HikariConfig();
        hc.setPoolName(name);
        hc.setDataSource(ds);
        hc.setMaximumPoolSize(size);
        hc.setReadOnly(readOnly);
        hc.setMinimumIdle(Math.min(size, 1));
        hc.setConnectionTimeout(30_000);
        // SQLite connections do not go stale; keep them for the life of the process.
        hc.setMaxLifetime(0);
        hc.setIdleTimeout(0);
        return new HikariDataSource(hc);
    }

    public Dialect dialect() {
        return dialect;
    }

    /** A DSL context bound to nothing, for building queries and rendering DDL. */
    public DSLContext renderer() {
        return DSL.using(dialect.sqlDialect(), settings);
    }

    /** Runs read-only work on a reader connection, or inside the thread's open transaction. */
    public <T> T read(Function<DSLContext, T> work) {
        Tx tx = current.get();
        if (tx != null) {
            return work.apply(tx.dsl());
        }
        try (Connection c = readers.getConnection()) {
            return work.apply(DSL.using(c, dialect.sqlDialect(), settings));
        } catch (SQLException e) {
            throw new DataAccessException("cannot read: " + e.getMessage(), e);
        }
    }

    /**
     * A connection of its own, outside the pool, for work that holds a session open for long
     * (LISTEN, advisory locks). PostgreSQL only; the caller closes it.
     */
    public Connection connectDirect() throws SQLException {
        if (direct == null) {
            throw new IllegalStateException("direct connections are for PostgreSQL");
        }
        return direct.getConnection();
    }

    /**
     * Runs work while holding the database-wide lock {@code key}, so that of several nodes starting
     * at once only one does it at a time (PostgreSQL advisory lock; SQLite has one process).
     */
    public void exclusively(long key, Runnable work) {
        if (direct == null) {
            work.run();
            return;
        }
        try (Connection c = connectDirect()) {
            try (var lock = c.prepareStatement("SELECT pg_advisory_lock(?)")) {
                lock.setLong(1, key);
                lock.execute();
            }
            try {
                work.run();
            } finally {
                try (var unlock = c.prepareStatement("SELECT pg_advisory_unlock(?)")) {
                    unlock.setLong(1, key);
                    unlock.execute();
                }
            }
        } catch (SQLException e) {
            throw new DataAccessException("cannot take the database lock " + key + ": " + e.getMessage(), e);
        }
    }

    /**
     * Routine maintenance, run daily by PocketBase's {@code __pbDBOptimize__} job. SQLite:
     * {@code PRAGMA optimize}, then a WAL checkpoint that truncates the {@code -wal} file (in this
     * order, so the statistics optimize may write are checkpointed too), on the writer connection.
     * PostgreSQL: nothing, autovacuum analyzes and the server checkpoints on their own.
     */
    public void optimize() {
        if (writeLock == null) {
            return;
        }
        writeLock.lock();
        try (Connection c = writer.getConnection(); var s = c.createStatement()) {
            s.execute("PRAGMA optimize");
            s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
        } catch (SQLException e) {
            throw new DataAccessException("cannot optimize the database: " + e.getMessage(), e);
        } finally {
            writeLock.unlock();
        }
    }

    /** Whether the database answers a trivial query within {@code timeoutSeconds}. */
    public boolean isReachable(int timeoutSeconds) {
        try (Connection c = readers.getConnection()) {
            return c.isValid(timeoutSeconds);
        } catch (SQLException | RuntimeException e) {
            log.warn("database unreachable: {}", e.getMessage());
            return false;
        }
    }

    /** Runs work in one write transaction; commits when it returns, rolls back when it throws. */
    public <T> T transaction(Function<Tx, T> work) {
        Tx open = current.get();
        if (open != null) {
            return work.apply(open);
        }
        if (writeLock != null) {
            writeLock.lock();
        }
        try (Connection c = writer.getConnection()) {
            c.setAutoCommit(false);
            Tx tx = new Tx(DSL.using(c, dialect.sqlDialect(), settings));
            current.set(tx);
            T result = null;
            Throwable failure = null;
            try {
                result = work.apply(tx);
                c.commit();
            } catch (RuntimeException | Error e) {
                rollback(c, e);
                failure = e;
            } finally {
                current.remove();
                // After the commit is visible to readers: a value read under the old generation
                // is never served again once this returns (see readGeneration).
                writesEnded.incrementAndGet();
                c.setAutoCommit(true);
            }
            if (failure != null) {
                runAfterRollback(tx);
                throw unchecked(failure);
            }
            runAfterCommit(tx);
            return result;
        } catch (SQLException e) {
            throw new DataAccessException("transaction failed: " + e.getMessage(), e);
        } finally {
            if (writeLock != null) {
                writeLock.unlock();
            }
        }
    }

    public void transaction(Consumer<Tx> work) {
        transaction(tx -> {
            work.accept(tx);
            return null;
        });
    }

    /**
     * A number that changes whenever a write transaction of this database ends, for caches of what
     * was read: a value read by {@link #read} after taking the generation is still what the
     * database holds while the generation is the same. {@code -1} when no such promise can be
     * made: on PostgreSQL (other nodes write), and inside a transaction (its reads see its own
     * uncommitted writes).
     */
    public long readGeneration() {
        if (writeLock == null || current.get() != null) {
            return -1;
        }
        return writesEnded.get();
    }

    /** Whether the calling thread is inside a transaction. */
    public boolean inTransaction() {
        return current.get() != null;
    }

    private static void rollback(Connection c, Throwable cause) {
        try {
            c.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    private static void runAfterCommit(Tx tx) {
        for (Runnable work : tx.afterCommitWork()) {
            try {
                work.run();
            } catch (RuntimeException e) {
                // The write is committed; a failing listener must not turn it into an error.
                log.error("after-commit work failed", e);
            }
        }
    }

    // Only RuntimeExceptions and Errors are caught above.
    private static RuntimeException unchecked(Throwable failure) {
        if (failure instanceof Error error) {
            throw error;
        }
        return (RuntimeException) failure;
    }

    private static void runAfterRollback(Tx tx) {
        for (Runnable work : tx.afterRollbackWork()) {
            try {
                work.run();
            } catch (RuntimeException e) {
                // The original failure is what the caller must see; a failed clean-up is logged.
                log.error("after-rollback work failed", e);
            }
        }
    }

    @Override
    public void close() {
        readers.close();
        if (writer != readers) {
            writer.close();
        }
        log.info("database closed");
    }
}
