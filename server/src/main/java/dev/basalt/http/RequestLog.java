package dev.basalt.http;

import io.javalin.http.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One INFO line per request once it is answered: method, path, status, duration. The query string,
 * headers and bodies stay out: they carry tokens, passwords and personal data.
 */
final class RequestLog {

    private static final Logger log = LoggerFactory.getLogger(RequestLog.class);

    private RequestLog() {}

    static void log(Context ctx, Float millis) {
        try {
            log.info("request method={} path={} status={} durationMs={}",
                    ctx.method(), ctx.path(), ctx.statusCode(), Math.round(millis));
        } finally {
            RequestIds.clear();
        }
    }
}
