package dev.basalt.http;

import dev.basalt.files.FileDownload;
import dev.basalt.files.StoredFile;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a stored file as an HTTP response: PocketBase's download headers, conditional requests
 * ({@code If-Match}, {@code If-Unmodified-Since}, {@code If-None-Match}, {@code If-Modified-Since})
 * and single byte ranges ({@code Range}, {@code If-Range}), streamed from the store without holding
 * the file in memory. Several ranges in one request are answered with the whole file, which
 * RFC 9110 allows.
 */
final class FileResponses {

    static final String CSP = "default-src 'none'; media-src 'self'; style-src 'unsafe-inline'; sandbox";
    static final String CACHE_CONTROL = "max-age=2592000, stale-while-revalidate=86400";

    private static final Logger log = LoggerFactory.getLogger(FileResponses.class);

    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME;

    private FileResponses() {}

    /** What a {@code Range} header asks for. */
    sealed interface RangeRequest {
        /** No usable range (absent, not bytes, malformed or several): the whole file. */
        record Whole() implements RangeRequest {}

        /** One satisfiable byte range, both ends inclusive. */
        record Part(long first, long last) implements RangeRequest {}

        /** A range starting past the end of the file. */
        record Unsatisfiable() implements RangeRequest {}

        RangeRequest WHOLE = new Whole();
        RangeRequest UNSATISFIABLE = new Unsatisfiable();
    }

    static void send(Context ctx, FileDownload download, boolean forceAttachment) throws IOException {
        StoredFile file = download.file();
        Instant modified = file.modified().truncatedTo(ChronoUnit.SECONDS);
        String etag = etag(file);
        downloadHeaders(ctx, download, forceAttachment, etag, modified);
        int precondition = precondition(ctx, etag, modified);
        if (precondition != 200) {
            ctx.status(precondition);
            return;
        }
        String header = ctx.header("Range");
        RangeRequest range = header != null && ctx.method() == HandlerType.GET && rangeApplies(ctx, etag, modified)
                ? parseRange(header, file.size()) : RangeRequest.WHOLE;
        switch (range) {
            case RangeRequest.Unsatisfiable u -> {
                ctx.header("Content-Range", "bytes */" + file.size());
                ctx.status(416);
            }
            case RangeRequest.Part part -> {
                ctx.header("Content-Range", "bytes " + part.first() + "-" + part.last() + "/" + file.size());
                ctx.status(206);
                stream(ctx, file, part.first(), part.last() - part.first() + 1);
            }
            case RangeRequest.Whole w -> {
                ctx.status(200);
                stream(ctx, file, 0, file.size());
            }
        }
    }

    private static void downloadHeaders(Context ctx, FileDownload download, boolean forceAttachment, String etag,
            Instant modified) {
        // PocketBase compat: uploaded files may be embedded in frames (they are sandboxed by the CSP).
        ctx.res().setHeader("X-Frame-Options", null);
        String disposition = download.isInline() && !forceAttachment ? "inline" : "attachment";
        ctx.header("Content-Disposition", disposition + "; filename=" + download.name());
        ctx.header("Content-Security-Policy", CSP);
        ctx.header("Cache-Control", CACHE_CONTROL);
        ctx.header("Accept-Ranges", "bytes");
        ctx.header("Last-Modified", HTTP_DATE.format(modified.atZone(ZoneOffset.UTC)));
        ctx.header("ETag", etag);
        // The detected type as it is: no charset is known for stored bytes (Javalin's default
        // content type brings one, which the servlet response would append).
        ctx.res().setCharacterEncoding(null);
        ctx.res().setContentType(download.contentType());
    }

    private static void stream(Context ctx, StoredFile file, long first, long length) throws IOException {
        ctx.res().setContentLengthLong(length);
        if (ctx.method() == HandlerType.HEAD || length == 0) {
            return;
        }
        try (InputStream in = file.content().open()) {
            in.skipNBytes(first);
            copy(in, ctx.res().getOutputStream(), length);
        }
    }

