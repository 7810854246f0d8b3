package dev.basalt.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.javalin.http.Context;

/** Writes successful JSON responses; the {@code fields} query parameter applies to all of them. */
final class Responses {

    private Responses() {}

    /**
     * Writes {@code body} as JSON. On a 2xx status with a {@code fields} parameter only the selected
     * keys are written (error envelopes are never projected).
     *
     * @throws dev.basalt.error.ApiException 400 when the {@code fields} parameter is malformed
     */
    static void json(Context ctx, Object body) {
        Object out = body;
        String fields = ctx.queryParam(FieldsProjection.PARAM);
        int status = ctx.statusCode();
        if (fields != null && !fields.isEmpty() && status >= 200 && status < 300) {
            out = FieldsProjection.parse(fields).apply(Json.MAPPER.valueToTree(body));
        }
        try {
            ctx.contentType("application/json").result(Json.MAPPER.writeValueAsBytes(out));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise response", e);
        }
    }

    static void noContent(Context ctx) {
        ctx.status(204);
    }
}
