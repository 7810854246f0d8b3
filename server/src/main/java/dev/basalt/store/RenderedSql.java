package dev.basalt.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Query;
import org.jooq.exception.DataAccessException;

/**
 * A statement jOOQ rendered once, run many times with new values on the JDBC connection of a
 * {@link DSLContext}. For the statements every record write runs (insert, update, the row to
 * update, relation checks): building and rendering them through jOOQ cost more CPU than SQLite
 * spent running them, and on SQLite that time is spent holding the writer lock.
 *
 * <p>Values bind with {@code setObject}, as jOOQ binds the untyped values of runtime-defined
 * columns, so both engines see the same types. A failure is a jOOQ {@link DataAccessException}
 * with the driver's exception as its cause, as jOOQ would throw it ({@link Dialect#uniqueViolation}
 * reads it the same way).
 */
public final class RenderedSql {

    private final String sql;
    private final int parameters;

    private RenderedSql(String sql, int parameters) {
        this.sql = sql;
        this.parameters = parameters;
    }

    /**
     * Renders {@code query}, whose bound values are placeholders to be replaced at each run.
     *
     * @param renderer a context of the dialect that will run it ({@link Database#renderer()})
     */
    public static RenderedSql of(DSLContext renderer, Query query) {
        return new RenderedSql(renderer.render(query), renderer.extractBindValues(query).size());
    }

    public String sql() {
        return sql;
    }

    /** Runs an insert, update or delete; the number of rows it changed. */
    public int execute(DSLContext dsl, List<?> values) {
        return run(dsl, values, PreparedStatement::executeUpdate);
    }

    /** Runs a query whose first column is a number (a count); 0 when it answers no row. */
    public long fetchLong(DSLContext dsl, List<?> values) {
        return run(dsl, values, ps -> {
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0L;
            }
        });
    }

    /** Runs a query; its first row as column label to value, or empty when it answers none. */
    public Optional<Map<String, Object>> fetchRow(DSLContext dsl, List<?> values) {
        return run(dsl, values, ps -> {
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                ResultSetMetaData meta = rs.getMetaData();
                Map<String, Object> row = new HashMap<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    row.put(meta.getColumnLabel(i), rs.getObject(i));
                }
                return Optional.of(row);
            }
        });
    }

    /** Reads one row of a result into a value. */
    public interface RowReader<T> {
        T read(ResultSet row) throws SQLException;
    }

    /** Runs a query; every row it answers, read by {@code reader}. */
    public <T> List<T> fetch(DSLContext dsl, List<?> values, RowReader<T> reader) {
        return run(dsl, values, ps -> {
            List<T> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(reader.read(rs));
                }
            }
            return rows;
        });
    }

    // A statement whose run failed is closed rather than kept: its state is the driver's to know.
    private void release(java.sql.Connection c, PreparedStatement ps, boolean reusable) {
        if (ps == null) {
            return;
        }
        try {
            if (reusable) {
                StatementCache.giveBack(c, sql, ps);
            } else {
                ps.close();
            }
        } catch (SQLException e) {
            // The run's own outcome stands; a statement that cannot be reset is dropped.
            try {
                ps.close();
            } catch (SQLException ignored) {
                // nothing more to release
            }
        }
    }

    private interface Work<T> {
        T run(PreparedStatement ps) throws SQLException;
    }

    private <T> T run(DSLContext dsl, List<?> values, Work<T> work) {
        if (values.size() != parameters) {
            throw new IllegalArgumentException(parameters + " values expected, got " + values.size() + ": " + sql);
        }
        return dsl.connectionResult(c -> {
            PreparedStatement ps = null;
            boolean reusable = false;
            try {
                ps = StatementCache.take(c, sql);
                for (int i = 0; i < parameters; i++) {
                    ps.setObject(i + 1, values.get(i));
                }
                T result = work.run(ps);
                reusable = true;
                return result;
            } catch (SQLException e) {
                throw new DataAccessException("SQL [" + sql + "]; " + e.getMessage(), e);
            } finally {
                release(c, ps, reusable);
            }
        });
    }
}
