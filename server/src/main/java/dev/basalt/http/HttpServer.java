package dev.basalt.http;

import dev.basalt.auth.PasswordAuth;
import dev.basalt.auth.Tokens;
import dev.basalt.collections.CollectionService;
import dev.basalt.error.ApiException;
import dev.basalt.records.Expander;
import dev.basalt.records.RecordService;
import io.javalin.Javalin;
import io.javalin.http.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP server: Javalin on Jetty with virtual threads. The middleware order and the error
 * mapping are written here once, top to bottom; each API area adds its routes.
 */
public final class HttpServer {

    private static final Logger log = LoggerFactory.getLogger(HttpServer.class);

    private final HttpConfig config;
    private final Javalin javalin;

    public HttpServer(HttpConfig config, Services services) {
        this.config = config;
        TokenAuth tokenAuth = new TokenAuth(services.tokens());
        HealthApi health = new HealthApi();
        AuthApi auth = new AuthApi(services.passwordAuth());
        CollectionsApi collectionsApi = new CollectionsApi(services.collections());
        RecordsApi records = new RecordsApi(services.records(), services.expander());
        this.javalin = Javalin.create(c -> {
            c.startup.showJavalinBanner = false;
            c.startup.showOldJavalinVersionWarning = false;
            c.concurrency.useVirtualThreads = true;
            c.jetty.host = config.host();
            c.jetty.port = config.port();
            c.http.maxRequestSize = config.maxBodyBytes();
            c.http.defaultContentType = "application/json";
            c.jsonMapper(Json.javalinMapper());

            c.routes.before(HttpServer::securityHeaders);
            c.routes.before(tokenAuth::resolve);

            health.routes(c.routes);
            auth.routes(c.routes);
            collectionsApi.routes(c.routes);
            records.routes(c.routes);

            c.routes.exception(ApiException.class, HttpServer::apiError);
            c.routes.exception(Exception.class, HttpServer::unexpectedError);
            c.routes.error(404, HttpServer::notFoundFallback);
        });
    }

    /** The collaborators the API areas are built from. */
    public record Services(
            Tokens tokens, PasswordAuth passwordAuth, CollectionService collections, RecordService records, Expander expander) {}

    public HttpServer start() {
        javalin.start();
        log.info("http server started host={} port={}", config.host(), port());
        return this;
    }

    public int port() {
        return javalin.port();
    }

    public void stop() {
        javalin.stop();
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
