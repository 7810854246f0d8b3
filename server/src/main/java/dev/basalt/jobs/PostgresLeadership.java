package dev.basalt.jobs;

import dev.basalt.store.Database;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Leadership among the nodes sharing one PostgreSQL database: the leader is the node whose session
 * holds the advisory lock {@link #LOCK}. Each node keeps one connection of its own, outside the
 * pool, and while it does not lead tries {@code pg_try_advisory_lock} on it every few seconds. A
 * session lock lasts as long as the session: when the leader closes, dies or loses its connection,
 * PostgreSQL releases the lock and the next attempt of another node takes it.
 *
 * <p>The leader checks that its connection still answers before each run ({@link #isLeader()}) and
 * on every attempt; a connection that does not answer may have lost the lock, so the node stops
 * leading. A leader cut off from the database does not learn that before its next check, so a job
 * may, rarely, run on two nodes at once: jobs must be safe to repeat (the built-in ones delete
 * expired rows).
 */
public final class PostgresLeadership implements Leadership {

    /** The advisory lock key, "basaltjb" in ASCII; the migrations lock is another key. */
    public static final long LOCK = 0x62617361_6c746a62L;
    static final Duration RETRY = Duration.ofSeconds(3);
    private static final int ALIVE_TIMEOUT_SECONDS = 2;
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);

    private static final Logger log = LoggerFactory.getLogger(PostgresLeadership.class);

    private final Database database;
    private final long key;
    private final Duration retry;
    // Guards session, failing and attempts: the attempt loop and the scheduler's isLeader() both
    // use the connection. ReentrantLock, not synchronized: the holder may block on the network.
    private final ReentrantLock lock = new ReentrantLock();
    private Connection session;
    private boolean failing;
    private Thread attempts;
    // Written under lock; read without it by isLeader() so a follower answers at once.
    private volatile boolean leading;
    private volatile boolean closed;

    public PostgresLeadership(Database database) {
        this(database, LOCK, RETRY);
    }

    /** With another lock key (several clusters in one database) or retry interval (tests). */
    PostgresLeadership(Database database, long key, Duration retry) {
        this.database = database;
        this.key = key;
        this.retry = retry;
    }

    @Override
    public void start() {
        lock.lock();
        try {
            if (attempts == null && !closed) {
                attempts = Thread.ofVirtual().name("basalt-leadership").start(this::loop);
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean isLeader() {
        if (!leading) {
            return false;
        }
        lock.lock();
        try {
            if (leading && !isAlive()) {
                drop("the connection to the database was lost");
            }
            return leading;
        } finally {
            lock.unlock();
        }
    }

    private void loop() {
        while (!closed) {
            attempt();
            try {
                Thread.sleep(retry);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** One round: a leader checks its connection; a follower (re)connects and tries the lock. */
    private void attempt() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            if (leading) {
                if (!isAlive()) {
                    drop("the connection to the database was lost");
                }
                return;
            }
            // A broken connection fails the attempt below and is replaced on the next one.
            if (session == null) {
                session = database.connectDirect();
            }
            if (tryLock()) {
                leading = true;
                log.info("cluster leadership acquired key={}", key);
            }
            failing = false;
        } catch (SQLException | RuntimeException e) {
            close(session);
            session = null;
            if (!failing) {
                failing = true;
                log.warn("cluster leadership unavailable retryMs={} error=\"{}\"", retry.toMillis(), e.getMessage());
            }
        } finally {
            lock.unlock();
        }
    }

    private boolean tryLock() throws SQLException {
        try (var statement = session.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
            statement.setLong(1, key);
            try (var result = statement.executeQuery()) {
                return result.next() && result.getBoolean(1);
            }
        }
    }

    private boolean isAlive() {
        try {
            return session != null && session.isValid(ALIVE_TIMEOUT_SECONDS);
        } catch (SQLException e) {
            return false;
        }
    }

    private void drop(String reason) {
        leading = false;
        close(session);
        session = null;
        log.warn("cluster leadership lost key={} reason=\"{}\"", key, reason);
    }

    @Override
    public void close() {
        closed = true;
        Thread running;
        lock.lock();
        try {
            running = attempts;
        } finally {
            lock.unlock();
        }
        if (running != null) {
            running.interrupt();
            try {
                running.join(STOP_TIMEOUT);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        lock.lock();
        try {
            // Ending the session releases its advisory lock; no explicit unlock is needed.
            close(session);
            session = null;
            if (leading) {
                leading = false;
                log.info("cluster leadership released key={}", key);
            }
        } finally {
            lock.unlock();
        }
    }

    private static void close(Connection connection) {
        if (connection == null) {
            return;
        }
        try {
            connection.close();
        } catch (SQLException e) {
            log.debug("closing the leadership connection failed error={}", e.getMessage());
        }
    }
}
