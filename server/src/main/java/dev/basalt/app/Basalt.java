package dev.basalt.app;

import dev.basalt.auth.AuthAlerts;
import dev.basalt.auth.AuthCleanup;
import dev.basalt.auth.AuthFlow;
import dev.basalt.auth.AuthMethods;
import dev.basalt.auth.EmailChange;
import dev.basalt.auth.OtpAuth;
import dev.basalt.auth.PasswordAuth;
import dev.basalt.auth.PasswordReset;
import dev.basalt.auth.SystemMails;
import dev.basalt.auth.Verification;
import dev.basalt.auth.PasswordHasher;
import dev.basalt.auth.Superusers;
import dev.basalt.auth.Tokens;
import dev.basalt.auth.oauth2.AuthMethodProvider;
import dev.basalt.auth.oauth2.OAuth2Auth;
import dev.basalt.collections.AuthSystemCollections;
import dev.basalt.collections.CollectionRegistry;
import dev.basalt.collections.CollectionService;
import dev.basalt.collections.SystemCollections;
import dev.basalt.files.S3Config;
import dev.basalt.files.SwitchingFileStore;
import dev.basalt.files.Thumbnails;
import dev.basalt.http.AccountServices;
import dev.basalt.http.HttpServer;
import dev.basalt.http.RealtimeRecordJson;
import dev.basalt.jobs.AlwaysLeader;
import dev.basalt.jobs.Cron;
import dev.basalt.jobs.PostgresLeadership;
import dev.basalt.mail.MailConfig;
import dev.basalt.realtime.Broker;
import dev.basalt.realtime.BusMessage;
import dev.basalt.realtime.EventBus;
import dev.basalt.realtime.EventsTable;
import dev.basalt.realtime.InProcessEventBus;
import dev.basalt.realtime.PostgresEventBus;
import dev.basalt.records.Expander;
import dev.basalt.records.RecordFiles;
import dev.basalt.records.RecordBatch;
import dev.basalt.records.RecordSearch;
import dev.basalt.records.RecordService;
import dev.basalt.settings.Settings;
import dev.basalt.settings.SettingsService;
import dev.basalt.store.Database;
import dev.basalt.store.Migrations;
import dev.basalt.store.SystemTables;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Basalt: the database, the services built on it and the HTTP server. {@link #open(Config)}
 * brings the database up to date without listening (what the CLI's maintenance commands need),
 * {@link #serve()} starts listening, {@link #start(Config)} does both. {@link #close()} stops
 * serving (in-flight requests finish first) and then closes the database.
 */
public final class Basalt implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Basalt.class);

    private final Database database;
    private final CollectionService collections;
    private final Superusers superusers;
    private final RecordService records;
    private final SettingsService settings;
    private final HttpServer http;
    private final Broker realtime;
    private final SwitchingFileStore files;
    private final Cron cron;
    private final EventBus bus;
    private final AtomicBoolean serving = new AtomicBoolean();

    private Basalt(Database database, CollectionService collections, Superusers superusers, RecordService records,
            SettingsService settings, HttpServer http, Broker realtime, SwitchingFileStore files, Cron cron,
            EventBus bus) {
        this.database = database;
        this.collections = collections;
        this.superusers = superusers;
        this.records = records;
        this.settings = settings;
        this.http = http;
        this.realtime = realtime;
        this.files = files;
        this.cron = cron;
        this.bus = bus;
    }

    /** Opens the database, brings the system schema up to date and starts serving. */
    public static Basalt start(Config config) {
        Basalt basalt = open(config);
        try {
            return basalt.serve();
        } catch (RuntimeException e) {
            basalt.close();
            throw e;
        }
    }

    /** Opens the database and brings the system schema up to date, without listening. */
    public static Basalt open(Config config) {
        Database database = Database.open(config.database());
        EventBus bus = null;
        try {
            CollectionRegistry registry = new CollectionRegistry(database);
            RecordSearch search = new RecordSearch(registry, database.dialect());
            CollectionService collections = new CollectionService(database, registry, search::checkRule);
            Migrations.run(database, List.of(new SystemTables(), new SystemCollections(collections),
                    new AuthSystemCollections(collections), new EventsTable()));
            registry.reload();
            SettingsService settings = SettingsService.load(database);
            PasswordHasher hasher = new PasswordHasher(database::inTransaction);
            Tokens tokens = new Tokens(database, registry);
            Superusers superusers = new Superusers(database, registry, hasher);
            AuthFlow authFlow = new AuthFlow(database, registry, search, tokens);
            PasswordAuth passwordAuth = new PasswordAuth(database, authFlow, hasher);
            SwitchingFileStore files = new SwitchingFileStore(config.files().localStore(config.database().isPostgres()),
                    () -> filesS3(settings.current().s3()));
            RecordService records = new RecordService(database, registry, search, hasher, files);
            collections.onDeleted(records::deleteFiles);
            Expander expander = new Expander(database, registry, search);
            OAuth2Auth oauth2 = new OAuth2Auth(database, registry, records, authFlow, hasher);
            bus = config.database().isPostgres() ? new PostgresEventBus(database) : new InProcessEventBus();
            EventBus events = bus;
            records.onCommitted(event -> events.publish(BusMessage.RecordChange.of(event)));
            if (config.database().isPostgres()) {
                ClusterCaches.share(bus, collections, registry, settings);
            }
            Broker realtime = new Broker(config.realtime(), database, registry, search,
                    new RealtimeRecordJson(records, expander), bus);
            Cron cron = new Cron(config.database().isPostgres() ? new PostgresLeadership(database) : new AlwaysLeader());
            addSystemJobs(cron, database, new AuthCleanup(database, registry));
            AuthMethods authMethods = new AuthMethods(authFlow,
                    c -> oauth2.providers(c).stream().map(AuthMethodProvider::wire).toList());
            HttpServer http = new HttpServer(config.http(),
                    new HttpServer.Services(tokens, authFlow, passwordAuth, authMethods, collections, records, expander,
                            registry, settings, accountServices(database, registry, hasher, tokens, config.mail(), settings), oauth2,
                            files, new RecordFiles(database, registry, search, files, new Thumbnails(files)),
                            new RecordBatch(database, records), realtime, () -> database.isReachable(2), cron));
            return new Basalt(database, collections, superusers, records, settings, http, realtime, files, cron, bus);
        } catch (RuntimeException e) {
            if (bus != null) {
                bus.close();
            }
            database.close();
            throw e;
        }
    }

    /** The S3 block of the settings as the file store takes it; empty while S3 is off. */
    private static Optional<S3Config> filesS3(Settings.S3 s3) {
        return s3.enabled() ? Optional.of(new S3Config(s3.bucket(), s3.region(), s3.endpoint(), s3.accessKey(),
                s3.secret(), s3.forcePathStyle())) : Optional.empty();
    }

    // PocketBase's system jobs, under its ids and schedules. Its logs clean-up comes with the logs
    // package; its rate-limiter clean-up has no counterpart (the limiter's windows expire by themselves).
    private static void addSystemJobs(Cron cron, Database database, AuthCleanup authCleanup) {
        cron.add("__pbDBOptimize__", "0 0 * * *", database::optimize);
        cron.add("__pbMFACleanup__", "0 * * * *", authCleanup::deleteExpiredMfas);
        cron.add("__pbOTPCleanup__", "0 * * * *", authCleanup::deleteExpiredOtps);
    }

    private static AccountServices accountServices(Database database, CollectionRegistry registry, PasswordHasher hasher,
            Tokens tokens, MailConfig startupMail, SettingsService settings) {
        SettingsMail mail = new SettingsMail(startupMail, settings);
        if (!mail.isConfigured()) {
            log.warn("SMTP is not configured: verification, password reset, email change, OTP and login alert"
                    + " emails will not be sent (configure smtp in the settings, or set BASALT_SMTP_HOST)");
        }
        SystemMails mails = new SystemMails(mail, mail::meta);
        return new AccountServices(
                new Verification(database, registry, hasher, tokens, mails),
                new PasswordReset(database, registry, hasher, tokens, mails),
                new EmailChange(database, registry, hasher, tokens, mails),
                new OtpAuth(database, registry, hasher, mails),
                new AuthAlerts(database, registry, mails));
    }

    /** Starts listening on the configured address and running cron jobs; returns this. */
    public Basalt serve() {
        if (serving.compareAndSet(false, true)) {
            http.start();
            cron.start();
        }
        return this;
    }

    /** The port the HTTP server listens on (useful when the configuration asked for port 0). */
    public int port() {
        if (!serving.get()) {
            throw new IllegalStateException("not serving: call serve() first");
        }
        return http.port();
    }

    /** The base URL of the HTTP server, e.g. {@code http://127.0.0.1:8090}. */
    public String url() {
        port();
        return http.url();
    }

    public CollectionService collections() {
        return collections;
    }

    /** Record CRUD with rules; {@code records().onCommitted(event -> ...)} observes committed changes. */
    public RecordService records() {
        return records;
    }

    /** The runtime settings ({@code _params}): {@code settings().current()}, {@code settings().update(...)}. */
    public SettingsService settings() {
        return settings;
    }

    public Superusers superusers() {
        return superusers;
    }

    public Database database() {
        return database;
    }

    /**
     * The cron scheduler: PocketBase's system jobs and the embedder's. A job runs in every UTC
     * minute its expression is due, once per cluster (on the node that leads), from {@link #serve()}
     * on; superusers list and run jobs through {@code /api/crons}.
     *
     * <pre>{@code
     * basalt.cron().add("closeStaleCarts", "30 3 * * *", () -> carts.closeOlderThan(Duration.ofDays(1)));
     * }</pre>
     */
    public Cron cron() {
        return cron;
    }

    /** The realtime clients of this node. */
    public Broker realtime() {
        return realtime;
    }

    @Override
    public void close() {
        try {
            // Jobs stop first: they may use the database, which closes last.
            cron.close();
            // Open SSE responses end first, or the graceful stop would wait for them.
            realtime.close();
            if (serving.getAndSet(false)) {
                http.stop();
            }
        } finally {
            try {
                bus.close();
                files.close();
            } finally {
                database.close();
            }
        }
    }
}
