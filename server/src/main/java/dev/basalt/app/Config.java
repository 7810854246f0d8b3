package dev.basalt.app;

import dev.basalt.http.HttpConfig;
import dev.basalt.store.DatabaseConfig;

/** Startup configuration, built once by the CLI from flags over environment over defaults. */
public record Config(HttpConfig http, DatabaseConfig database) {

    public Config {
        if (http == null || database == null) {
            throw new IllegalArgumentException("http and database configuration are required");
        }
    }
}
