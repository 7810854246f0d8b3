package dev.basalt.http;

import dev.basalt.error.ApiException;
import dev.basalt.records.Record;
import dev.basalt.records.RecordBatch;
import dev.basalt.records.RequestInfo;
import dev.basalt.settings.Settings;
import dev.basalt.settings.SettingsService;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /api/batch}: record creates, updates, upserts and deletes sent together and run in
 * one transaction ({@link RecordBatch}), when {@code settings.batch} allows it.
 */
final class BatchApi {

    static final String PATH = "/api/batch";

    // PocketBase's values when the settings give none.
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(3);

    private final RecordBatch batch;
    private final RecordResponses responses;
    private final SettingsService settings;

    BatchApi(RecordBatch batch, RecordResponses responses, SettingsService settings) {
        this.batch = batch;
        this.responses = responses;
        this.settings = settings;
    }

    void routes(RoutesConfig r) {
        r.post(PATH, this::batch);
    }

    private void batch(Context ctx) {
        Settings.Batch s = settings.current().batch();
        if (!s.enabled() || s.maxRequests() <= 0) {
            throw ApiException.forbidden("Batch requests are not allowed.");
        }
        List<BatchSubRequest> requests = BatchBody.read(ctx, s.maxBodySize() > 0 ? s.maxBodySize() : BodyLimits.DEFAULT_BATCH_LIMIT,
                s.maxRequests());
        RequestInfo info = Requests.requestInfo(ctx);
        List<RecordBatch.Operation> operations = requests.stream()
                .map(r -> new RecordBatch.Operation(r.action(), r.info(info)))
                .toList();
        Duration timeout = s.timeout() > 0 ? Duration.ofSeconds(s.timeout()) : DEFAULT_TIMEOUT;
        Responses.json(ctx, batch.run(operations, timeout, this::render));
    }

    /** A sub-request's record as its own endpoint would answer it: {@code expand} and {@code fields} from its URL. */
    private Object render(Record record, RequestInfo request) {
        Map<String, Object> body = responses.render(List.of(record), request.query().get("expand"), request).getFirst();
        String fields = request.query().get(FieldsProjection.PARAM);
        return fields == null || fields.isEmpty() ? body : FieldsProjection.parse(fields).apply(Json.MAPPER.valueToTree(body));
    }
}
