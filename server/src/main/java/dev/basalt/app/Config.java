package dev.basalt.app;

import dev.basalt.files.FilesConfig;
import dev.basalt.http.HttpConfig;
import dev.basalt.mail.MailConfig;
import dev.basalt.realtime.RealtimeConfig;
import dev.basalt.store.DatabaseConfig;
import java.nio.file.Path;
import java.util.List;

/**
 * Startup configuration, built once by the CLI from flags over environment over defaults.
 *
 * @param files where uploaded files are stored
 * @param realtime the lifetime limits of SSE connections
 * @param mail SMTP and the application's name, URL and sender; interim: moves to the settings in
 *             {@code _params} once they exist (the CLI reads it from {@code BASALT_SMTP_*})
 */
public record Config(HttpConfig http, DatabaseConfig database, MailConfig mail, FilesConfig files,
        RealtimeConfig realtime) {

    public Config {
        if (http == null || database == null || mail == null || files == null || realtime == null) {
            throw new IllegalArgumentException("http, database, mail, files and realtime configuration are required");
        }
    }

    /** With the default realtime limits. */
    public Config(HttpConfig http, DatabaseConfig database, MailConfig mail, FilesConfig files) {
        this(http, database, mail, files, RealtimeConfig.DEFAULT);
    }

    /** Files stored under the data directory. */
    public Config(HttpConfig http, DatabaseConfig database, MailConfig mail) {
        this(http, database, mail, FilesConfig.of(database.dataDir()));
    }

    /** Without mail configuration: system emails are refused until SMTP is configured. */
    public Config(HttpConfig http, DatabaseConfig database) {
        this(http, database, MailConfig.DEFAULT);
    }

    public Config withMail(MailConfig newMail) {
        return new Config(http, database, newMail, files, realtime);
    }

    public Config withFiles(FilesConfig newFiles) {
        return new Config(http, database, mail, newFiles, realtime);
    }

    public Config withRealtime(RealtimeConfig newRealtime) {
        return new Config(http, database, mail, files, newRealtime);
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
        return of(httpAddress, corsOrigins, DatabaseConfig.of(dataDir));
    }

    /** As {@link #of(String, List, Path)}, with the database configured in full. */
    public static Config of(String httpAddress, List<String> corsOrigins, DatabaseConfig database) {
        HttpConfig http = HttpConfig.parse(httpAddress);
        return new Config(new HttpConfig(http.host(), http.port(), http.maxBodyBytes(), corsOrigins), database);
    }
}
