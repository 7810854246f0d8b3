package dev.basalt.http;

import dev.basalt.records.RecordBatch;
import dev.basalt.records.RequestInfo;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One sub-request of a batch as submitted.
 *
 * @param method  as sent ("" when missing); checked by {@link BatchBody#validate}
 * @param url     path and query, e.g. {@code /api/collections/posts/records?expand=author}
 * @param headers as sent; they override the batch request's own headers, except
 *                {@code Authorization} (a batch runs with the batch requester's auth)
 * @param body    the record body; file values are lists of {@link dev.basalt.files.FileUpload}s
 */
record BatchSubRequest(String method, String url, Map<String, String> headers, Map<String, Object> body) {

    // PocketBase's action patterns: the path of a records route, then an optional query.
    private static final Pattern RECORDS = Pattern.compile("/api/collections/([^/?]+)/records(\\?.*)?", Pattern.UNIX_LINES);
    private static final Pattern RECORD = Pattern.compile("/api/collections/([^/?]+)/records/([^/?]+)(\\?.*)?",
            Pattern.UNIX_LINES);

    BatchSubRequest {
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        // JSON nulls are values here, so no Map.copyOf.
        body = Collections.unmodifiableMap(new LinkedHashMap<>(body));
    }

    /** This sub-request with these body keys set (replacing what the JSON gave them). */
    BatchSubRequest withBodyValues(Map<String, List<Object>> values) {
        Map<String, Object> merged = new LinkedHashMap<>(body);
        merged.putAll(values);
        return new BatchSubRequest(method, url, headers, merged);
    }

    /** The record action the method and URL name; anything else is {@code Unsupported}. */
    RecordBatch.Action action() {
        String m = method.toUpperCase(Locale.ROOT);
        Matcher records = RECORDS.matcher(url);
        Matcher record = RECORD.matcher(url);
        if (records.matches() && (m.equals("POST") || m.equals("PUT"))) {
            return m.equals("POST") ? new RecordBatch.Action.Create(records.group(1), body)
                    : new RecordBatch.Action.Upsert(records.group(1), body);
        }
        if (record.matches() && m.equals("PATCH")) {
            return new RecordBatch.Action.Update(record.group(1), record.group(2), body);
        }
        if (record.matches() && m.equals("DELETE")) {
            return new RecordBatch.Action.Delete(record.group(1), record.group(2));
        }
        return new RecordBatch.Action.Unsupported(method, url);
    }

    /** The sub-request as rules see it: the batch requester's auth with this method, query and headers. */
    RequestInfo info(RequestInfo batch) {
        Map<String, String> merged = new LinkedHashMap<>(batch.headers());
        headers.forEach((name, value) -> {
            // Named as Requests.requestInfo names headers: lower case, '-' as '_'.
            String key = name.toLowerCase(Locale.ROOT).replace('-', '_');
            if (!key.equals("authorization")) {
                merged.put(key, value);
            }
        });
        return new RequestInfo(batch.auth(), method.toUpperCase(Locale.ROOT), query(), merged, Map.of(),
                batch.context());
    }

    /** The URL's query parameters, first value of each; a pair that does not decode is skipped, as Go does. */
    Map<String, String> query() {
        int start = url.indexOf('?');
        Map<String, String> out = new LinkedHashMap<>();
        if (start < 0) {
            return out;
        }
        for (String pair : url.substring(start + 1).split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            try {
                String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                out.putIfAbsent(key, value);
            } catch (IllegalArgumentException e) {
                // a malformed escape: Go's ParseQuery drops the pair too
            }
        }
        return out;
    }
}
