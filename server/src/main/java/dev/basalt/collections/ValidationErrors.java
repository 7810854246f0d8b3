package dev.basalt.collections;

import dev.basalt.error.FieldError;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Field errors collected while validating, nested the way PocketBase nests them in an error
 * envelope's {@code data} ({@code fields.0.name.code}). The first error recorded for a key wins,
 * as ozzo-validation keeps only the first failing rule per field.
 */
final class ValidationErrors {

    private final Map<String, Object> errors = new LinkedHashMap<>();

    ValidationErrors add(String key, FieldError error) {
        errors.putIfAbsent(key, error);
        return this;
    }

    ValidationErrors add(String key, ValidationErrors nested) {
        if (!nested.isEmpty()) {
            errors.putIfAbsent(key, nested.toMap());
        }
        return this;
    }

    boolean has(String key) {
        return errors.containsKey(key);
    }

    boolean isEmpty() {
        return errors.isEmpty();
    }

    Map<String, Object> toMap() {
        return new LinkedHashMap<>(errors);
    }

    static FieldError error(String code, String message) {
        return new FieldError(code, message);
    }

    static FieldError error(String code, String message, Map<String, Object> params) {
        return new FieldError(code, message, params);
    }
}
