package dev.basalt.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.basalt.testing.Scenario;
import dev.basalt.testing.TestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Hostile and malformed input: every case is a clear 4xx envelope (never a 500), SQL in filters
 * and values stays data, and the server keeps serving.
 */
class BadInputApiTest {

    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        String su = server.superuserToken();
        assertThat(server.post("/api/collections", """
                {"name":"notes","listRule":"","viewRule":"","createRule":"","fields":[
                 {"type":"text","name":"title","max":100},{"type":"number","name":"n"}]}""", su).status()).isEqualTo(200);
        assertThat(server.post("/api/collections/notes/records", "{\"id\":\"note00000000001\",\"title\":\"hello\"}", su)
                .status()).isEqualTo(200);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String list(String query) {
        return "/api/collections/notes/records?" + query;
    }

    private static String filter(String f) {
        return list("filter=" + TestServer.encode(f));
    }

    @TestFactory
    List<DynamicTest> hostileQueries() {
        return Scenario.run(server, List.of(
                Scenario.get(filter("title = 'x'; DROP TABLE notes; --'"))
                        .expect(400, "\"data\":{}").named("SQL after a literal is a parse error"),
                Scenario.get(filter("title = '\\'; DROP TABLE notes; --'"))
                        .expect(200, "\"totalItems\":0").named("SQL inside a literal is just text to compare"),
                Scenario.get(filter("title = 'x' OR 1=1"))
                        .expect(400, "\"data\":{}").named("OR is not an operator of the filter language"),
                Scenario.get(filter(")) OR ((1=1"))
                        .expect(400, "\"data\":{}").named("unbalanced parentheses are a 400"),
                Scenario.get(filter("(".repeat(5000) + "n = 1" + ")".repeat(5000)))
                        .expect(400, "\"data\":{}").named("deep nesting over the length limit is a 400, not a stack overflow"),
                Scenario.get(filter("(".repeat(1500) + "n=1" + ")".repeat(1500)))
                        .expect(400, "\"data\":{}").named("deep nesting within the length limit is a 400, not a stack overflow"),
                Scenario.get(filter("(".repeat(60) + "id = 'note00000000001'" + ")".repeat(60)))
                        .expect(200, "\"totalItems\":1").named("nesting within the limit works"),
                Scenario.get(filter("title ~ '" + "a".repeat(3600) + "'"))
                        .expect(400, "\"data\":{}").named("a filter over 3500 characters is a 400"),
                Scenario.get(filter("sqlite_master.name != ''"))
                        .expect(400, "\"data\":{}").named("internal tables are not fields"),
                Scenario.get(filter("@collection.sqlite_master.name != ''")).asSuperuser()
                        .expect(400, "\"data\":{}").named("internal tables are not collections"),
                Scenario.get(list("sort=" + TestServer.encode("title; DROP TABLE notes")))
                        .expect(400, "\"data\":{}").named("SQL in sort is a 400"),
                Scenario.get(list("sort=" + TestServer.encode("(select 1)")))
                        .expect(400, "\"data\":{}").named("a subquery in sort is a 400"),
                Scenario.get(list("expand=" + TestServer.encode("title; DROP TABLE notes")))
                        .expect(200, "\"title\":\"hello\"").named("an unknown expand is ignored"),
                Scenario.get(list("perPage=abc"))
                        .expect(400, "\"data\":{}").named("a non-integer perPage is a 400"),
                Scenario.get(list("page=1e3"))
                        .expect(400, "\"data\":{}").named("a non-integer page is a 400"),
                Scenario.get("/api/collections/" + TestServer.encode("notes';drop table notes;--") + "/records")
                        .expect(404, "\"data\":{}").named("a collection name with SQL is just unknown"),
                Scenario.get("/api/collections/notes/records/" + TestServer.encode("x' OR '1'='1"))
                        .expect(404, "\"data\":{}").named("an id with SQL is just unknown"),
                Scenario.post("/api/collections/notes/records", "{\"title\": {\"$gt\": \"\"}}")
                        .expect(200).named("an object for a text field is stringified, not interpreted"),
                Scenario.post("/api/collections/notes/records", "{\"title\": \"" + "x".repeat(101) + "\"}")
                        .expect(400, "validation_max_text_constraint").named("an over-long value names its field"),
                Scenario.post("/api/collections/notes/records", "{\"n\": \"abc\"}")
                        .expect(200, "\"n\":0").named("a non-numeric string for a number is 0, as PocketBase"),
                Scenario.post("/api/collections/notes/records", "{\"n\": \"NaN\"}")
                        .expect(400, "validation_not_a_number").named("NaN is not a number"),
                Scenario.post("/api/collections/notes/records", "[1,2,3]")
                        .expect(400, "\"data\":{}").named("a JSON array body is a 400"),
                Scenario.post("/api/collections/notes/records", "{\"title\":")
                        .expect(400, "\"data\":{}").named("a truncated body is a 400")));
    }

    @Test
    void aRequestLineOver64KiBIsRefusedWithTheJsonEnvelope() throws Exception {
        // Jetty closes the connection after refusing it: use a client of its own, not the shared pool.
        try (HttpClient client = HttpClient.newHttpClient()) {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(
                    server.baseUrl() + "/api/collections/notes/records?filter=" + "x".repeat(70_000))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(414);
            assertThat(r.body()).contains("\"data\":{}");
        }
        assertThat(server.get("/api/health", null).status()).isEqualTo(200);
    }

    @Test
    void sqlInValuesIsStoredVerbatimAndTheTableSurvives() {
        String payload = "'); DROP TABLE notes; --";
        TestServer.Response created = server.post("/api/collections/notes/records",
                "{\"title\":\"" + payload + "\"}", null);
        assertThat(created.status()).isEqualTo(200);
        String id = created.json().get("id").asText();
        TestServer.Response read = server.get("/api/collections/notes/records/" + id, null);
        assertThat(read.json().get("title").asText()).isEqualTo(payload);
        TestServer.Response found = server.get(filter("title = \"" + payload.replace("\"", "\\\"") + "\""), null);
        assertThat(found.json().get("totalItems").asInt()).isEqualTo(1);
        assertThat(server.get("/api/health", null).status()).isEqualTo(200);
    }
}
