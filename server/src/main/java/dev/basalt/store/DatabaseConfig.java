package dev.basalt.store;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Where the data lives and how connections to it are pooled.
 *
 * @param dataDir           directory holding {@code data.db} on SQLite (and uploaded files on local disk)
 * @param url               {@code ""} for the embedded SQLite file, or a PostgreSQL URL
 *                          ({@code postgres://user:pass@host:5432/name?sslmode=...} or {@code jdbc:postgresql://...})
 * @param poolSize          SQLite: the reader pool (the writer is always one connection);
 *                          PostgreSQL: the size of the one pool
 * @param busyTimeoutMillis SQLite: how long to wait for a lock held by another process
 * @param connectTimeout    how long a request waits for a free connection before it fails
 */
public record DatabaseConfig(Path dataDir, String url, int poolSize, int busyTimeoutMillis, Duration connectTimeout) {

    public static final int DEFAULT_POOL = Math.max(4, Runtime.getRuntime().availableProcessors() * 2);
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(30);

    public DatabaseConfig {
        if (dataDir == null) {
            throw new IllegalArgumentException("dataDir is required");
        }
        url = url == null ? "" : url.strip();
        if (!url.isEmpty()) {
            PostgresUrl.parse(url);
        }
        if (poolSize < 1) {
            throw new IllegalArgumentException("the pool size must be at least 1, got " + poolSize);
        }
        if (busyTimeoutMillis < 0) {
            throw new IllegalArgumentException("busyTimeoutMillis must not be negative, got " + busyTimeoutMillis);
        }
        if (connectTimeout == null || connectTimeout.toMillis() < 250) {
            throw new IllegalArgumentException("the connection timeout must be at least 250ms, got " + connectTimeout);
        }
    }

    /** SQLite in {@code dataDir}, with a reader pool of the given size. */
    public DatabaseConfig(Path dataDir, int readerPool, int busyTimeoutMillis) {
        this(dataDir, "", readerPool, busyTimeoutMillis, DEFAULT_CONNECT_TIMEOUT);
    }

    public static DatabaseConfig of(Path dataDir) {
        return new DatabaseConfig(dataDir, DEFAULT_POOL, 10_000);
    }

    /** PostgreSQL at {@code url}, with the default pool; {@code dataDir} still holds local files. */
    public static DatabaseConfig postgres(Path dataDir, String url) {
        return new DatabaseConfig(dataDir, url, DEFAULT_POOL, 10_000, DEFAULT_CONNECT_TIMEOUT);
    }

    public DatabaseConfig withPool(int newPoolSize, Duration newConnectTimeout) {
        return new DatabaseConfig(dataDir, url, newPoolSize, busyTimeoutMillis, newConnectTimeout);
    }

    /** Whether the data is in PostgreSQL, which makes this node one of a possible cluster. */
    public boolean isPostgres() {
        return !url.isEmpty();
    }

    @Override
    public String toString() {
        return "DatabaseConfig[" + redactedUrl() + ", poolSize=" + poolSize + ", connectTimeout=" + connectTimeout + "]";
    }

    public Path sqliteFile() {
        return dataDir.resolve("data.db");
    }

    /** The URL without its password, for logs and messages. */
    public String redactedUrl() {
        return isPostgres() ? PostgresUrl.parse(url).redacted() : "sqlite:" + sqliteFile();
    }

    /** A PostgreSQL URL in either spelling, split into what JDBC wants. */
    record PostgresUrl(String jdbcUrl, String user, String password) {

        static PostgresUrl parse(String url) {
            if (url.startsWith("jdbc:postgresql://")) {
                return new PostgresUrl(url, "", "");
            }
            URI uri;
            try {
                uri = new URI(url);
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("invalid database URL (expected postgres://user:pass@host:5432/name)");
            }
            String scheme = uri.getScheme() == null ? "" : uri.getScheme();
            if (!scheme.equals("postgres") && !scheme.equals("postgresql")) {
                throw new IllegalArgumentException("unsupported database URL scheme \"" + scheme
                        + "\" (expected postgres://user:pass@host:5432/name, or leave it empty for SQLite)");
            }
            if (uri.getHost() == null || uri.getPath() == null || uri.getPath().length() < 2) {
                throw new IllegalArgumentException("the database URL needs a host and a database name"
                        + " (postgres://user:pass@host:5432/name)");
            }
            String user = "";
            String password = "";
            String info = uri.getRawUserInfo();
            if (info != null) {
                int colon = info.indexOf(':');
                user = decode(colon < 0 ? info : info.substring(0, colon));
                password = colon < 0 ? "" : decode(info.substring(colon + 1));
            }
            String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
            String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
            return new PostgresUrl("jdbc:postgresql://" + uri.getHost() + port + uri.getRawPath() + query, user, password);
        }

        private static String decode(String s) {
            return java.net.URLDecoder.decode(s, java.nio.charset.StandardCharsets.UTF_8);
        }

        String redacted() {
            String q = jdbcUrl.indexOf('?') < 0 ? jdbcUrl : jdbcUrl.substring(0, jdbcUrl.indexOf('?'));
            return q + (user.isEmpty() ? "" : " user=" + user);
        }

        @Override
        public String toString() {
            return redacted();
        }
    }
}
