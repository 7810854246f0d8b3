package dev.basalt.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.sqlite.SQLiteConnection;

/**
 * Prepared statements kept per SQLite connection for {@link RenderedSql}: the driver compiles a
 * statement and reads its column names on every {@code prepareStatement}, which took a sixth of a
 * getOne's CPU. PostgreSQL's driver keeps its own server-side statements; there this prepares as
 * usual.
 *
 * <p>A statement is taken out while in use and put back after, so a statement is never run by
 * two callers at once (a nested run of the same SQL prepares a second one, closed when the first
 * is back). A connection keeps its {@value #PER_CONNECTION} most recently used statements; they
 * close with it. The statements hold their connection, so a weak map would never let go of one:
 * closed connections are dropped instead whenever a new one first gives a statement back.
 */
final class StatementCache {

    static final int PER_CONNECTION = 64;

    private static final Map<SQLiteConnection, Map<String, PreparedStatement>> IDLE = new HashMap<>();

    private StatementCache() {}

    /** A statement of {@code sql} ready to bind, prepared anew or taken from the connection's idle ones. */
    static PreparedStatement take(Connection c, String sql) throws SQLException {
        SQLiteConnection sqlite = sqlite(c);
        if (sqlite != null) {
            synchronized (IDLE) {
                Map<String, PreparedStatement> idle = IDLE.get(sqlite);
                PreparedStatement ps = idle == null ? null : idle.remove(sql);
                if (ps != null && !ps.isClosed()) {
                    return ps;
                }
            }
            return sqlite.prepareStatement(sql);
        }
        return c.prepareStatement(sql);
    }

    /** Ends a use of a statement from {@link #take}: back to the idle ones, or closed. */
    static void giveBack(Connection c, String sql, PreparedStatement ps) throws SQLException {
        SQLiteConnection sqlite = sqlite(c);
        if (sqlite == null || sqlite.isClosed()) {
            ps.close();
            return;
        }
        ps.clearParameters();
        PreparedStatement extra;
        synchronized (IDLE) {
            Map<String, PreparedStatement> idle = IDLE.get(sqlite);
            if (idle == null) {
                IDLE.keySet().removeIf(StatementCache::closed);
                idle = lru();
                IDLE.put(sqlite, idle);
            }
            extra = idle.putIfAbsent(sql, ps);
        }
        if (extra != null) {
            ps.close();
        }
    }

    private static Map<String, PreparedStatement> lru() {
        return new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, PreparedStatement> eldest) {
                if (size() <= PER_CONNECTION) {
                    return false;
                }
                try {
                    eldest.getValue().close();
                } catch (SQLException e) {
                    // A statement that cannot close is dropped all the same.
                }
                return true;
            }
        };
    }

    private static boolean closed(SQLiteConnection c) {
        try {
            return c.isClosed();
        } catch (SQLException e) {
            return true;
        }
    }

    private static SQLiteConnection sqlite(Connection c) throws SQLException {
        return c.isWrapperFor(SQLiteConnection.class) ? c.unwrap(SQLiteConnection.class) : null;
    }
}
