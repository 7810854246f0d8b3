package dev.basalt.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseTransactionTest {

    @TempDir
    Path dir;

    private Database db;
    private final List<String> ran = new ArrayList<>();

    @BeforeEach
    void open() {
        db = Database.openSqlite(new DatabaseConfig(dir, 1, 10_000));
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void rollbackWorkRunsOnlyWhenTheTransactionFails() {
        db.transaction(tx -> {
            tx.afterRollback(() -> ran.add("rollback"));
            tx.afterCommit(() -> ran.add("commit"));
            return null;
        });
        assertThat(ran).containsExactly("commit");
    }

    @Test
    void rollbackWorkRunsAndTheOriginalFailureIsThrown() {
        assertThatThrownBy(() -> db.transaction((Function<Tx, Object>) tx -> {
            tx.afterRollback(() -> ran.add("rollback"));
            tx.afterCommit(() -> ran.add("commit"));
            throw new IllegalStateException("boom");
        })).isInstanceOf(IllegalStateException.class).hasMessage("boom");
        assertThat(ran).containsExactly("rollback");
    }

    @Test
    void nestedRollbackWorkWaitsForTheOutermostTransaction() {
        assertThatThrownBy(() -> db.transaction((Function<Tx, Object>) outer -> {
            db.transaction(inner -> {
                inner.afterRollback(() -> ran.add("inner rollback"));
                return null;
            });
            assertThat(ran).isEmpty();
            throw new IllegalStateException("outer fails after the inner work returned");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(ran).containsExactly("inner rollback");
    }

    @Test
    void aFailingRollbackActionDoesNotHideTheFailureNorStopTheOthers() {
        assertThatThrownBy(() -> db.transaction((Function<Tx, Object>) tx -> {
            tx.afterRollback(() -> {
                throw new IllegalArgumentException("clean-up failed");
            });
            tx.afterRollback(() -> ran.add("second"));
            throw new IllegalStateException("boom");
        })).isInstanceOf(IllegalStateException.class).hasMessage("boom");
        assertThat(ran).containsExactly("second");
    }

    @Test
    void rollbackWorkRunsOutsideTheFailedTransaction() {
        assertThatThrownBy(() -> db.transaction((Function<Tx, Object>) tx -> {
            tx.afterRollback(() -> ran.add("in transaction: " + db.inTransaction()));
            throw new IllegalStateException("boom");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(ran).containsExactly("in transaction: false");
    }
}
