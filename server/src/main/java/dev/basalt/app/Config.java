package dev.basalt.app;

import dev.basalt.http.HttpConfig;
import dev.basalt.store.DatabaseConfig;
import java.nio.file.Path;
import java.util.List;

/** Startup configuration, built once by the CLI from flags over environment over defaults. */
public record Config(HttpConfig http, DatabaseConfig database) {

    public Config {
        if (http == null || database == null) {
            throw new IllegalArgumentException("http and database configuration are required");
        }
    }

    /**
     * The configuration from the CLI's values, defaults for the rest.
     *
     * @param httpAddress {@code host:port} as {@code --http} takes it
     * @param dataDir     the {@code --dir} directory
     * @throws IllegalArgumentException with a one-line, user-facing message when a value is invalid
     */
    public static Config of(String httpAddress, Path dataDir) {
        return of(httpAddress, List.of("*"), dataDir);
    }

    /** As {@link #of(String, Path)}, with the allowed CORS origins ({@code *} allows any). */
    public static Config of(String httpAddress, List<String> corsOrigins, Path dataDir) {
        HttpConfig http = HttpConfig.parse(httpAddress);
        return new Config(new HttpConfig(http.host(), http.port(), http.maxBodyBytes(), corsOrigins),
                DatabaseConfig.of(dataDir));
    }
}
