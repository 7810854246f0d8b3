package dev.basalt.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.basalt.app.Basalt;
import dev.basalt.app.Config;
import dev.basalt.store.DatabaseConfig;
import dev.basalt.testing.TestDatabases;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /api/health} reports whether the node reaches its database, so a load balancer takes a
 * node that lost PostgreSQL out of rotation and puts it back when the database returns.
 */
class HealthDatabaseTest {

    @TempDir
    Path dir;

    @Test
    void answers503WhileTheDatabaseRefusesConnectionsAnd200Again() throws Exception {
        String url = TestDatabases.newPostgresDatabase();
        String database = url.substring(url.lastIndexOf('/') + 1);
        try (Basalt node = Basalt.start(new Config(HttpConfig.parse("127.0.0.1:0"), DatabaseConfig.postgres(dir, url)))) {
            assertThat(health(node)).startsWith("200 ").contains("\"message\":\"API is healthy.\"");

            TestDatabases.executeAsAdmin("ALTER DATABASE " + database + " ALLOW_CONNECTIONS false");
            TestDatabases.executeAsAdmin("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '"
                    + database + "' AND pid <> pg_backend_pid()");
            assertThat(health(node)).startsWith("503 ").contains("\"message\":\"The database is unreachable.\"");

            TestDatabases.executeAsAdmin("ALTER DATABASE " + database + " ALLOW_CONNECTIONS true");
            String again = health(node);
            for (int i = 0; i < 20 && !again.startsWith("200 "); i++) {
                Thread.sleep(250);
                again = health(node);
            }
            assertThat(again).startsWith("200 ");
        } finally {
            TestDatabases.executeAsAdmin("ALTER DATABASE " + database + " ALLOW_CONNECTIONS true");
        }
    }

    private static String health(Basalt node) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(node.url() + "/api/health")).build(), HttpResponse.BodyHandlers.ofString());
        return r.statusCode() + " " + r.body();
    }
}