    /**
     * 200 to go on, 304 when the client's copy is current, 412 when a precondition fails; in the
     * order of RFC 9110 §13.2.2.
     */
    private static int precondition(Context ctx, String etag, Instant modified) {
        String ifMatch = ctx.header("If-Match");
        if (ifMatch != null) {
            if (!matchesAny(ifMatch, etag, false)) {
                return 412;
            }
        } else {
            Instant since = httpDate(ctx.header("If-Unmodified-Since"));
            if (since != null && modified.isAfter(since)) {
                return 412;
            }
        }
        String ifNoneMatch = ctx.header("If-None-Match");
        boolean safe = ctx.method() == HandlerType.GET || ctx.method() == HandlerType.HEAD;
        if (ifNoneMatch != null) {
            if (matchesAny(ifNoneMatch, etag, true)) {
                return safe ? 304 : 412;
            }
        } else if (safe) {
            Instant since = httpDate(ctx.header("If-Modified-Since"));
            if (since != null && !modified.isAfter(since)) {
                return 304;
            }
        }
        return 200;
    }

    /** Whether {@code If-Range} (if any) still names this version of the file. */
    private static boolean rangeApplies(Context ctx, String etag, Instant modified) {
        String ifRange = ctx.header("If-Range");
        if (ifRange == null) {
            return true;
        }
        ifRange = ifRange.strip();
        if (ifRange.startsWith("\"") || ifRange.startsWith("W/")) {
            return ifRange.equals(etag);
        }
        Instant date = httpDate(ifRange);
        return date != null && date.equals(modified);
    }

    /** The range a {@code Range} header asks of a file of {@code size} bytes. */
    static RangeRequest parseRange(String header, long size) {
        String value = header.strip();
        if (!value.regionMatches(true, 0, "bytes=", 0, 6)) {
            return RangeRequest.WHOLE;
        }
        String spec = value.substring(6).strip();
        int dash = spec.indexOf('-');
        if (spec.indexOf(',') >= 0 || dash < 0) {
            return RangeRequest.WHOLE;
        }
        String from = spec.substring(0, dash).strip();
        String to = spec.substring(dash + 1).strip();
        try {
            if (from.isEmpty()) {
                long suffix = Long.parseLong(to);
                if (suffix < 0) {
                    return RangeRequest.WHOLE;
                }
                return suffix == 0 || size == 0 ? RangeRequest.UNSATISFIABLE
                        : new RangeRequest.Part(Math.max(0, size - suffix), size - 1);
            }
            long first = Long.parseLong(from);
            long last = to.isEmpty() ? Long.MAX_VALUE : Long.parseLong(to);
            if (first < 0 || last < first) {
                return RangeRequest.WHOLE;
            }
            return first >= size ? RangeRequest.UNSATISFIABLE : new RangeRequest.Part(first, Math.min(last, size - 1));
        } catch (NumberFormatException e) {
            return RangeRequest.WHOLE;
        }
    }

    // Size and modification time stand in for the content: a replaced file changes both or either.
    private static String etag(StoredFile file) {
        return "\"" + Long.toHexString(file.modified().toEpochMilli()) + "-" + Long.toHexString(file.size()) + "\"";
    }

    /** Whether a list of entity tags ({@code *} or {@code "a", W/"b"}) names {@code etag}. */
    private static boolean matchesAny(String header, String etag, boolean weak) {
        for (String candidate : header.split(",")) {
            String tag = candidate.strip();
            if (tag.equals("*")) {
                return true;
            }
            if (weak && tag.startsWith("W/")) {
                tag = tag.substring(2);
            }
            if (tag.equals(etag)) {
                return true;
            }
        }
        return false;
    }

    private static Instant httpDate(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return ZonedDateTime.parse(value.strip(), HTTP_DATE).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /**
     * Copies {@code length} bytes. A failed read is the store's problem and propagates; a failed
     * write is a client that went away (a closed tab, a seek in a video), which is no error.
     */
    private static void copy(InputStream in, OutputStream out, long length) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long left = length;
        while (left > 0) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) {
                break;
            }
            try {
                out.write(buffer, 0, n);
            } catch (IOException e) {
                log.debug("download aborted by the client bytesLeft={} reason={}", left, e.toString());
                return;
            }
            left -= n;
        }
        try {
            out.flush();
        } catch (IOException e) {
            log.debug("download aborted by the client reason={}", e.toString());
        }
    }
}
