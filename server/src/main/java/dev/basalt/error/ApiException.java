package dev.basalt.error;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The error every API endpoint answers with: an HTTP status, a human message and a {@code data}
 * object of field errors (values are {@link FieldError}s or nested maps of them). The HTTP layer
 * maps it to PocketBase's envelope {@code {"status", "message", "data"}} in one place.
 */
public final class ApiException extends RuntimeException {

    private final int status;
    private final Map<String, Object> data;

    public ApiException(int status, String message, Map<String, ?> data) {
        super(normalise(message), null, false, false);
        this.status = status;
        this.data = data == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(data));
    }

    public ApiException(int status, String message) {
        this(status, message, Map.of());
    }

    public int status() {
        return status;
    }

    public Map<String, Object> data() {
        return data;
    }

    public static ApiException badRequest(String message) {
        return new ApiException(400, message);
    }

    public static ApiException badRequest(String message, Map<String, ?> data) {
        return new ApiException(400, message, data);
    }

    public static ApiException badRequest() {
        return badRequest("Something went wrong while processing your request.");
    }

    public static ApiException unauthorized() {
        return unauthorized("Missing or invalid authentication.");
    }

    public static ApiException unauthorized(String message) {
        return new ApiException(401, message);
    }

    public static ApiException forbidden() {
        return forbidden("You are not allowed to perform this request.");
    }

    public static ApiException forbidden(String message) {
        return new ApiException(403, message);
    }

    public static ApiException notFound() {
        return notFound("The requested resource wasn't found.");
    }

    public static ApiException notFound(String message) {
        return new ApiException(404, message);
    }

    public static ApiException tooLarge() {
        return new ApiException(413, "Request entity too large.");
    }

    public static ApiException internal() {
        return new ApiException(500, "Something went wrong while processing your request.");
    }

    // PocketBase compat: messages start upper-case and end with '.', '?' or '!'.
    static String normalise(String message) {
        if (message == null || message.isBlank()) {
            return "Something went wrong while processing your request.";
        }
        String m = message.strip();
        m = Character.toUpperCase(m.charAt(0)) + m.substring(1);
        char last = m.charAt(m.length() - 1);
        return last == '.' || last == '?' || last == '!' ? m : m + ".";
    }
}
