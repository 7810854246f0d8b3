package dev.basalt.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.basalt.error.ApiException;
import io.javalin.http.Context;

/** Request body parsing; a malformed body is a 400 with empty data. */
final class Bodies {

    private Bodies() {}

    /** The JSON body as a tree; an empty body is {@code {}}. */
    static JsonNode json(Context ctx) {
        return json(ctx.body());
    }

    /** As {@link #json(Context)}, for a body already read. */
    static JsonNode json(String body) {
        if (body.isBlank()) {
            return Json.MAPPER.createObjectNode();
        }
        try {
            return Json.MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("Failed to load the submitted data due to invalid formatting.");
        }
    }
}
