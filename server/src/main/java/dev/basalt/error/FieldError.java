package dev.basalt.error;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * One validation failure, as the wire shows it inside an error envelope's {@code data}:
 * {@code {"code": "validation_required", "message": "Cannot be blank."}}.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record FieldError(String code, String message, Map<String, Object> params) {

    public FieldError {
        params = params == null ? Map.of() : Map.copyOf(params);
    }

    public FieldError(String code, String message) {
        this(code, message, Map.of());
    }

    public static FieldError required() {
        return new FieldError("validation_required", "Cannot be blank.");
    }

    public static FieldError invalid(String message) {
        return new FieldError("validation_invalid_value", message);
    }
}
