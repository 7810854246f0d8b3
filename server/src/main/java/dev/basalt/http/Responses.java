package dev.basalt.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.javalin.http.Context;

/** Writes successful JSON responses; the {@code fields} query parameter applies to all of them. */
final class Responses {

    private Responses() {}

    static void json(Context ctx, Object body) {
        try {
            ctx.contentType("application/json").result(Json.MAPPER.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise response", e);
        }
    }

    static void noContent(Context ctx) {
        ctx.status(204);
    }
}
