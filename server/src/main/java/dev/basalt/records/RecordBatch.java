package dev.basalt.records;

import dev.basalt.collections.Collection;
import dev.basalt.error.ApiException;
import dev.basalt.store.Database;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The batch use case (PocketBase's {@code POST /api/batch}): record creates, updates, upserts and
 * deletes run in order in one transaction, each through {@link RecordService} with the rules and
 * validation of its own endpoint and {@code @request.context = "batch"}. The first failure rolls
 * every write back and is reported with its index; the events of a committed batch reach the
 * {@link RecordService#onCommitted} listeners only after the commit.
 */
public final class RecordBatch {

    /** The {@code @request.context} of a batch's sub-requests. */
    public static final String CONTEXT = "batch";

    static final String FAILED = "Batch transaction failed.";

    private final Database db;
    private final RecordService records;
    private final RecordRepository repository = new RecordRepository();

    public RecordBatch(Database db, RecordService records) {
        this.db = db;
        this.records = records;
    }

    /**
     * One sub-request.
     *
     * @param request the sub-request as rules see it: the batch requester's auth, the sub-request's
     *                method, query and headers (its context is set to {@link #CONTEXT} here)
     */
    public record Operation(Action action, RequestInfo request) {}

    /** What a sub-request asks for. */
    public sealed interface Action {

        /** {@code POST /api/collections/{collection}/records}. */
        record Create(String collection, Map<String, Object> body) implements Action {}

        /** {@code PATCH /api/collections/{collection}/records/{id}}. */
        record Update(String collection, String id, Map<String, Object> body) implements Action {}

        /**
         * {@code PUT /api/collections/{collection}/records}: an update when {@code body.id} names a
         * stored record of the collection (whatever the rules say about seeing it), a create otherwise.
         */
        record Upsert(String collection, Map<String, Object> body) implements Action {}

        /** {@code DELETE /api/collections/{collection}/records/{id}}. */
        record Delete(String collection, String id) implements Action {}

        /** Any other method and URL: it fails the batch when its turn comes. */
        record Unsupported(String method, String url) implements Action {}
    }

    /** The answer to one sub-request: 200 and the rendered record, or 204 and a null body. */
    public record Result(int status, Object body) {}

    /**
     * Turns a written record into its response body. Runs inside the batch's transaction, so an
     * expansion sees the writes of the earlier sub-requests; an {@link ApiException} it throws fails
     * the sub-request.
     */
    @FunctionalInterface
    public interface Renderer {
        Object render(Record record, RequestInfo request);
    }

    /**
     * Runs the operations in order in one transaction and returns their results in the same order.
     *
     * @param timeout how long the transaction may run; checked before each operation and after the
     *                last, so an operation already running is not interrupted
     * @throws ApiException 400 "Batch transaction failed." with
     *                      {@code data.requests.<index> = {code: batch_request_failed, message,
     *                      response: {data, message, status}}} when an operation fails, or with empty
     *                      data when the timeout passes; nothing is written either way
     */
    public List<Result> run(List<Operation> operations, Duration timeout, Renderer renderer) {
        return db.transaction(tx -> {
            // The clock starts once the transaction holds the writer, as in PocketBase.
            long deadline = System.nanoTime() + timeout.toNanos();
            List<Result> results = new ArrayList<>(operations.size());
            for (int i = 0; i < operations.size(); i++) {
                requireTime(deadline);
                results.add(runOne(i, operations.get(i), renderer));
            }
            requireTime(deadline);
            return results;
        });
    }

    private Result runOne(int index, Operation operation, Renderer renderer) {
        RequestInfo request = operation.request().withContext(CONTEXT);
        try {
            return switch (operation.action()) {
                case Action.Create a -> rendered(records.create(a.collection(), a.body(), request), request, renderer);
                case Action.Update a -> rendered(records.update(a.collection(), a.id(), a.body(), request), request, renderer);
                case Action.Upsert a -> upsert(a, request, renderer);
                case Action.Delete a -> {
                    records.delete(a.collection(), a.id(), request);
                    yield new Result(204, null);
                }
                case Action.Unsupported a -> throw ApiException.badRequest("Unsupported batch request action "
                        + a.method() + " " + a.url() + ": only record create, update, upsert and delete are allowed.");
            };
        } catch (ApiException e) {
            throw failed(index, e);
        }
    }

    private Result upsert(Action.Upsert a, RequestInfo request, Renderer renderer) {
        // PocketBase compat: whether the record exists is asked without the rules; a record the
        // requester may not see then fails as its update would.
        Collection c = records.collection(a.collection());
        String id = FieldValues.text(a.body().get("id"));
        boolean exists = !id.isEmpty() && db.read(dsl -> repository.findById(dsl, c, id)).isPresent();
        if (exists) {
            RequestInfo update = method(request, "PATCH");
            return rendered(records.update(a.collection(), id, a.body(), update), update, renderer);
        }
        RequestInfo create = method(request, "POST");
        return rendered(records.create(a.collection(), a.body(), create), create, renderer);
    }

    private static Result rendered(Record record, RequestInfo request, Renderer renderer) {
        return new Result(200, renderer.render(record, request));
    }

    private static RequestInfo method(RequestInfo r, String method) {
        return new RequestInfo(r.auth(), method, r.query(), r.headers(), r.body(), r.context());
    }

    private static void requireTime(long deadline) {
        if (System.nanoTime() - deadline > 0) {
            throw ApiException.badRequest(FAILED);
        }
    }

    // PocketBase compat: the failed sub-request's own error travels whole under "response", with
    // PocketBase's key order.
    private static ApiException failed(int index, ApiException cause) {
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("data", cause.data());
        response.put("message", cause.getMessage());
        response.put("status", cause.status());
        Map<String, Object> failure = new LinkedHashMap<>();
        failure.put("code", "batch_request_failed");
        failure.put("message", "Batch request failed.");
        failure.put("response", response);
        return ApiException.badRequest(FAILED, Map.of("requests", Map.of(String.valueOf(index), failure)));
    }
}
