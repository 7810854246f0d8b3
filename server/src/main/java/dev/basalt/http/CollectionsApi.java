package dev.basalt.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.basalt.collections.Collection;
import dev.basalt.collections.CollectionJson;
import dev.basalt.collections.CollectionPage;
import dev.basalt.collections.CollectionQuery;
import dev.basalt.collections.CollectionService;
import dev.basalt.collections.SystemCollections;
import dev.basalt.error.ApiException;
import dev.basalt.records.Record;
import dev.basalt.records.RecordService;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The Collections API (§2.6): superusers only. */
final class CollectionsApi {

    private static final int DEFAULT_PER_PAGE = 30;
    private static final int MAX_PER_PAGE = 1000;
    private static final Set<String> TRUE_VALUES = Set.of("1", "t", "true");

    private final CollectionService collections;
    private final RecordService records;

    CollectionsApi(CollectionService collections, RecordService records) {
        this.collections = collections;
        this.records = records;
    }

    void routes(RoutesConfig r) {
        r.get("/api/collections", this::list);
        r.post("/api/collections", this::create);
        r.put("/api/collections/import", this::importCollections);
        r.get("/api/collections/meta/scaffolds", this::scaffolds);
        r.get("/api/collections/{collection}", this::view);
        r.patch("/api/collections/{collection}", this::update);
        r.delete("/api/collections/{collection}", this::delete);
        r.delete("/api/collections/{collection}/truncate", this::truncate);
    }

    private void list(Context ctx) {
        requireSuperuser(ctx);
        CollectionQuery query = new CollectionQuery(page(ctx), perPage(ctx),
                TRUE_VALUES.contains(ctx.queryParamAsClass("skipTotal", String.class).getOrDefault("").toLowerCase(Locale.ROOT)),
                ctx.queryParam("filter"), ctx.queryParam("sort"));
        CollectionPage page = collections.list(query);
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("page", page.page());
        out.put("perPage", page.perPage());
        out.put("totalItems", page.totalItems());
        out.put("totalPages", page.totalPages());
        ArrayNode items = out.putArray("items");
        page.items().forEach(c -> items.add(CollectionJson.toWire(c)));
        Responses.json(ctx, out);
    }

    private void view(Context ctx) {
        requireSuperuser(ctx);
        Responses.json(ctx, CollectionJson.toWire(collections.view(ctx.pathParam("collection"))));
    }

    private void create(Context ctx) {
        requireSuperuser(ctx);
        Responses.json(ctx, CollectionJson.toWire(collections.create(Bodies.json(ctx))));
    }

    private void update(Context ctx) {
        requireSuperuser(ctx);
        String idOrName = ctx.pathParam("collection");
        collections.view(idOrName);
        Responses.json(ctx, CollectionJson.toWire(collections.update(idOrName, Bodies.json(ctx))));
    }

    private void delete(Context ctx) {
        requireSuperuser(ctx);
        collections.delete(ctx.pathParam("collection"));
        Responses.noContent(ctx);
    }

    private void truncate(Context ctx) {
        requireSuperuser(ctx);
        records.truncate(ctx.pathParam("collection"));
        Responses.noContent(ctx);
    }

    private void importCollections(Context ctx) {
        requireSuperuser(ctx);
        JsonNode body = Bodies.json(ctx);
        if (!body.isObject()) {
            throw ApiException.badRequest("An error occurred while loading the submitted data.");
        }
        collections.importCollections(body.get("collections"), body.path("deleteMissing").asBoolean(false));
        Responses.noContent(ctx);
    }

    private void scaffolds(Context ctx) {
        requireSuperuser(ctx);
        ObjectNode out = Json.MAPPER.createObjectNode();
        for (Map.Entry<String, Collection> e : collections.scaffolds().entrySet()) {
            out.set(e.getKey(), CollectionJson.toWire(e.getValue()));
        }
        Responses.json(ctx, out);
    }

    // PocketBase compat: RequireSuperuserAuth answers 401 to guests, 403 to other auth records.
    private static void requireSuperuser(Context ctx) {
        Record auth = Requests.auth(ctx);
        if (auth == null) {
            throw ApiException.unauthorized("The request requires valid record authorization token.");
        }
        if (!SystemCollections.SUPERUSERS.equals(auth.collection().name())) {
            throw ApiException.forbidden("The authorized record is not allowed to perform this action.");
        }
    }

    private static int page(Context ctx) {
        int page = intParam(ctx, "page", 1);
        return page <= 0 ? 1 : page;
    }

    private static int perPage(Context ctx) {
        int perPage = intParam(ctx, "perPage", DEFAULT_PER_PAGE);
        return perPage <= 0 ? DEFAULT_PER_PAGE : Math.min(perPage, MAX_PER_PAGE);
    }

    private static int intParam(Context ctx, String key, int fallback) {
        String raw = ctx.queryParam(key);
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(raw.strip());
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("Invalid " + key + " parameter \"" + raw + "\".");
        }
    }
}
