package dev.basalt.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.basalt.error.ApiException;
import dev.basalt.records.Expander;
import dev.basalt.records.ListRequest;
import dev.basalt.records.ListResult;
import dev.basalt.records.Record;
import dev.basalt.records.RecordService;
import dev.basalt.records.RequestInfo;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The records CRUD endpoints of base and auth collections. */
final class RecordsApi {

    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {};
    private static final String INVALID_BODY = "Failed to load the submitted data due to invalid formatting.";

    private final RecordService records;
    private final RecordResponses responses;

    RecordsApi(RecordService records, Expander expander) {
        this.records = records;
        this.responses = new RecordResponses(records, expander);
    }

    void routes(RoutesConfig r) {
        r.get("/api/collections/{collection}/records", this::list);
        r.get("/api/collections/{collection}/records/{id}", this::view);
        r.post("/api/collections/{collection}/records", this::create);
        r.patch("/api/collections/{collection}/records/{id}", this::update);
        r.delete("/api/collections/{collection}/records/{id}", this::delete);
    }

    private void list(Context ctx) {
        RequestInfo info = Requests.requestInfo(ctx);
        ListRequest request = new ListRequest(intParam(ctx, "page", 1), intParam(ctx, "perPage", ListRequest.DEFAULT_PER_PAGE),
                ctx.queryParam("sort"), ctx.queryParam("filter"), boolParam(ctx, "skipTotal"));
        ListResult result = records.list(ctx.pathParam("collection"), request, info);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("page", result.page());
        out.put("perPage", result.perPage());
        out.put("totalItems", result.totalItems());
        out.put("totalPages", result.totalPages());
        out.put("items", wire(ctx, result.items(), info));
        Responses.json(ctx, out);
    }

    private void view(Context ctx) {
        RequestInfo info = Requests.requestInfo(ctx);
        Record record = records.view(ctx.pathParam("collection"), ctx.pathParam("id"), info);
        Responses.json(ctx, wire(ctx, List.of(record), info).getFirst());
    }

    // PocketBase compat: a create answers 200, not 201.
    private void create(Context ctx) {
        RequestInfo info = Requests.requestInfo(ctx);
        Record record = records.create(ctx.pathParam("collection"), () -> body(ctx), info);
        Responses.json(ctx, wire(ctx, List.of(record), info).getFirst());
    }

    private void update(Context ctx) {
        RequestInfo info = Requests.requestInfo(ctx);
        Record record = records.update(ctx.pathParam("collection"), ctx.pathParam("id"), () -> body(ctx), info);
        Responses.json(ctx, wire(ctx, List.of(record), info).getFirst());
    }

    private void delete(Context ctx) {
        records.delete(ctx.pathParam("collection"), ctx.pathParam("id"), Requests.requestInfo(ctx));
        Responses.noContent(ctx);
    }

    private List<Map<String, Object>> wire(Context ctx, List<Record> items, RequestInfo info) {
        return responses.render(items, ctx.queryParam("expand"), info);
    }

    /**
     * The write body: a JSON object, url-encoded form values with PocketBase's type inference, or
     * multipart form data whose file parts become {@link dev.basalt.files.FileUpload} values.
     */
    private static Map<String, Object> body(Context ctx) {
        String type = ctx.contentType() == null ? "" : ctx.contentType().toLowerCase(Locale.ROOT);
        if (MultipartBody.isMultipart(ctx)) {
            return MultipartBody.parse(ctx);
        }
        if (type.startsWith("application/x-www-form-urlencoded")) {
            return FormValues.infer(ctx.formParamMap());
        }
        if (!type.isEmpty() && !type.startsWith("application/json") && !ctx.body().isBlank()) {
            throw ApiException.badRequest("Unsupported Content-Type " + type + ": send JSON, url-encoded or multipart form data.");
        }
        // Straight to a map, not through a tree: the same values (Jackson's untyped mapping), one pass.
        String text = BodyLimits.text(ctx);
        if (text.isBlank()) {
            return new LinkedHashMap<>();
        }
        try {
            Map<String, Object> body = Json.MAPPER.readValue(text, OBJECT);
            if (body == null) {
                throw ApiException.badRequest(INVALID_BODY);
            }
            return body;
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest(INVALID_BODY);
        }
    }

    private static int intParam(Context ctx, String name, int fallback) {
        String raw = ctx.queryParam(name);
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(raw.strip());
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("Invalid " + name + " value " + raw + ": must be an integer.");
        }
    }

    // Go's strconv.ParseBool spellings.
    private static boolean boolParam(Context ctx, String name) {
        String raw = ctx.queryParam(name);
        return raw != null && switch (raw.strip()) {
            case "1", "t", "T", "true", "TRUE", "True" -> true;
            default -> false;
        };
    }
}
