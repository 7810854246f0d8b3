package dev.basalt.http;

import dev.basalt.auth.AuthFlow;
import dev.basalt.auth.AuthMethods;
import dev.basalt.auth.PasswordAuth;
import dev.basalt.auth.Tokens;
import dev.basalt.auth.oauth2.OAuth2Auth;
import dev.basalt.collections.CollectionRegistry;
import dev.basalt.collections.CollectionService;
import dev.basalt.error.ApiException;
import dev.basalt.files.FileStore;
import dev.basalt.jobs.Cron;
import dev.basalt.realtime.Broker;
import dev.basalt.records.Expander;
import dev.basalt.records.RecordFiles;
import dev.basalt.records.RecordBatch;
import dev.basalt.records.RecordService;
import dev.basalt.settings.SettingsService;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.plugin.bundled.CorsPluginConfig;
import java.time.Duration;
import java.util.List;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP server: Javalin on Jetty with virtual threads. The middleware order and the error
 * mapping are written here once, top to bottom; each API area adds its routes.
 */
public final class HttpServer {

    private static final int MAX_REQUEST_HEADER_BYTES = 64 * 1024;

    private static final Logger log = LoggerFactory.getLogger(HttpServer.class);

    /** How long {@link #stop()} lets in-flight requests finish before closing their connections. */
    static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    /** Connections the kernel may hold for us before we accept them. */
    static final int ACCEPT_QUEUE = 4096;

    private final HttpConfig config;
    private final Javalin javalin;

    public HttpServer(HttpConfig config, Services services) {
        this.config = config;
        TokenAuth tokenAuth = new TokenAuth(services.tokens());
        SuperuserIps superuserIps = new SuperuserIps(services.settings());
        RateLimiter rateLimiter = new RateLimiter(services.settings(), services.registry());
        BodyLimits bodyLimits = new BodyLimits(config.maxBodyBytes(), services.registry(), services.settings());
        SettingsApi settingsApi = new SettingsApi(services.settings());
        HealthApi health = new HealthApi(services.settings(), services.databaseReachable());
        AuthApi auth = new AuthApi(services.authFlow(), services.passwordAuth(), services.authMethods(), services.expander(),
                services.account().alerts());
        AccountApi account = new AccountApi(services.account(), services.authFlow(), auth);
        OAuth2Api oauth2 = new OAuth2Api(services.oauth2(), auth, services.realtime(), services.settings());
        CollectionsApi collectionsApi = new CollectionsApi(services.collections(), services.records());
        RecordsApi records = new RecordsApi(services.records(), services.expander());
        FilesApi files = new FilesApi(services.recordFiles(), services.tokens(), superuserIps);
        BatchApi batch = new BatchApi(services.batch(), new RecordResponses(services.records(), services.expander()),
                services.settings());
        RealtimeApi realtime = new RealtimeApi(services.realtime(), services.settings());
        CronsApi crons = new CronsApi(services.cron());
        this.javalin = Javalin.create(c -> {
            c.startup.showJavalinBanner = false;
            c.startup.showOldJavalinVersionWarning = false;
            c.concurrency.useVirtualThreads = true;
            // Our own connector, as Javalin's default but for the accept queue: Java's default of 50
            // pending connections drops the SYNs of a burst of new clients (a thousand browsers
            // reconnecting, a load test), which then wait out TCP's retransmission back-off for
            // seconds. The kernel caps the queue at net.core.somaxconn.
            c.jetty.addConnector((server, http) -> {
                ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
                connector.setHost(config.host());
                connector.setPort(config.port());
                connector.setAcceptQueueSize(ACCEPT_QUEUE);
                return connector;
            });
            c.http.maxRequestSize = config.maxBodyBytes();
            c.http.defaultContentType = "application/json";
            c.jsonMapper(Json.javalinMapper());
            // Graceful stop: requests already in a handler get STOP_TIMEOUT to finish (Jetty's
            // GracefulHandler; the default StatisticsHandler would cut them off). A request whose
            // body is still arriving is answered 408.
            c.jetty.modifyServer(server -> {
                server.setHandler(new GracefulHandler());
                server.setStopTimeout(STOP_TIMEOUT.toMillis());
                server.setErrorHandler(new JettyErrors());
            });
            // A client filter may be 3500 characters, which percent-encoded can pass Jetty's 8 KiB default.
            c.jetty.modifyHttpConfiguration(http -> http.setRequestHeaderSize(MAX_REQUEST_HEADER_BYTES));

            // Middleware, top to bottom. CORS is Javalin's plugin: it adds the CORS headers and answers
            // preflight OPTIONS requests (its before-handler runs after ours). The superuser IP
            // allowlist runs right after the token is resolved, as in PocketBase. The rate limiter
            // needs the matched route (for its tags), so it runs once the route is matched; unmatched
            // paths (404s) are not limited. The request log runs once the response is written (and
            // clears the request id from the MDC).
            c.bundledPlugins.enableCors(cors -> cors(cors, config.corsOrigins()));
            c.routes.before(RequestIds::assign);
            c.routes.before(HttpServer::securityHeaders);
            c.routes.before(bodyLimits::apply);
            c.routes.before(tokenAuth::resolve);
            c.routes.before(superuserIps::check);
            c.routes.beforeMatched(rateLimiter::check);
            c.routes.beforeMatched(HttpServer::unrefuseOrigin);
            c.requestLogger.http(RequestLog::log);

            // Javalin tries a method's routes in this order, a regular expression each: the routes
            // most requests take come first (no two routes here match the same path).
            health.routes(c.routes);
            records.routes(c.routes);
            auth.routes(c.routes);
            account.routes(c.routes);
            oauth2.routes(c.routes);
            collectionsApi.routes(c.routes);
            files.routes(c.routes);
            batch.routes(c.routes);
            settingsApi.routes(c.routes);
            realtime.routes(c.routes);
            crons.routes(c.routes);

            c.routes.exception(ApiException.class, HttpServer::apiError);
            c.routes.exception(HttpResponseException.class, HttpServer::javalinError);
            c.routes.exception(Exception.class, HttpServer::unexpectedError);
            c.routes.error(404, HttpServer::notFoundFallback);
        });
    }

