package dev.basalt.http;

import io.javalin.http.Context;
import java.security.SecureRandom;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.slf4j.MDC;

/**
 * Gives every request an id: the caller's {@code X-Request-Id} when it looks like an id (so a proxy's
 * id follows the request through our logs), a fresh one otherwise. The id goes into the SLF4J MDC
 * as {@code requestId} and back to the caller in the response header.
 */
final class RequestIds {

    static final String HEADER = "X-Request-Id";
    static final String MDC_KEY = "requestId";

    // Anything else (spaces, quotes, control characters, kilobytes of text) could forge log lines.
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    // A fresh id is UUID-shaped: this process's random high half and a counter as the low half.
    // Unique across nodes and restarts like a random UUID, without a call into the shared
    // SecureRandom (and its lock) on every request. Ids are for reading logs, not secrets.
    private static final long PROCESS_BITS = new SecureRandom().nextLong();
    private static final AtomicLong COUNTER = new AtomicLong(new SecureRandom().nextLong());

    private RequestIds() {}

    static String fresh() {
        return new UUID(PROCESS_BITS, COUNTER.incrementAndGet()).toString();
    }

    static void assign(Context ctx) {
        String incoming = ctx.header(HEADER);
        String id = incoming != null && SANE.matcher(incoming).matches() ? incoming : fresh();
        MDC.put(MDC_KEY, id);
        ctx.header(HEADER, id);
    }

    static void clear() {
        MDC.remove(MDC_KEY);
    }
}
