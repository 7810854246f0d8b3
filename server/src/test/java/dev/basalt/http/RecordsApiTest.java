package dev.basalt.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.basalt.collections.CollectionType;
import dev.basalt.collections.Ids;
import dev.basalt.records.RecordEvent;
import dev.basalt.testing.Scenario;
import dev.basalt.testing.TestServer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** List, view and delete of records, and the rule states of every action. */
class RecordsApiTest {

    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        RecordsFixtures.createAll(server);
        RecordsFixtures.seed(server);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static final String PUBLIC = "/api/collections/rules_public/records";
    private static final String LOCKED = "/api/collections/rules_locked/records";
    private static final String EXPR = "/api/collections/rules_expr/records";

    @TestFactory
    List<DynamicTest> list() {
        String byId = "/api/collections/" + Ids.collectionId(CollectionType.BASE, "rules_public") + "/records";
        return Scenario.run(server, List.of(
                Scenario.get("/api/collections/missing/records")
                        .expect(404, "\"message\":\"Missing collection context.\"", "\"data\":{}")
                        .named("an unknown collection is a 404"),
                Scenario.get(LOCKED)
                        .expect(403, "\"message\":\"Only superusers can perform this action.\"", "\"data\":{}")
                        .named("a guest cannot list a collection whose listRule is null"),
                Scenario.get(LOCKED).asSuperuser()
                        .expect(200, "\"totalItems\":1", "\"id\":\"locked000000001\"")
                        .named("a superuser lists a collection whose listRule is null"),
                Scenario.get(PUBLIC)
                        .expect(200, "\"page\":1", "\"perPage\":30", "\"totalItems\":3", "\"totalPages\":1",
                                "\"collectionName\":\"rules_public\"", "\"title\":\"public 1\"")
                        .notExpect("\"expand\"")
                        .named("a guest lists a public collection"),
                Scenario.get(byId)
                        .expect(200, "\"totalItems\":3")
                        .named("a collection can be addressed by its id"),
                Scenario.get("/api/collections/RULES_PUBLIC/records")
                        .expect(200, "\"totalItems\":3")
                        .named("collection names are matched without case"),
                Scenario.get(PUBLIC).asSuperuser()
                        .expect(200, "\"totalItems\":3")
                        .named("a superuser lists a public collection"),
                Scenario.get(PUBLIC + "?perPage=2")
                        .expect(200, "\"perPage\":2", "\"totalPages\":2", "\"totalItems\":3")
                        .named("perPage splits the pages"),
                Scenario.get(PUBLIC + "?perPage=2&page=2")
                        .expect(200, "\"page\":2", "\"title\":\"public 3\"")
                        .notExpect("\"title\":\"public 1\"")
                        .named("the second page holds the rest"),
                Scenario.get(PUBLIC + "?page=9")
                        .expect(200, "\"page\":9", "\"items\":[]", "\"totalItems\":3")
                        .named("a page past the end is empty"),
                Scenario.get(PUBLIC + "?page=0&perPage=0")
                        .expect(200, "\"page\":1", "\"perPage\":30")
                        .named("page and perPage at or below zero take their defaults"),
                Scenario.get(PUBLIC + "?perPage=5000")
                        .expect(200, "\"perPage\":1000")
                        .named("perPage is capped at 1000"),
                Scenario.get(PUBLIC + "?page=abc")
                        .expect(400, "\"data\":{}")
                        .named("a non-integer page is a 400"),
                Scenario.get(PUBLIC + "?perPage=1.5")
                        .expect(400, "\"data\":{}")
                        .named("a non-integer perPage is a 400"),
                Scenario.get(PUBLIC + "?skipTotal=1")
                        .expect(200, "\"totalItems\":-1", "\"totalPages\":-1", "\"title\":\"public 1\"")
                        .named("skipTotal skips the count"),
                Scenario.get(PUBLIC + "?skipTotal=false")
                        .expect(200, "\"totalItems\":3")
                        .named("skipTotal=false counts"),
                Scenario.get(PUBLIC + "?autoRefresh=true&requestKey=x")
                        .expect(200, "\"totalItems\":3")
                        .named("unknown query parameters are ignored"),
                Scenario.get(PUBLIC + "?expand=nothing")
                        .expect(200, "\"expand\":{}")
                        .named("a requested expand is always present on the items"),
                Scenario.get(PUBLIC + "?filter=" + TestServer.encode("@collection.rules_public.title='a'"))
                        .expect(403, "\"data\":{}")
                        .named("a guest may not filter by @collection"),
                Scenario.get(PUBLIC + "?filter=@collection.rules_public.title='a'")
                        .expect(403)
                        .named("a guest may not filter by @collection (raw)"),
                Scenario.get(PUBLIC + "?sort=" + TestServer.encode("@request.auth.title"))
                        .expect(403, "\"data\":{}")
                        .named("a guest may not sort by @request"),
                Scenario.get(LOCKED + "?filter=" + TestServer.encode("@request.auth.id != ''"))
                        .expect(403, "\"message\":\"Only superusers can perform this action.\"")
                        .named("a null listRule is checked before the filter"),
                Scenario.get(PUBLIC + "?filter=" + TestServer.encode("invalid~'test'")).asSuperuser()
                        .expect(400, "\"data\":{}")
                        .named("a superuser filter on an unknown field is a 400"),
                Scenario.get("/api/collections/people/records")
                        .expect(200, "\"name\":\"p1\"")
                        .notExpect("\"secret\"")
                        .named("hidden fields are left out for guests"),
                Scenario.get("/api/collections/people/records").asSuperuser()
                        .expect(200, "\"secret\":\"s1\"")
                        .named("superusers see hidden fields"),
                Scenario.get(PUBLIC).as(s -> "not-a-token")
                        .expect(200, "\"totalItems\":3")
                        .named("an invalid token lists as a guest")));
    }

