package dev.basalt.http;

import dev.basalt.error.ApiException;
import java.util.Map;

/** The body of every error response: {@code {"status", "message", "data"}}. */
record ErrorEnvelope(int status, String message, Map<String, Object> data) {

    static ErrorEnvelope of(ApiException e) {
        return new ErrorEnvelope(e.status(), e.getMessage(), e.data());
    }
}
