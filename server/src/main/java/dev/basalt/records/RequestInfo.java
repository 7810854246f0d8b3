package dev.basalt.records;

import dev.basalt.collections.SystemCollections;
import java.util.Map;
import java.util.Optional;

/**
 * What a rule may ask about the request ({@code @request.*}): the authenticated record, the method,
 * query parameters, headers (names lower snake_case), the body and the context the rule runs in.
 *
 * @param auth the authenticated record, or {@code null} for a guest ({@code @request.auth.*}
 *             resolves to NULL then, as on the wire)
 */
public record RequestInfo(
        Record auth,
        String method,
        Map<String, String> query,
        Map<String, String> headers,
        Map<String, Object> body,
        String context) {

    public static final String CONTEXT_DEFAULT = "default";
    public static final String CONTEXT_EXPAND = "expand";

    public RequestInfo {
        method = method == null ? "GET" : method;
        query = query == null ? Map.of() : Map.copyOf(query);
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        body = body == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(body));
        context = context == null ? CONTEXT_DEFAULT : context;
    }

    public static RequestInfo guest() {
        return new RequestInfo(null, "GET", Map.of(), Map.of(), Map.of(), CONTEXT_DEFAULT);
    }

    public static RequestInfo of(Record auth) {
        return new RequestInfo(auth, "GET", Map.of(), Map.of(), Map.of(), CONTEXT_DEFAULT);
    }

    public Optional<Record> authRecord() {
        return Optional.ofNullable(auth);
    }

    public boolean isSuperuser() {
        return auth != null && SystemCollections.SUPERUSERS.equals(auth.collection().name());
    }

    public RequestInfo withContext(String newContext) {
        return new RequestInfo(auth, method, query, headers, body, newContext);
    }

    public RequestInfo withBody(Map<String, Object> newBody) {
        return new RequestInfo(auth, method, query, headers, newBody, context);
    }
}
