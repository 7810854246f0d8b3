package dev.basalt.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import dev.basalt.http.HttpConfig;
import dev.basalt.store.DatabaseConfig;
import dev.basalt.testing.TestDatabases;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Nodes of a cluster starting together on an empty PostgreSQL database create its schema once. */
class ClusterStartTest {

    @TempDir
    Path dir;

    @Test
    void threeNodesStartingAtOnceApplyEachMigrationOnce() throws Exception {
        String url = TestDatabases.newPostgresDatabase();
        CountDownLatch go = new CountDownLatch(1);
        List<Basalt> nodes = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(3)) {
            List<Future<Basalt>> starting = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                Path nodeDir = dir.resolve("node" + i);
                starting.add(pool.submit(() -> {
                    go.await();
                    return Basalt.open(new Config(HttpConfig.parse("127.0.0.1:0"), DatabaseConfig.postgres(nodeDir, url)));
                }));
            }
            go.countDown();
            for (Future<Basalt> f : starting) {
                nodes.add(f.get());
            }
            List<String> applied = nodes.getFirst().database().read(dsl ->
                    dsl.select(field(name("file"), String.class)).from(table(name("_migrations"))).fetch(0, String.class));
            assertThat(applied).doesNotHaveDuplicates().contains("0001_system_tables");
            for (Basalt node : nodes) {
                assertThat(node.collections().all()).extracting(c -> c.name()).contains("users", "_superusers");
            }
        } finally {
            nodes.forEach(Basalt::close);
        }
    }
}