    @TestFactory
    List<DynamicTest> listWithRuleExpression() {
        return Scenario.run(server, List.of(
                Scenario.get(EXPR)
                        .expect(200, "\"id\":\"exprpublic00001\"")
                        .notExpect("\"status\":\"private\"")
                        .named("a listRule expression filters what guests see"),
                Scenario.get(EXPR).asSuperuser()
                        .expect(200, "\"id\":\"exprpublic00001\"", "\"id\":\"exprprivate0001\"")
                        .named("superusers bypass the listRule"),
                Scenario.get(EXPR + "?filter=" + TestServer.encode("title = 'closed'"))
                        .expect(200, "\"totalItems\":0", "\"items\":[]")
                        .named("the client filter cannot widen the listRule")));
    }

    @TestFactory
    List<DynamicTest> view() {
        return Scenario.run(server, List.of(
                Scenario.get("/api/collections/missing/records/public000000001")
                        .expect(404, "\"message\":\"Missing collection context.\"")
                        .named("viewing in an unknown collection is a 404"),
                Scenario.get(PUBLIC + "/missing00000000")
                        .expect(404, "\"data\":{}")
                        .named("a missing record is a 404"),
                Scenario.get(PUBLIC + "/public000000001")
                        .expect(200, "\"id\":\"public000000001\"", "\"collectionName\":\"rules_public\"",
                                "\"collectionId\":\"" + Ids.collectionId(CollectionType.BASE, "rules_public") + "\"")
                        .notExpect("\"expand\"")
                        .named("a guest views a public record"),
                Scenario.get(LOCKED + "/locked000000001")
                        .expect(403, "\"message\":\"Only superusers can perform this action.\"")
                        .named("a guest cannot view when the viewRule is null"),
                Scenario.get(LOCKED + "/locked000000001").asSuperuser()
                        .expect(200, "\"title\":\"locked\"")
                        .named("a superuser views when the viewRule is null"),
                Scenario.get(LOCKED + "/missing00000000").asSuperuser()
                        .expect(404)
                        .named("a superuser gets 404 for a missing record"),
                Scenario.get("/api/collections/people/records/person000000001")
                        .expect(200, "\"name\":\"p1\"")
                        .notExpect("secret")
                        .named("a hidden field is not shown to guests"),
                Scenario.get("/api/collections/people/records/person000000001?expand=x").asSuperuser()
                        .expect(200, "\"secret\":\"s1\"", "\"expand\":{}")
                        .named("a hidden field is shown to superusers")));
    }

