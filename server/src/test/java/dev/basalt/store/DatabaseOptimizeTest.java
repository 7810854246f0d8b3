package dev.basalt.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PocketBase's daily {@code __pbDBOptimize__} job on SQLite. */
class DatabaseOptimizeTest {

    @TempDir
    Path dir;

    @Test
    void optimizeCheckpointsAndTruncatesTheSqliteWal() throws IOException {
        try (Database db = Database.openSqlite(new DatabaseConfig(dir, 1, 10_000))) {
            db.transaction(tx -> {
                tx.dsl().execute("CREATE TABLE notes (id TEXT PRIMARY KEY, body TEXT)");
                for (int i = 0; i < 100; i++) {
                    tx.dsl().execute("INSERT INTO notes VALUES (?, ?)", "n" + i, "x".repeat(1000));
                }
            });
            Path wal = dir.resolve("data.db-wal");
            assertThat(Files.size(wal)).as("the writes are in the WAL").isPositive();

            db.optimize();

            assertThat(Files.size(wal)).isZero();
            int rows = db.read(dsl -> dsl.fetchCount(DSL.table(DSL.name("notes"))));
            assertThat(rows).as("the rows survive the checkpoint").isEqualTo(100);
        }
    }
}
