package dev.basalt.cli;

import dev.basalt.store.DatabaseConfig;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/** Where the data lives: the options every command that touches the data shares. */
final class DataDir {

    @Option(names = "--dir", paramLabel = "DIR", defaultValue = "${env:BASALT_DIR:-./basalt_data}",
            description = "Directory of the SQLite database and locally stored files; env BASALT_DIR (default: ${DEFAULT-VALUE}).")
    Path dir;

    @Option(names = "--db", paramLabel = "URL", defaultValue = "${env:BASALT_DB:-}",
            description = "PostgreSQL URL (postgres://user:pass@host:5432/name) instead of the SQLite file in --dir;"
                    + " env BASALT_DB. Nodes sharing one database form a cluster.")
    String db;

    @Option(names = "--db-pool", paramLabel = "N", defaultValue = "${env:BASALT_DB_POOL:-0}",
            description = "Connections in the pool (PostgreSQL) or reader connections (SQLite); env BASALT_DB_POOL"
                    + " (default: twice the cores, at least 4).")
    int pool;

    @Option(names = "--db-timeout", paramLabel = "SECONDS", defaultValue = "${env:BASALT_DB_TIMEOUT:-30}",
            description = "How long a request waits for a free connection; env BASALT_DB_TIMEOUT (default: ${DEFAULT-VALUE}).")
    double timeoutSeconds;

    DatabaseConfig database() {
        int size = pool > 0 ? pool : DatabaseConfig.DEFAULT_POOL;
        return new DatabaseConfig(dir, db, size, 10_000, Duration.ofMillis(Math.round(timeoutSeconds * 1000)));
    }
}