    @TestFactory
    List<DynamicTest> viewWithRuleExpression() {
        return Scenario.run(server, List.of(
                Scenario.get(EXPR + "/exprpublic00001")
                        .expect(200, "\"title\":\"open\"")
                        .named("a record matching the viewRule is visible"),
                Scenario.get(EXPR + "/exprprivate0001")
                        .expect(404, "\"data\":{}")
                        .named("a record failing the viewRule is a 404"),
                Scenario.get(EXPR + "/exprprivate0001").asSuperuser()
                        .expect(200, "\"title\":\"closed\"")
                        .named("superusers bypass the viewRule")));
    }

    @TestFactory
    List<DynamicTest> delete() {
        RecordsFixtures.insert(server, "rules_locked", "{\"id\":\"lockeddelete001\"}");
        RecordsFixtures.insert(server, "rules_public", "{\"id\":\"publicdelete001\"}");
        RecordsFixtures.insert(server, "rules_public", "{\"id\":\"publicdelete002\"}");
        return Scenario.run(server, List.of(
                Scenario.delete("/api/collections/missing/records/x")
                        .expect(404, "\"message\":\"Missing collection context.\"")
                        .named("deleting in an unknown collection is a 404"),
                Scenario.delete("/api/collections/a_view/records/x").asSuperuser()
                        .expect(400, "\"message\":\"Unsupported collection type.\"", "\"data\":{}")
                        .named("records of a view cannot be deleted"),
                Scenario.delete(LOCKED + "/lockeddelete001")
                        .expect(403, "\"message\":\"Only superusers can perform this action.\"")
                        .named("a guest cannot delete when the deleteRule is null"),
                Scenario.delete(LOCKED + "/lockeddelete001").asSuperuser()
                        .expect(204)
                        .named("a superuser deletes when the deleteRule is null"),
                Scenario.delete(PUBLIC + "/publicdelete001")
                        .expect(204)
                        .named("a guest deletes a public record"),
                Scenario.delete(PUBLIC + "/publicdelete002").asSuperuser()
                        .expect(204)
                        .named("a superuser deletes a public record"),
                Scenario.delete(PUBLIC + "/missing00000000")
                        .expect(404, "\"data\":{}")
                        .named("deleting a missing record is a 404")));
    }

    @Test
    void deleteAnswersEmptyBodyAndRemovesTheRecord() {
        RecordsFixtures.insert(server, "rules_public", "{\"id\":\"publicdelete003\"}");
        TestServer.Response r = server.delete(PUBLIC + "/publicdelete003", null);
        assertThat(r.status()).isEqualTo(204);
        assertThat(r.body()).isEmpty();
        assertThat(server.get(PUBLIC + "/publicdelete003", null).status()).isEqualTo(404);
    }

    @TestFactory
    List<DynamicTest> deleteWithRuleExpression() {
        RecordsFixtures.insert(server, "rules_expr", "{\"id\":\"exprdelete00001\",\"status\":\"public\"}");
        RecordsFixtures.insert(server, "rules_expr", "{\"id\":\"exprdelete00002\",\"status\":\"private\"}");
        RecordsFixtures.insert(server, "rules_expr", "{\"id\":\"exprdelete00003\",\"status\":\"private\"}");
        return Scenario.run(server, List.of(
                Scenario.delete(EXPR + "/exprdelete00001")
                        .expect(204)
                        .named("a record matching the deleteRule is deleted"),
                Scenario.delete(EXPR + "/exprdelete00002")
                        .expect(404, "\"data\":{}")
                        .named("a record failing the deleteRule is a 404"),
                Scenario.delete(EXPR + "/exprdelete00003").asSuperuser()
                        .expect(204)
                        .named("superusers bypass the deleteRule")));
    }

    private static String path(String collection, String id) {
        return "/api/collections/" + collection + "/records/" + id;
    }

