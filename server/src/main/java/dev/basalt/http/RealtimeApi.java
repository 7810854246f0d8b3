package dev.basalt.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.basalt.error.ApiException;
import dev.basalt.realtime.Broker;
import dev.basalt.settings.SettingsService;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Realtime over SSE: {@code GET /api/realtime} opens the stream, {@code POST} sets its subscriptions. */
final class RealtimeApi {

    private final Broker broker;
    private final SettingsService settings;

    RealtimeApi(Broker broker, SettingsService settings) {
        this.broker = broker;
        this.settings = settings;
    }

    void routes(RoutesConfig r) {
        r.get("/api/realtime", this::connect);
        r.post("/api/realtime", this::subscribe);
    }

    private void connect(Context ctx) throws IOException {
        ctx.status(200);
        ctx.contentType("text/event-stream");
        ctx.header("Cache-Control", "no-store");
        ctx.header("X-Accel-Buffering", "no");
        SseConnection connection = new SseConnection(ctx.res().getOutputStream());
        try {
            broker.connect(ClientIp.of(ctx, settings.current().trustedProxy()), connection);
        } catch (IOException e) {
            // The peer left before PB_CONNECT could be written: nothing to register.
            return;
        }
        ctx.future(connection::closed);
    }

    private void subscribe(Context ctx) {
        JsonNode body = Bodies.json(ctx);
        JsonNode clientId = body.path("clientId");
        JsonNode subscriptions = body.path("subscriptions");
        if ((!clientId.isMissingNode() && !clientId.isNull() && !clientId.isTextual())
                || (!subscriptions.isMissingNode() && !subscriptions.isNull() && !subscriptions.isArray())) {
            throw ApiException.badRequest("Failed to load the submitted data due to invalid formatting.");
        }
        List<String> topics = new ArrayList<>();
        for (JsonNode topic : subscriptions) {
            if (!topic.isTextual()) {
                throw ApiException.badRequest("Failed to load the submitted data due to invalid formatting.");
            }
            topics.add(topic.asText());
        }
        broker.subscribe(clientId.asText(""), topics, ClientIp.of(ctx, settings.current().trustedProxy()),
                Requests.auth(ctx));
        Responses.noContent(ctx);
    }
}
