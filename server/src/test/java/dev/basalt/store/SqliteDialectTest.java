package dev.basalt.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.jooq.exception.DataAccessException;
import org.junit.jupiter.api.Test;

class SqliteDialectTest {

    private final SqliteDialect dialect = new SqliteDialect();

    @Test
    void readsTheColumnsOfAUniqueViolation() {
        var failure = new DataAccessException("SQL [insert ...]; [SQLITE_CONSTRAINT_UNIQUE] A UNIQUE constraint failed "
                + "(UNIQUE constraint failed: demo.code, demo.price)");
        assertThat(dialect.uniqueViolation(failure)).contains(new UniqueViolation(List.of("code", "price"), ""));
    }

    @Test
    void readsTheIndexNameOfAnExpressionIndexViolation() {
        var failure = new DataAccessException("x", new RuntimeException("(UNIQUE constraint failed: index 'idx_lower')"));
        assertThat(dialect.uniqueViolation(failure)).contains(new UniqueViolation(List.of(), "idx_lower"));
    }

    @Test
    void otherFailuresAreNotUniqueViolations() {
        assertThat(dialect.uniqueViolation(new DataAccessException("NOT NULL constraint failed: demo.x"))).isEmpty();
    }
}
