package dev.basalt.http;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.basalt.error.ApiException;
import dev.basalt.error.FieldError;
import dev.basalt.files.FileUpload;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The body of {@code POST /api/batch}: JSON {@code {"requests":[{method, url, headers, body}]}}, or
 * multipart form data whose {@code @jsonPayload} holds that JSON and whose file parts named
 * {@code requests.<i>.<field>} or {@code requests[<i>].<field>} are the files of sub-request
 * {@code i} under {@code <field>} (the JS SDK sends every batch this way, the first form).
 */
final class BatchBody {

    static final int MAX_URL_LENGTH = 2000;
    static final String READ_FAILED = "Failed to read the submitted batch data.";
    static final String INVALID = "Invalid batch request data.";

    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE");
    private static final Pattern FILE_KEY = Pattern.compile("requests(?:\\.(\\d+)\\.|\\[(\\d+)]\\.)(.+)");
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {};

    private BatchBody() {}

    /**
     * Reads and validates the sub-requests of a batch.
     *
     * @throws ApiException 413 past {@code maxBytes}; 400 {@value #READ_FAILED} for a body of the
     *                      wrong shape; 400 {@value #INVALID} with {@code data.requests} errors
     */
    static List<BatchSubRequest> read(Context ctx, long maxBytes, int maxRequests) {
        if (ctx.contentLength() > maxBytes) {
            throw ApiException.tooLarge();
        }
        Map<String, Object> body;
        if (MultipartBody.isMultipart(ctx)) {
            try {
                body = MultipartBody.parse(ctx);
            } catch (ApiException e) {
                throw ApiException.badRequest(READ_FAILED);
            }
        } else {
            body = json(ctx, maxBytes);
        }
        List<BatchSubRequest> requests = requests(body);
        validate(requests, maxRequests);
        return requests;
    }

    /**
     * The sub-requests of a body map (as {@link MultipartBody} or a JSON body gives it), each file
     * part routed into the body of the sub-request its key names; file keys naming no sub-request,
     * and text values under file keys, are ignored (as PocketBase does).
     */
    static List<BatchSubRequest> requests(Map<String, Object> body) {
        List<BatchSubRequest> requests = new ArrayList<>();
        switch (body.get("requests")) {
            case null -> { }
            case List<?> items -> items.forEach(item -> requests.add(subRequest(item)));
            default -> throw ApiException.badRequest(READ_FAILED);
        }
        Map<Integer, Map<String, List<Object>>> files = new LinkedHashMap<>();
        body.forEach((key, value) -> {
            Matcher m = FILE_KEY.matcher(key);
            List<FileUpload> uploads = uploads(value);
            if (m.matches() && !uploads.isEmpty()) {
                int index = parseIndex(m.group(1) != null ? m.group(1) : m.group(2));
                files.computeIfAbsent(index, i -> new LinkedHashMap<>())
                        .computeIfAbsent(m.group(3), f -> new ArrayList<>()).addAll(uploads);
            }
        });
        files.forEach((index, fields) -> {
            if (index < requests.size()) {
                requests.set(index, requests.get(index).withBodyValues(fields));
            }
        });
        return requests;
    }

    /** PocketBase's checks: 1 to {@code max} sub-requests; each with a known method and a URL of at most 2000 characters. */
    static void validate(List<BatchSubRequest> requests, int max) {
        if (requests.isEmpty()) {
            throw invalid(FieldError.required());
        }
        if (requests.size() > max) {
            throw invalid(new FieldError("validation_length_too_long", "The length must be no more than " + max + "."));
        }
        Map<String, Object> errors = new LinkedHashMap<>();
        for (int i = 0; i < requests.size(); i++) {
            BatchSubRequest r = requests.get(i);
            Map<String, FieldError> item = new LinkedHashMap<>();
            // PocketBase compat: the method must be spelled upper case ("post" is not a valid value).
            if (r.method().isEmpty()) {
                item.put("method", FieldError.required());
            } else if (!METHODS.contains(r.method())) {
                item.put("method", new FieldError("validation_in_invalid", "Must be a valid value."));
            }
            if (r.url().isEmpty()) {
                item.put("url", FieldError.required());
            } else if (r.url().length() > MAX_URL_LENGTH) {
                item.put("url", new FieldError("validation_length_too_long",
                        "The length must be no more than " + MAX_URL_LENGTH + "."));
            }
            if (!item.isEmpty()) {
                errors.put(String.valueOf(i), item);
            }
        }
        if (!errors.isEmpty()) {
            throw invalid(errors);
        }
    }

    private static ApiException invalid(Object requestsError) {
        return ApiException.badRequest(INVALID, Map.of("requests", requestsError));
    }

    // The global body limit lets /api/batch through, and Javalin's reader would apply it again: read
    // the stream with the batch limit instead.
    private static Map<String, Object> json(Context ctx, long maxBytes) {
        byte[] bytes;
        try (InputStream in = ctx.bodyInputStream()) {
            bytes = in.readNBytes((int) Math.min(maxBytes + 1, Integer.MAX_VALUE - 8));
        } catch (IOException e) {
            throw ApiException.badRequest(READ_FAILED);
        }
        if (bytes.length > maxBytes) {
            throw ApiException.tooLarge();
        }
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(bytes);
        } catch (IOException e) {
            throw ApiException.badRequest(READ_FAILED);
        }
        if (node == null || node.isMissingNode()) {
            return Map.of();
        }
        if (!node.isObject()) {
            throw ApiException.badRequest(READ_FAILED);
        }
        return Json.MAPPER.convertValue(node, OBJECT);
    }

    private static BatchSubRequest subRequest(Object item) {
        if (!(item instanceof Map<?, ?> map)) {
            throw ApiException.badRequest(READ_FAILED);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        switch (map.get("headers")) {
            case null -> { }
            case Map<?, ?> h -> h.forEach((k, v) -> headers.put(String.valueOf(k), string(v)));
            default -> throw ApiException.badRequest(READ_FAILED);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        switch (map.get("body")) {
            case null -> { }
            case Map<?, ?> b -> b.forEach((k, v) -> body.put(String.valueOf(k), v));
            default -> throw ApiException.badRequest(READ_FAILED);
        }
        return new BatchSubRequest(string(map.get("method")), string(map.get("url")), headers, body);
    }

    /** A JSON string (or null, read as empty); any other type is a malformed batch, as in Go's decoder. */
    private static String string(Object value) {
        return switch (value) {
            case null -> "";
            case String s -> s;
            default -> throw ApiException.badRequest(READ_FAILED);
        };
    }

    private static List<FileUpload> uploads(Object value) {
        List<FileUpload> out = new ArrayList<>();
        if (value instanceof List<?> list) {
            for (Object item : list) {
                if (item instanceof FileUpload upload) {
                    out.add(upload);
                }
            }
        }
        return out;
    }

    private static int parseIndex(String digits) {
        try {
            return Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            return Integer.MAX_VALUE;
        }
    }
}
