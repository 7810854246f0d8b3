package dev.basalt.http;

import dev.basalt.auth.VerifiedToken;
import dev.basalt.records.Record;
import dev.basalt.records.RequestInfo;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Reads what services need from a Javalin request. */
final class Requests {

    static final String AUTH_ATTRIBUTE = "basalt.auth";
    static final String TOKEN_ATTRIBUTE = "basalt.authToken";

    private Requests() {}

    /** The authenticated record that {@link TokenAuth} put on the request, or null for a guest. */
    static Record auth(Context ctx) {
        return ctx.attribute(AUTH_ATTRIBUTE);
    }

    /** The verified auth token of the request (its claims), or null for a guest. */
    static VerifiedToken authToken(Context ctx) {
        return ctx.attribute(TOKEN_ATTRIBUTE);
    }

    /** The {@code @request.*} view of this request (without body). */
    static RequestInfo requestInfo(Context ctx) {
        Map<String, String> query = new LinkedHashMap<>();
        ctx.queryParamMap().forEach((k, v) -> {
            if (!v.isEmpty()) {
                query.put(k, v.getFirst());
            }
        });
        Map<String, String> headers = new LinkedHashMap<>();
        for (String h : ctx.headerMap().keySet()) {
            headers.putIfAbsent(h.toLowerCase(Locale.ROOT).replace('-', '_'), ctx.header(h));
        }
        return new RequestInfo(auth(ctx), ctx.method().name(), query, headers, Map.of(), RequestInfo.CONTEXT_DEFAULT);
    }
}