    /** The collaborators the API areas are built from. */
    public record Services(
            Tokens tokens, AuthFlow authFlow, PasswordAuth passwordAuth, AuthMethods authMethods,
            CollectionService collections, RecordService records, Expander expander,
            CollectionRegistry registry, SettingsService settings, AccountServices account,
            OAuth2Auth oauth2, FileStore files, RecordFiles recordFiles, RecordBatch batch, Broker realtime,
            java.util.function.BooleanSupplier databaseReachable, Cron cron) {}

    public HttpServer start() {
        javalin.start();
        log.info("http server started host={} port={}", config.host(), port());
        return this;
    }

    public int port() {
        return javalin.port();
    }

    /** The base URL clients use, e.g. {@code http://127.0.0.1:8090}. */
    public String url() {
        String host = config.host().contains(":") ? "[" + config.host() + "]" : config.host();
        return "http://" + host + ":" + port();
    }

    public void stop() {
        javalin.stop();
    }

    private static void cors(CorsPluginConfig cors, List<String> origins) {
        cors.addRule(rule -> {
            if (origins.contains("*")) {
                rule.anyHost();
            } else {
                rule.allowHost(origins.getFirst(), origins.subList(1, origins.size()).toArray(String[]::new));
            }
        });
    }

    // PocketBase compat: a request from an origin outside corsOrigins is served without CORS
    // headers (the browser then withholds the response). Javalin's plugin marks it 400 in a
    // before-handler and still runs the endpoint; this runs after every before-handler.
    private static void unrefuseOrigin(Context ctx) {
        if (ctx.status().getCode() == 400 && ctx.header("Origin") != null
                && ctx.res().getHeader("Access-Control-Allow-Origin") == null) {
            ctx.status(200);
        }
    }

    private static void securityHeaders(Context ctx) {
        ctx.header("X-XSS-Protection", "1; mode=block");
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("X-Frame-Options", "SAMEORIGIN");
    }

    private static final String ENVELOPE_WRITTEN = "basalt.envelope";

    private static void apiError(ApiException e, Context ctx) {
        ctx.attribute(ENVELOPE_WRITTEN, Boolean.TRUE);
        ctx.status(e.status());
        Responses.json(ctx, ErrorEnvelope.of(e));
    }

    // Javalin's own refusals (no such endpoint, a body over maxRequestSize) keep their status but
    // answer with our envelope and PocketBase's default message.
    private static void javalinError(HttpResponseException e, Context ctx) {
        apiError(switch (e.getStatus()) {
            case 404 -> ApiException.notFound();
            case 413 -> ApiException.tooLarge();
            default -> new ApiException(e.getStatus(), e.getMessage());
        }, ctx);
    }

    private static void unexpectedError(Exception e, Context ctx) {
        log.error("unexpected error method={} path={}", ctx.method(), ctx.path(), e);
        apiError(ApiException.internal(), ctx);
    }

    // PocketBase compat: unmatched paths answer the JSON 404 envelope.
    private static void notFoundFallback(Context ctx) {
        if (ctx.attribute(ENVELOPE_WRITTEN) == null) {
            apiError(ApiException.notFound(), ctx);
        }
    }
}
