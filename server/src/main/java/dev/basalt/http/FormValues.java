package dev.basalt.http;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Form values (url-encoded now, multipart text parts later) as a body map, with PocketBase's type
 * inference: {@code true}/{@code false} become booleans, a number only when printing it back gives
 * the same text (so {@code 0001} and {@code 1e3} stay strings), a repeated key becomes a list.
 */
final class FormValues {

    private FormValues() {}

    static Map<String, Object> infer(Map<String, List<String>> form) {
        Map<String, Object> out = new LinkedHashMap<>();
        form.forEach((key, values) -> {
            List<Object> inferred = values.stream().map(FormValues::infer).toList();
            out.put(key, inferred.size() == 1 ? inferred.getFirst() : inferred);
        });
        return out;
    }

    static Object infer(String value) {
        if (value.equals("true") || value.equals("false")) {
            return Boolean.parseBoolean(value);
        }
        if (!value.matches("-?\\d+(\\.\\d+)?")) {
            return value;
        }
        BigDecimal number = new BigDecimal(value);
        String printed = number.stripTrailingZeros().toPlainString();
        return printed.equals(value) ? (Object) number.doubleValue() : value;
    }
}
