package dev.basalt.store;

import java.nio.file.Path;

/**
 * Where the data lives and how many connections read it.
 *
 * @param dataDir     directory holding {@code data.db} (and, later, uploaded files)
 * @param readerPool  size of the SQLite reader pool; the writer is always one connection
 * @param busyTimeoutMillis how long SQLite waits for a lock held by another process
 */
public record DatabaseConfig(Path dataDir, int readerPool, int busyTimeoutMillis) {

    public static final int DEFAULT_READER_POOL = Math.max(4, Runtime.getRuntime().availableProcessors() * 2);

    public DatabaseConfig {
        if (dataDir == null) {
            throw new IllegalArgumentException("dataDir is required");
        }
        if (readerPool < 1) {
            throw new IllegalArgumentException("readerPool must be at least 1, got " + readerPool);
        }
        if (busyTimeoutMillis < 0) {
            throw new IllegalArgumentException("busyTimeoutMillis must not be negative, got " + busyTimeoutMillis);
        }
    }

    public static DatabaseConfig of(Path dataDir) {
        return new DatabaseConfig(dataDir, DEFAULT_READER_POOL, 10_000);
    }

    public Path sqliteFile() {
        return dataDir.resolve("data.db");
    }
}
