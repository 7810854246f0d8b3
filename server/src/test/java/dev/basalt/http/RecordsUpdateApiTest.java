package dev.basalt.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.basalt.testing.Scenario;
import dev.basalt.testing.TestServer;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Record update: rules, PATCH semantics, modifiers, and that failed writes change nothing. */
class RecordsUpdateApiTest {

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

    private static final String DEMO = "/api/collections/demo/records";

    private static JsonNode demo(String id, String members) {
        return RecordsFixtures.insert(server, "demo", "{\"id\":\"" + id + "\",\"title\":\"t\"" + members + "}").json();
    }

    private static JsonNode viewAsSuperuser(String path) {
        TestServer.Response r = server.get(path, server.superuserToken());
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    @TestFactory
    List<DynamicTest> rules() {
        RecordsFixtures.insert(server, "rules_locked", "{\"id\":\"lockedupdate001\"}");
        RecordsFixtures.insert(server, "rules_public", "{\"id\":\"publicupdate001\"}");
        return Scenario.run(server, List.of(
                Scenario.patch("/api/collections/missing/records/x", "{}")
                        .expect(404, "\"message\":\"Missing collection context.\"")
                        .named("updating in an unknown collection is a 404"),
                Scenario.patch("/api/collections/a_view/records/x", "{}").asSuperuser()
                        .expect(400, "\"message\":\"Unsupported collection type.\"")
                        .named("records of a view cannot be updated"),
                Scenario.patch("/api/collections/rules_locked/records/lockedupdate001", "{\"title\":\"x\"}")
                        .expect(403, "\"message\":\"Only superusers can perform this action.\"")
                        .named("a guest cannot update when the updateRule is null"),
                Scenario.patch("/api/collections/rules_locked/records/lockedupdate001", "{\"title\":\"x\"}").asSuperuser()
                        .expect(200, "\"title\":\"x\"")
                        .named("a superuser updates when the updateRule is null"),
                Scenario.patch("/api/collections/rules_public/records/publicupdate001", "{\"title\":\"guest\"}")
                        .expect(200, "\"title\":\"guest\"")
                        .named("a guest updates a public record"),
                Scenario.patch("/api/collections/rules_public/records/missing00000000", "{\"title\":\"x\"}")
                        .expect(404, "\"data\":{}")
                        .named("updating a missing record is a 404"),
                Scenario.patch("/api/collections/rules_public/records/publicupdate001", "{\"id\":\"other0000000001\"}")
                        .expect(400, "\"message\":\"Failed to update record.\"", "\"id\":{\"code\":\"validation_pk_change\"")
                        .named("the id cannot change"),
                Scenario.patch("/api/collections/rules_public/records/publicupdate001", "{\"id\":\"publicupdate001\",\"title\":\"same\"}")
                        .expect(200, "\"title\":\"same\"")
                        .named("sending the unchanged id is fine"),
                Scenario.patch("/api/collections/rules_public/records/publicupdate001", "{\"")
                        .expect(400, "\"data\":{}")
                        .named("a malformed body is a 400")));
    }

    @TestFactory
    List<DynamicTest> rulesWithExpression() {
        RecordsFixtures.insert(server, "rules_expr", "{\"id\":\"exprupdate00001\",\"status\":\"public\"}");
        RecordsFixtures.insert(server, "rules_expr", "{\"id\":\"exprupdate00002\",\"status\":\"private\"}");
        return Scenario.run(server, List.of(
                Scenario.patch("/api/collections/rules_expr/records/exprupdate00001", "{\"title\":\"ok\"}")
                        .expect(200, "\"title\":\"ok\"")
                        .named("a record matching the updateRule is updated"),
                Scenario.patch("/api/collections/rules_expr/records/exprupdate00002", "{\"title\":\"no\"}")
                        .expect(404, "\"data\":{}")
                        .named("a record failing the updateRule is a 404"),
                Scenario.patch("/api/collections/rules_expr/records/exprupdate00002", "{\"title\":\"yes\"}").asSuperuser()
                        .expect(200, "\"title\":\"yes\"")
                        .named("superusers bypass the updateRule")));
    }

    @Test
    void onlySubmittedKeysChange() {
        JsonNode created = demo("updatekeys00001", ",\"price\":3,\"tags\":[\"a\"],\"meta\":{\"k\":1}");
        TestServer.Response r = server.patch(DEMO + "/updatekeys00001", "{\"price\":4}", null);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode updated = r.json();
        assertThat(updated.get("price").asDouble()).isEqualTo(4);
        assertThat(updated.get("title").asText()).isEqualTo("t");
        assertThat(updated.get("tags").toString()).isEqualTo("[\"a\"]");
        assertThat(updated.get("meta").toString()).isEqualTo("{\"k\":1}");
        assertThat(updated.get("created").asText()).isEqualTo(created.get("created").asText());
        assertThat(updated.get("updated").asText()).isGreaterThanOrEqualTo(created.get("updated").asText());
    }

    @TestFactory
    List<DynamicTest> modifiers() {
        demo("modifiers000001", ",\"price\":10,\"tags\":[\"b\"],\"reviewers\":[\"person000000001\",\"person000000002\"],\"slug\":\"s1\"");
        String path = DEMO + "/modifiers000001";
        return Scenario.run(server, List.of(
                Scenario.patch(path, "{\"price+\":5}").expect(200, "\"price\":15,").named("number+ adds"),
                Scenario.patch(path, "{\"price-\":\"20\"}").expect(200, "\"price\":-5,").named("number- subtracts a cast value"),
                Scenario.patch(path, "{\"price\":1,\"price+\":2,\"price-\":0.5}").expect(200, "\"price\":2.5")
                        .named("plain and modifier keys compose shortest first"),
                Scenario.patch(path, "{\"tags+\":\"c\"}").expect(200, "\"tags\":[\"b\",\"c\"]").named("select+ appends"),
                Scenario.patch(path, "{\"+tags\":[\"a\"]}").expect(200, "\"tags\":[\"a\",\"b\",\"c\"]").named("+select prepends"),
                Scenario.patch(path, "{\"tags-\":[\"b\",\"z\"]}").expect(200, "\"tags\":[\"a\",\"c\"]").named("select- removes"),
                Scenario.patch(path, "{\"tags+\":[\"a\",\"d\"]}").expect(200, "\"tags\":[\"a\",\"c\",\"d\"]")
                        .named("appending an existing value keeps one"),
                Scenario.patch(path, "{\"tags+\":[\"b\"]}")
                        .expect(400, "\"message\":\"Failed to update record.\"", "\"tags\":{\"code\":\"validation_too_many_values\"")
                        .named("modifiers are validated after they are resolved"),
                Scenario.patch(path, "{\"reviewers-\":\"person000000001\",\"reviewers+\":\"person000000003\"}")
                        .expect(200, "\"reviewers\":[\"person000000002\",\"person000000003\"]")
                        .named("relation modifiers add and remove ids"),
                Scenario.patch(path, "{\"reviewers-\":\"person000000002\"}")
                        .expect(400, "\"reviewers\":{\"code\":\"validation_not_enough_values\"")
                        .named("removing below minSelect fails"),
                Scenario.patch(path, "{\"status+\":[\"draft\"]}").expect(200, "\"status\":\"draft\"")
                        .named("append on a single select sets the value"),
                Scenario.patch(path, "{\"slug:autogenerate\":\"pre-\"}").expect(200, "\"slug\":\"pre-")
                        .named("text:autogenerate appends a generated value to the prefix"),
                Scenario.patch(path, "{\"title+\":\"x\",\"price*\":3}").expect(200, "\"title\":\"t\"")
                        .named("modifiers a field type does not know are ignored")));
    }

    @Test
    void autogenerateFillsEmptyTextOnCreate() {
        JsonNode created = demo("autogen00000001", "");
        assertThat(created.get("slug").asText()).matches("[a-z]{8}");
        assertThat(created.get("id").asText()).isEqualTo("autogen00000001");
    }

    @Test
    void generatedIdsFollowTheIdPattern() {
        JsonNode created = RecordsFixtures.insert(server, "rules_public", "{}").json();
        assertThat(created.get("id").asText()).matches("[a-z0-9]{15}");
    }

    @Test
    void hiddenFieldsAreDroppedForGuests() {
        TestServer.Response r = server.post(DEMO, "{\"id\":\"hiddenguest0001\",\"title\":\"t\",\"secret\":\"guest\"}", null);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(viewAsSuperuser(DEMO + "/hiddenguest0001").get("secret").asText()).isEmpty();
        r = server.patch(DEMO + "/hiddenguest0001", "{\"secret\":\"guest\"}", null);
        assertThat(r.status()).isEqualTo(200);
        assertThat(viewAsSuperuser(DEMO + "/hiddenguest0001").get("secret").asText()).isEmpty();
        r = server.patch(DEMO + "/hiddenguest0001", "{\"secret\":\"su\"}", server.superuserToken());
        assertThat(r.json().get("secret").asText()).isEqualTo("su");
    }

    @Test
    void failedUpdateChangesNothing() {
        JsonNode before = demo("failedupdate001", ",\"price\":3,\"short\":\"keep\"");
        TestServer.Response r = server.patch(DEMO + "/failedupdate001", "{\"price\":9,\"short\":\"" + "x".repeat(11) + "\"}", null);
        assertThat(r.status()).isEqualTo(400);
        JsonNode after = viewAsSuperuser(DEMO + "/failedupdate001");
        assertThat(after.get("price").asDouble()).isEqualTo(3);
        assertThat(after.get("short").asText()).isEqualTo("keep");
        assertThat(after.get("updated").asText()).isEqualTo(before.get("updated").asText());
    }

    @Test
    void failedCreateLeavesNoRecord() {
        long before = viewAsSuperuser(DEMO).get("totalItems").asLong();
        demo("uniquefirst0001", ",\"slug\":\"unique-once\"");
        TestServer.Response r = server.post(DEMO, "{\"id\":\"uniquesecond001\",\"title\":\"t\",\"slug\":\"unique-once\"}", null);
        assertThat(r.status()).isEqualTo(400);
        assertThat(server.get(DEMO + "/uniquesecond001", server.superuserToken()).status()).isEqualTo(404);
        assertThat(viewAsSuperuser(DEMO).get("totalItems").asLong()).isEqualTo(before + 1);
    }

    @Test
    void duplicateUniqueValueOnUpdateIsAFieldError() {
        demo("uniqueupdate001", ",\"slug\":\"upd-one\"");
        demo("uniqueupdate002", ",\"slug\":\"upd-two\"");
        TestServer.Response r = server.patch(DEMO + "/uniqueupdate002", "{\"slug\":\"upd-one\"}", null);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body()).contains("\"message\":\"Failed to update record.\"", "\"slug\":{\"code\":\"validation_not_unique\"");
        assertThat(viewAsSuperuser(DEMO + "/uniqueupdate002").get("slug").asText()).isEqualTo("upd-two");
    }
}
