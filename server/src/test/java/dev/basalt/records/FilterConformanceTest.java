package dev.basalt.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.basalt.collections.Collection;
import dev.basalt.collections.CollectionJson;
import dev.basalt.collections.CollectionRegistry;
import dev.basalt.collections.CollectionType;
import dev.basalt.collections.Ids;
import dev.basalt.collections.SystemCollections;
import dev.basalt.collections.Timestamps;
import dev.basalt.collections.fields.AutodateField;
import dev.basalt.collections.fields.BoolField;
import dev.basalt.collections.fields.Field;
import dev.basalt.collections.fields.JsonField;
import dev.basalt.collections.fields.NumberField;
import dev.basalt.error.ApiException;
import dev.basalt.store.Database;
import dev.basalt.testing.TestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The filter conformance corpus ({@code filter-cases.json}, PocketBase v0.39 facts) on a real
 * SQLite file: every case compiled by {@link RecordSearch}, and every case again through the
 * Records API as the corpus describes it ({@code GET .../records?filter=...}).
 */
class FilterConformanceTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestServer server;
    private static JsonNode corpus;
    private static RecordSearch search;
    private static RequestInfo superuser;
    private static final Map<String, Collection> collections = new LinkedHashMap<>();

    @BeforeAll
    static void load() throws IOException {
        String dir = System.getProperty("basalt.spec.dir");
        if (dir == null || !Files.isDirectory(Path.of(dir))) {
            throw new IllegalStateException("system property basalt.spec.dir must point to the spec directory, got "
                    + dir);
        }
        corpus = JSON.readTree(Path.of(dir, "filter-cases.json").toFile());
        server = TestServer.start();
        Database db = server.basalt().database();
        for (JsonNode c : corpus.get("collections")) {
            String collectionName = c.get("name").asText();
            ObjectNode draft = c.deepCopy();
            draft.put("id", Ids.collectionId(CollectionType.BASE, collectionName));
            for (JsonNode f : draft.get("fields")) {
                if (f.has("collectionName")) {
                    ((ObjectNode) f).put("collectionId",
                            Ids.collectionId(CollectionType.BASE, f.get("collectionName").asText()));
                }
            }
            collections.put(collectionName, server.basalt().collections().create(CollectionJson.fromJson(draft)));
        }
        RecordRepository repository = new RecordRepository();
        db.transaction(tx -> {
            corpus.get("records").fields().forEachRemaining(e -> {
                Collection c = collections.get(e.getKey());
                for (JsonNode row : e.getValue()) {
                    repository.insert(tx.dsl(), record(c, row));
                }
            });
        });
        CollectionRegistry registry = new CollectionRegistry(db);
        registry.reload();
        search = new RecordSearch(registry, db.dialect());
        // The corpus runs as a superuser: no hidden-field or listRule restrictions.
        superuser = RequestInfo.of(new Record(registry.find(SystemCollections.SUPERUSERS).orElseThrow(),
                Map.of("id", "superuser000001")));
    }

    private static Record record(Collection c, JsonNode row) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (Field f : c.fields()) {
            JsonNode v = row.get(f.name());
            values.put(f.name(), switch (f) {
                case AutodateField a -> Timestamps.now();
                case NumberField n -> v == null ? 0d : v.asDouble();
                case BoolField b -> v != null && v.asBoolean();
                case JsonField j -> v == null ? NullNode.getInstance() : v;
                default -> {
                    if (f.isMultiple()) {
                        List<String> items = new ArrayList<>();
                        if (v != null) {
                            v.forEach(i -> items.add(i.asText()));
                        }
                        yield items;
                    }
                    yield v == null ? "" : v.asText();
                }
            });
        }
        return new Record(c, values);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @TestFactory
    Stream<DynamicTest> corpus() {
        List<DynamicTest> tests = new ArrayList<>();
        int n = 0;
        for (JsonNode c : corpus.get("cases")) {
            n++;
            String display = n + ": " + c.get("why").asText();
            tests.add(DynamicTest.dynamicTest(display, () -> run(c)));
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> corpusOverHttp() {
        List<DynamicTest> tests = new ArrayList<>();
        int n = 0;
        for (JsonNode c : corpus.get("cases")) {
            n++;
            tests.add(DynamicTest.dynamicTest(n + " (HTTP): " + c.get("why").asText(), () -> runOverHttp(c)));
        }
        return tests.stream();
    }

    private static void runOverHttp(JsonNode c) {
        String filter = c.get("filter").asText();
        TestServer.Response r = server.get("/api/collections/" + c.get("collection").asText()
                + "/records?perPage=500&skipTotal=1&filter=" + TestServer.encode(filter), server.superuserToken());
        if (c.has("error")) {
            assertThat(r.status()).as("filter %s: %s", filter, r.body()).isEqualTo(400);
            assertThat(r.json().get("data").isEmpty()).as("error data of %s", filter).isTrue();
            return;
        }
        assertThat(r.status()).as("filter %s: %s", filter, r.body()).isEqualTo(200);
        Set<String> expected = new HashSet<>();
        c.get("expect").forEach(id -> expected.add(id.asText()));
        List<String> ids = new ArrayList<>();
        r.json().get("items").forEach(item -> ids.add(item.get("id").asText()));
        assertThat(ids).as("filter %s", filter).containsExactlyInAnyOrderElementsOf(expected);
    }

    private static void run(JsonNode c) {
        Collection collection = collections.get(c.get("collection").asText());
        String filter = c.get("filter").asText();
        if (c.has("error")) {
            assertThatThrownBy(() -> ids(collection, filter))
                    .as("filter %s", filter)
                    .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(400));
            return;
        }
        Set<String> expected = new HashSet<>();
        c.get("expect").forEach(id -> expected.add(id.asText()));
        assertThat(ids(collection, filter)).as("filter %s", filter).containsExactlyInAnyOrderElementsOf(expected);
    }

    private static List<String> ids(Collection collection, String filter) {
        SearchQuery q = search.build(collection, List.of(), filter, "", superuser);
        return server.basalt().database().read(dsl -> dsl
                .selectDistinct(field(name(collection.name(), "id"), String.class))
                .from(q.from())
                .where(q.where())
                .fetch(0, String.class));
    }
}
