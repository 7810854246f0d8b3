package dev.basalt.http;

import dev.basalt.collections.CollectionRegistry;
import dev.basalt.error.ApiException;
import dev.basalt.records.BodySizes;
import dev.basalt.settings.SettingsService;
import io.javalin.http.Context;
import jakarta.servlet.MultipartConfigElement;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How large a request body may be (§1.11): the default limit (PocketBase's 32 MiB), raised for a
 * record create or update by the field limits of its collection, and {@code batch.maxBodySize} of
 * the settings (0 meaning PocketBase's 128 MiB) for the batch API. Every route's limit is decided
 * here, in {@link #limit(Context)}.
 */
final class BodyLimits {

    // Jetty reads the multipart limits of a request from this attribute; Javalin sets its own
    // (unbounded) one only when the attribute is absent.
    private static final String MULTIPART_CONFIG = "org.eclipse.jetty.multipartConfig";
    private static final int MULTIPART_MEMORY_THRESHOLD = 1 << 20;
    private static final String LIMIT_ATTRIBUTE = "basalt.bodyLimit";
    // The most a body read into memory can hold.
    private static final int MAX_ARRAY = Integer.MAX_VALUE - 16;
    private static final Pattern RECORD_WRITE = Pattern.compile("^/api/collections/([^/]+)/records(/[^/]+)?/?$");

    static final long DEFAULT_BATCH_LIMIT = 128L << 20;

    private final long defaultLimit;
    private final CollectionRegistry registry;
    private final SettingsService settings;

    BodyLimits(long defaultLimit, CollectionRegistry registry, SettingsService settings) {
        this.defaultLimit = defaultLimit;
        this.registry = registry;
        this.settings = settings;
    }

    /** The most bytes this request's body may carry. */
    long limit(Context ctx) {
        if (ctx.path().equals(BatchApi.PATH)) {
            long batch = settings.current().batch().maxBodySize();
            return batch > 0 ? batch : DEFAULT_BATCH_LIMIT;
        }
        String method = ctx.method().name();
        if (!method.equals("POST") && !method.equals("PATCH")) {
            return defaultLimit;
        }
        Matcher record = RECORD_WRITE.matcher(ctx.path());
        boolean create = method.equals("POST") && record.matches() && record.group(2) == null;
        boolean update = method.equals("PATCH") && record.matches() && record.group(2) != null;
        if (create || update) {
            return registry.find(record.group(1))
                    .map(c -> BodySizes.saturatedAdd(defaultLimit, BodySizes.fieldLimits(c)))
                    .orElse(defaultLimit);
        }
        return defaultLimit;
    }

    /**
     * Middleware: refuses a declared length over the limit before the body is read, and bounds a
     * multipart body as Jetty reads it, so a body without a length (chunked) cannot pass the limit
     * either. Other bodies are bounded as they are read by Javalin's {@code maxRequestSize}.
     */
    void apply(Context ctx) {
        long limit = limit(ctx);
        if (ctx.contentLength() > limit) {
            throw ApiException.tooLarge();
        }
        ctx.attribute(LIMIT_ATTRIBUTE, limit);
        if (MultipartBody.isMultipart(ctx)) {
            ctx.req().setAttribute(MULTIPART_CONFIG, new MultipartConfigElement(
                    System.getProperty("java.io.tmpdir"), -1, limit, MULTIPART_MEMORY_THRESHOLD));
        }
    }

    /**
     * The body as text, read up to this request's limit: Javalin's own {@code ctx.body()} stops at
     * the default limit, which a record write may pass.
     */
    static String text(Context ctx) {
        Long limit = ctx.attribute(LIMIT_ATTRIBUTE);
        int cap = (int) Math.min(limit == null ? HttpConfig.DEFAULT_MAX_BODY : limit, MAX_ARRAY);
        try (InputStream in = ctx.bodyInputStream()) {
            byte[] bytes = in.readNBytes(cap);
            if (in.read() >= 0) {
                throw ApiException.tooLarge();
            }
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw ApiException.badRequest("Failed to load the submitted data due to invalid formatting.");
        }
    }
}
