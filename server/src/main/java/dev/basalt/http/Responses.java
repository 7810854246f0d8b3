package dev.basalt.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.javalin.http.Context;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

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
        byte[] bytes;
        try {
            bytes = Json.MAPPER.writeValueAsBytes(out);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise response", e);
        }
        ctx.contentType("application/json");
        if (status >= 300) {
            // An error can answer before the request's body was read. Errors stay with Javalin,
            // which sends them after the handler: written here, a 403 to an unread POST once left
            // a test client reusing a connection the server had closed.
            ctx.result(bytes);
            return;
        }
        // Written here with its length rather than handed to Javalin as a result: Javalin copies a
        // result through its compression stream in 8 KB pieces and sends it chunked, which cost a
        // list response about a tenth of its CPU.
        HttpServletResponse res = ctx.res();
        res.setContentLength(bytes.length);
        try {
            res.getOutputStream().write(bytes);
        } catch (IOException e) {
            // The client went away mid-response: there is no one left to tell.
        }
    }

    static void noContent(Context ctx) {
        ctx.status(204);
    }
}