    private static JsonNode superuserView(String collection, String id) {
        TestServer.Response r = server.get(path(collection, id), server.superuserToken());
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    private static int status(String collection, String id) {
        return server.get(path(collection, id), server.superuserToken()).status();
    }

    @Test
    void deleteResolvesEveryReference() {
        RecordsFixtures.insert(server, "parents", "{\"id\":\"cascadeparent01\"}");
        RecordsFixtures.insert(server, "parents", "{\"id\":\"cascadeparent02\"}");
        RecordsFixtures.insert(server, "kids_cascade", "{\"id\":\"cascadekid00001\",\"parent\":\"cascadeparent01\"}");
        RecordsFixtures.insert(server, "kids_multi_cascade",
                "{\"id\":\"cascademulti001\",\"parents\":[\"cascadeparent01\",\"cascadeparent02\"]}");
        RecordsFixtures.insert(server, "kids_multi_cascade", "{\"id\":\"cascademulti002\",\"parents\":[\"cascadeparent01\"]}");
        RecordsFixtures.insert(server, "kids_optional",
                "{\"id\":\"cascadeoption01\",\"parent\":\"cascadeparent01\",\"others\":[\"cascadeparent01\",\"cascadeparent02\"]}");

        TestServer.Response r = server.delete(path("parents", "cascadeparent01"), null);

        assertThat(r.status()).as(r.body()).isEqualTo(204);
        assertThat(status("parents", "cascadeparent01")).isEqualTo(404);
        assertThat(status("kids_cascade", "cascadekid00001")).as("cascade single relation").isEqualTo(404);
        assertThat(superuserView("kids_multi_cascade", "cascademulti001").get("parents").toString())
                .as("cascade multi relation with other ids left").isEqualTo("[\"cascadeparent02\"]");
        assertThat(status("kids_multi_cascade", "cascademulti002")).as("cascade multi relation left empty").isEqualTo(404);
        JsonNode optional = superuserView("kids_optional", "cascadeoption01");
        assertThat(optional.get("parent").asText()).isEmpty();
        assertThat(optional.get("others").toString()).isEqualTo("[\"cascadeparent02\"]");
        assertThat(status("parents", "cascadeparent02")).isEqualTo(200);
    }

    @Test
    void deleteStopsAtARequiredReferenceAndChangesNothing() {
        RecordsFixtures.insert(server, "parents", "{\"id\":\"requiredparent1\"}");
        RecordsFixtures.insert(server, "kids_optional", "{\"id\":\"requiredoption1\",\"parent\":\"requiredparent1\"}");
        RecordsFixtures.insert(server, "kids_cascade", "{\"id\":\"requiredcascad1\",\"parent\":\"requiredparent1\"}");
        RecordsFixtures.insert(server, "kids_required", "{\"id\":\"requiredkid0001\",\"parent\":\"requiredparent1\"}");

        TestServer.Response r = server.delete(path("parents", "requiredparent1"), server.superuserToken());

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body()).contains("\"message\":\"Failed to delete record. Make sure that the record is not part of a "
                + "required relation reference.\"", "\"data\":{}");
        assertThat(status("parents", "requiredparent1")).isEqualTo(200);
        assertThat(status("kids_cascade", "requiredcascad1")).isEqualTo(200);
        assertThat(superuserView("kids_optional", "requiredoption1").get("parent").asText()).isEqualTo("requiredparent1");
        assertThat(superuserView("kids_required", "requiredkid0001").get("parent").asText()).isEqualTo("requiredparent1");
    }

    @Test
    void aRequiredReferenceStillHoldingOtherIdsDoesNotBlock() {
        RecordsFixtures.insert(server, "parents", "{\"id\":\"selfparent00001\"}");
        RecordsFixtures.insert(server, "kids_required", "{\"id\":\"requiredkid0002\",\"parent\":\"selfparent00001\"}");
        assertThat(server.delete(path("kids_required", "requiredkid0002"), null).status()).isEqualTo(204);
        assertThat(server.delete(path("parents", "selfparent00001"), null).status()).isEqualTo(204);
    }

    @Test
    void committedWritesArePublishedAndFailedOnesAreNot() {
        List<RecordEvent> events = new CopyOnWriteArrayList<>();
        server.basalt().records().onCommitted(events::add);
        RecordsFixtures.insert(server, "rules_public", "{\"id\":\"eventrecord0001\"}");
        server.patch(path("rules_public", "eventrecord0001"), "{\"title\":\"changed\"}", null);
        server.patch(path("rules_public", "eventrecord0001"), "{\"id\":\"eventrecord0002\"}", null);
        server.post("/api/collections/rules_public/records", "{\"id\":\"eventrecord0001\"}", null);
        server.delete(path("rules_public", "eventrecord0001"), null);

        List<String> seen = events.stream()
                .filter(e -> e.record().id().startsWith("eventrecord"))
                .map(e -> e.action().wire() + " " + e.record().id() + " " + e.record().getString("title"))
                .toList();
        assertThat(seen).containsExactly(
                "create eventrecord0001 ", "update eventrecord0001 changed", "delete eventrecord0001 changed");
    }
}
