package dev.basalt.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.basalt.error.ApiException;
import dev.basalt.files.FileUpload;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@code multipart/form-data} body as a body map, the way PocketBase reads it: text parts with
 * the form type inference of {@link FormValues}; every {@code @jsonPayload} part parsed as a JSON
 * object and merged over them (the JS SDK puts arrays and objects there); file parts as
 * {@link FileUpload}s. A key with file parts maps to a list holding the key's text values first
 * (existing file names to keep) and then its uploads.
 */
final class MultipartBody {

    static final String JSON_PAYLOAD = "@jsonPayload";
    private static final String MAX_LENGTH_EXCEEDED = "max length exceeded";

    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {};

    private MultipartBody() {}

    static boolean isMultipart(Context ctx) {
        String type = ctx.contentType();
        return type != null && type.regionMatches(true, 0, "multipart/form-data", 0, "multipart/form-data".length());
    }

    static Map<String, Object> parse(Context ctx) {
        Map<String, List<String>> fields;
        Map<String, List<UploadedFile>> files;
        try {
            fields = ctx.formParamMap();
            files = ctx.uploadedFileMap();
        } catch (Exception e) {
            // Jetty fails while it reads the parts (a checked ServletException, rethrown unchecked
            // by Javalin): past the limit BodyLimits set, or on a truncated or malformed body.
            if (overLimit(e)) {
                throw ApiException.tooLarge();
            }
            throw ApiException.badRequest("Failed to load the submitted data due to invalid formatting.");
        }
        Map<String, List<String>> plain = new LinkedHashMap<>(fields);
        List<String> payloads = plain.remove(JSON_PAYLOAD);
        Map<String, Object> out = FormValues.infer(plain);
        if (payloads != null) {
            for (String payload : payloads) {
                out.putAll(jsonObject(payload));
            }
        }
        files.forEach((key, uploads) -> {
            if (key.equals(JSON_PAYLOAD)) {
                return;
            }
            List<Object> values = new ArrayList<>();
            Object existing = out.get(key);
            if (existing instanceof List<?> list) {
                values.addAll(list);
            } else if (existing != null && !"".equals(existing)) {
                values.add(existing);
            }
            for (UploadedFile upload : uploads) {
                values.add(new FileUpload(upload.filename(), upload.size(), upload::content));
            }
            out.put(key, values);
        });
        return out;
    }

    // Jetty reports a multipart body over its maxRequestSize only by this message.
    private static boolean overLimit(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof IllegalStateException && t.getMessage() != null && t.getMessage().startsWith(MAX_LENGTH_EXCEEDED)) {
                return true;
            }
        }
        return false;
    }

    private static Map<String, Object> jsonObject(String payload) {
        try {
            Object value = Json.MAPPER.readValue(payload, Object.class);
            if (value instanceof Map<?, ?>) {
                return Json.MAPPER.convertValue(value, OBJECT);
            }
        } catch (JsonProcessingException e) {
            // answered below
        }
        throw ApiException.badRequest("Failed to load the submitted data due to invalid formatting.");
    }
}
