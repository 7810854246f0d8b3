package dev.basalt.http;

import static dev.basalt.http.BatchFixtures.AUTHOR;
import static dev.basalt.http.BatchFixtures.GUARDED;
import static dev.basalt.http.BatchFixtures.POST;
import static dev.basalt.http.BatchFixtures.batch;
import static dev.basalt.http.BatchFixtures.create;
import static dev.basalt.http.BatchFixtures.delete;
import static dev.basalt.http.BatchFixtures.request;
import static dev.basalt.http.BatchFixtures.update;
import static dev.basalt.http.BatchFixtures.upsert;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.basalt.testing.Scenario;
import dev.basalt.testing.TestServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** {@code POST /api/batch}: the body checks, the allowed actions, rules, rollback and responses. */
class BatchApiTest {

    static TestServer server;
    static String userToken;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        BatchFixtures.createAll(server);
        BatchFixtures.defaults(server);
        userToken = server.createUser("batcher@example.com", "1234567890");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @TestFactory
    List<DynamicTest> bodyChecks() {
        List<String> tooMany = IntStream.range(0, 51).mapToObj(i -> request("GET", "/test" + i, null)).toList();
        return Scenario.run(server, List.of(
                Scenario.post("/api/batch", batch(tooMany))
                        .expect(400, "\"message\":\"Invalid batch request data.\"",
                                "\"data\":{\"requests\":{\"code\":\"validation_length_too_long\"")
                        .named("more requests than maxRequests is a length error on requests"),
                Scenario.post("/api/batch", "{\"requests\":[]}")
                        .expect(400, "\"data\":{\"requests\":{\"code\":\"validation_required\"")
                        .named("an empty list of requests is required"),
                Scenario.post("/api/batch", "")
                        .expect(400, "\"data\":{\"requests\":{\"code\":\"validation_required\"")
                        .named("an empty body has no requests"),
                Scenario.post("/api/batch", batch("{}", request("GET", "/valid", null), request("invalid", "/valid", null),
                                request("POST", "a".repeat(2001), null), request("post", "/valid", null),
                                request("DELETE", "a".repeat(2000), null)))
                        .expect(400, "\"requests\":{",
                                "\"0\":{\"method\":{\"code\":\"validation_required\"",
                                "\"url\":{\"code\":\"validation_required\"",
                                "\"2\":{\"method\":{\"code\":\"validation_in_invalid\"",
                                "\"3\":{\"url\":{\"code\":\"validation_length_too_long\"",
                                "\"4\":{\"method\":{\"code\":\"validation_in_invalid\"")
                        .notExpect("\"1\":", "\"5\":")
                        .named("each request needs a known method and a url of at most 2000 characters"),
                Scenario.post("/api/batch", "{\"")
                        .expect(400, "\"message\":\"Failed to read the submitted batch data.\"", "\"data\":{}")
                        .named("a malformed body is a read failure"),
                Scenario.post("/api/batch", "{\"requests\":{\"method\":\"POST\"}}")
                        .expect(400, "\"message\":\"Failed to read the submitted batch data.\"", "\"data\":{}")
                        .named("requests must be an array"),
                Scenario.post("/api/batch", batch("{\"method\":1,\"url\":\"/x\"}"))
                        .expect(400, "\"message\":\"Failed to read the submitted batch data.\"")
                        .named("a method must be a string"),
                Scenario.post("/api/batch", batch("{\"method\":\"POST\",\"url\":\"/x\",\"body\":[1]}"))
                        .expect(400, "\"message\":\"Failed to read the submitted batch data.\"")
                        .named("a body must be an object"),
                Scenario.post("/api/batch", batch(request("GET", "/api/health", null)))
                        .expect(400, "\"message\":\"Batch transaction failed.\"",
                                "\"data\":{\"requests\":{\"0\":{\"code\":\"batch_request_failed\",\"message\":\"Batch request failed.\"",
                                "\"response\":{\"data\":{},\"message\":", "\"status\":400")
                        .named("an action other than a record write fails its request"),
                Scenario.post("/api/batch", batch(request("GET", "/api/collections/b_posts/records", null)))
                        .expect(400, "\"0\":{\"code\":\"batch_request_failed\"")
                        .named("a record list is not a batch action"),
                Scenario.post("/api/batch", batch(request("POST", "/api/collections/b_posts/records/" + POST, "{}")))
                        .expect(400, "\"0\":{\"code\":\"batch_request_failed\"")
                        .named("a create names no record id"),
                Scenario.post("/api/batch", batch(create("b_missing", "{\"title\":\"x\"}")))
                        .expect(400, "\"0\":{\"code\":\"batch_request_failed\"",
                                "\"response\":{\"data\":{},\"message\":\"Missing collection context.\",\"status\":404}")
                        .named("a failed request carries its own status and message")));
    }

    @Test
    void aFailingCreateRollsBackTheEarlierOnes() {
        TestServer.Response r = server.post("/api/batch", batch(
                create("b_posts", "{\"title\":\"rollback1\"}"),
                create("b_posts", "{\"title\":\"rollback2\"}"),
                create("b_posts", "{\"title\":\"\"}")), null);
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.body()).contains("\"message\":\"Batch transaction failed.\"",
                "\"2\":{\"code\":\"batch_request_failed\"",
                "\"response\":{\"data\":{\"title\":{\"code\":\"validation_required\"");
        assertThat(r.body()).doesNotContain("\"0\":", "\"1\":");
        assertThat(count("b_posts", "title~'rollback'")).isZero();
    }

    @Test
    void createsAndUpsertsSucceedTogether() {
        TestServer.Response r = server.post("/api/batch", batch(
                create("b_posts", "{\"title\":\"batch1\"}"),
                create("b_posts", "{\"title\":\"batch2\",\"active\":true}"),
                upsert("b_posts", "{\"title\":\"batch3\"}"),
                request("PUT", "/api/collections/b_posts/records?fields=*,id:excerpt(4,true)",
                        "{\"id\":\"" + POST + "\",\"title\":\"batch4\"}")), null);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode results = r.json();
        assertThat(results).hasSize(4);
        for (JsonNode result : results) {
            assertThat(result.get("status").asInt()).isEqualTo(200);
        }
        assertThat(results.get(0).get("body").get("title").asText()).isEqualTo("batch1");
        assertThat(results.get(0).get("body").get("active").asBoolean()).isFalse();
        assertThat(results.get(1).get("body").get("active").asBoolean()).isTrue();
        assertThat(results.get(2).get("body").get("title").asText()).isEqualTo("batch3");
        assertThat(results.get(2).get("body").get("id").asText()).hasSize(15).isNotEqualTo(POST);
        assertThat(results.get(3).get("body").get("id").asText()).isEqualTo("post...");
        assertThat(results.get(3).get("body").get("title").asText()).isEqualTo("batch4");
        assertThat(count("b_posts", "title~'batch'")).isEqualTo(4);
        assertThat(server.get("/api/collections/b_posts/records/" + POST, null).json().get("title").asText())
                .isEqualTo("batch4");
    }

    @Test
    void anUpsertWithAnUnknownIdCreatesTheRecordWithThatId() {
        TestServer.Response r = server.post("/api/batch", batch(
                upsert("b_authors", "{\"id\":\"upsertnew000001\",\"name\":\"New\"}"),
                upsert("b_authors", "{\"id\":\"upsertnew000001\",\"name\":\"Renamed\"}")), null);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().get(0).get("body").get("name").asText()).isEqualTo("New");
        assertThat(r.json().get(1).get("body").get("name").asText()).isEqualTo("Renamed");
        assertThat(server.get("/api/collections/b_authors/records/upsertnew000001", null).json().get("name").asText())
                .isEqualTo("Renamed");
    }

    @Test
    void aRuleFailureMidBatchRollsBackEverything() {
        BatchFixtures.insert(server, "b_authors", "{\"id\":\"keepme000000001\",\"name\":\"Keep\"}", null);
        TestServer.Response r = server.post("/api/batch", batch(
                create("b_authors", "{\"name\":\"rule_create\"}"),
                delete("b_authors", "keepme000000001"),
                update("b_guarded", GUARDED, "{\"title\":\"rule_update\"}")), null);
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.body()).contains("\"2\":{\"code\":\"batch_request_failed\"", "\"status\":404");
        assertThat(r.body()).doesNotContain("\"0\":", "\"1\":");
        assertThat(count("b_authors", "name='rule_create'")).isZero();
        assertThat(server.get("/api/collections/b_authors/records/keepme000000001", null).status()).isEqualTo(200);
        assertThat(server.get("/api/collections/b_guarded/records/" + GUARDED, null).json().get("title").asText())
                .isEqualTo("guarded");
    }

    @Test
    void mixedWritesRunWithTheBatchRequestersAuthAndIgnoreSubRequestAuthorization() {
        BatchFixtures.insert(server, "b_guarded", "{\"id\":\"guarded00000002\",\"title\":\"g2\"}", server.superuserToken());
        String ignored = ",\"headers\":{\"Authorization\":\"ignored\"}}";
        TestServer.Response r = server.post("/api/batch", batch(
                create("b_guarded", "{\"title\":\"auth_create\"}").replaceFirst("}$", ignored),
                delete("b_guarded", "guarded00000002").replaceFirst("}$", ignored),
                update("b_guarded", GUARDED, "{\"title\":\"auth_update\"}").replaceFirst("}$", ignored)), userToken);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.body()).contains("\"title\":\"auth_create\"", "\"title\":\"auth_update\"", "\"status\":200",
                "\"status\":204", "\"body\":{", "\"body\":null");
        assertThat(r.json().get(1).get("status").asInt()).isEqualTo(204);
        assertThat(r.json().get(1).get("body").isNull()).isTrue();
        assertThat(server.get("/api/collections/b_guarded/records/guarded00000002", null).status()).isEqualTo(404);
        assertThat(count("b_guarded", "title='auth_create'")).isEqualTo(1);
    }

    @Test
    void aSubRequestAuthorizationHeaderDoesNotAuthenticate() {
        String withToken = create("b_guarded", "{\"title\":\"smuggled\"}")
                .replaceFirst("}$", ",\"headers\":{\"Authorization\":\"" + server.superuserToken() + "\"}}");
        TestServer.Response r = server.post("/api/batch", batch(withToken), null);
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.body()).contains("\"0\":{\"code\":\"batch_request_failed\"");
        assertThat(count("b_guarded", "title='smuggled'")).isZero();
    }

    @Test
    void aSuperuserBatchPassesEveryRule() {
        TestServer.Response r = server.post("/api/batch", batch(
                create("b_guarded", "{\"title\":\"su_create\"}"),
                update("b_guarded", GUARDED, "{\"title\":\"su_update\"}")), server.superuserToken());
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.body()).contains("\"title\":\"su_create\"", "\"title\":\"su_update\"");
        // Restore the fixture for the other tests.
        server.patch("/api/collections/b_guarded/records/" + GUARDED, "{\"title\":\"guarded\"}", server.superuserToken());
    }

    @Test
    void aRecordCreatedEarlierInTheBatchCanBeUpdatedAndDeleted() {
        TestServer.Response r = server.post("/api/batch", batch(
                create("b_authors", "{\"id\":\"shortlived00001\",\"name\":\"brief\"}"),
                update("b_authors", "shortlived00001", "{\"name\":\"briefer\"}"),
                delete("b_authors", "shortlived00001")), null);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().get(0).get("body").get("name").asText()).isEqualTo("brief");
        assertThat(r.json().get(1).get("body").get("name").asText()).isEqualTo("briefer");
        assertThat(r.json().get(2).get("status").asInt()).isEqualTo(204);
        assertThat(server.get("/api/collections/b_authors/records/shortlived00001", null).status()).isEqualTo(404);
    }

    @Test
    void theQueryOfASubRequestExpandsAndSelectsItsResponse() {
        TestServer.Response r = server.post("/api/batch", batch(
                create("b_authors", "{\"id\":\"newauthor000001\",\"name\":\"Bea\"}"),
                request("POST", "/api/collections/b_posts/records?expand=author",
                        "{\"title\":\"expanded\",\"author\":\"newauthor000001\"}"),
                request("PATCH", "/api/collections/b_posts/records/" + POST + "?expand=author&fields=id,expand.author.name",
                        "{\"views\":10}")), null);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode created = r.json().get(1).get("body");
        assertThat(created.get("expand").get("author").get("name").asText()).isEqualTo("Bea");
        assertThat(created.get("title").asText()).isEqualTo("expanded");
        JsonNode updated = r.json().get(2).get("body");
        assertThat(updated.toString()).isEqualTo("{\"id\":\"" + POST + "\",\"expand\":{\"author\":{\"name\":\"Ann\"}}}");
        assertThat(r.json().get(0).get("body").has("expand")).isFalse();
    }

    @Test
    void subRequestsRunInTheBatchContext() {
        assertThat(server.post("/api/collections/b_context/records", "{\"title\":\"single\"}", null).status())
                .isEqualTo(400);
        TestServer.Response r = server.post("/api/batch", batch(create("b_context", "{\"title\":\"in batch\"}")), null);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.body()).contains("\"title\":\"in batch\"");
    }

    @Test
    void subRequestHeadersOverrideTheBatchRequestsHeaders() {
        String plain = create("b_headers", "{\"title\":\"h\"}");
        String withYes = plain.replaceFirst("}$", ",\"headers\":{\"X-Batch\":\"yes\"}}");
        String withNo = plain.replaceFirst("}$", ",\"headers\":{\"x-batch\":\"no\"}}");
        assertThat(server.post("/api/batch", batch(plain), null).status()).isEqualTo(400);
        assertThat(server.post("/api/batch", batch(withYes), null).status()).isEqualTo(200);
        assertThat(server.send("POST", "/api/batch", batch(plain), null, Map.of("X-Batch", "yes")).status())
                .as("the batch request's own headers reach its sub-requests").isEqualTo(200);
        assertThat(server.send("POST", "/api/batch", batch(withNo), null, Map.of("X-Batch", "yes")).status())
                .as("a sub-request header wins").isEqualTo(400);
    }

    @Test
    void authRecordEmailsShowAsOnTheRecordsApi() {
        String body = "{\"email\":\"%s\",\"password\":\"1234567890\",\"passwordConfirm\":\"1234567890\"}";
        TestServer.Response guest = server.post("/api/batch",
                batch(create("b_members", body.formatted("hidden@example.com"))), null);
        assertThat(guest.status()).as(guest.body()).isEqualTo(200);
        assertThat(guest.body()).doesNotContain("hidden@example.com", "password", "tokenKey");
        TestServer.Response su = server.post("/api/batch",
                batch(create("b_members", body.formatted("shown@example.com"))), server.superuserToken());
        assertThat(su.status()).as(su.body()).isEqualTo(200);
        assertThat(su.body()).contains("\"email\":\"shown@example.com\"").doesNotContain("tokenKey");
    }

    @Test
    void recordEventsLeaveOnlyAfterACommit() {
        List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<Boolean> inTransaction = new java.util.concurrent.CopyOnWriteArrayList<>();
        server.basalt().records().onCommitted(e -> {
            if (e.record().collection().name().equals("b_authors") && e.record().getString("name").startsWith("event")) {
                seen.add(e.action().wire() + ":" + e.record().getString("name"));
                inTransaction.add(server.basalt().database().inTransaction());
            }
        });
        TestServer.Response failed = server.post("/api/batch", batch(
                create("b_authors", "{\"name\":\"event1\"}"),
                create("b_missing", "{}")), null);
        assertThat(failed.status()).isEqualTo(400);
        assertThat(seen).as("a rolled-back batch announces nothing").isEmpty();

        TestServer.Response ok = server.post("/api/batch", batch(
                create("b_authors", "{\"id\":\"eventauthor0001\",\"name\":\"event2\"}"),
                update("b_authors", "eventauthor0001", "{\"name\":\"event3\"}"),
                delete("b_authors", "eventauthor0001")), null);
        assertThat(ok.status()).as(ok.body()).isEqualTo(200);
        assertThat(seen).containsExactly("create:event2", "update:event3", "delete:event3");
        assertThat(inTransaction).containsOnly(false);
    }

    @Test
    void theJsdkMultipartFormWorksWithoutFiles() throws Exception {
        TestServer.Response r = multipart("/api/batch", List.of(
                part("@jsonPayload", null, batch(create("b_authors", "{\"name\":\"multipart\"}")))));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.body()).contains("\"name\":\"multipart\"");
    }

    @Test
    void aFilePartReachesItsSubRequestAsItWouldReachTheRecordsApi() throws Exception {
        // Whatever the records API makes of an upload (stored, or refused), a batch makes the same.
        TestServer.Response single = multipart("/api/collections/b_docs/records", List.of(
                part("title", null, "single"), part("doc", "note.txt", "hello")));
        TestServer.Response batched = multipart("/api/batch", List.of(
                part("@jsonPayload", null, batch(create("b_docs", "{\"title\":\"batched\"}"))),
                part("requests.0.doc", "note.txt", "hello")));
        if (single.status() == 200) {
            assertThat(batched.status()).as(batched.body()).isEqualTo(200);
            assertThat(batched.json().get(0).get("body").get("doc").asText().isEmpty())
                    .as("stored in both or in neither: %s and %s", single.body(), batched.body())
                    .isEqualTo(single.json().get("doc").asText().isEmpty());
        } else {
            assertThat(batched.status()).as(batched.body()).isEqualTo(400);
            assertThat(batched.json().get("data").get("requests").get("0").get("response").get("data"))
                    .isEqualTo(single.json().get("data"));
        }
    }

    private record Part(String name, String filename, String content) {}

    private static Part part(String name, String filename, String content) {
        return new Part(name, filename, content);
    }

    private static TestServer.Response multipart(String path, List<Part> parts) throws Exception {
        String boundary = "batchboundary";
        StringBuilder body = new StringBuilder();
        for (Part p : parts) {
            body.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"").append(p.name()).append('"');
            if (p.filename() != null) {
                body.append("; filename=\"").append(p.filename()).append("\"\r\nContent-Type: text/plain");
            }
            body.append("\r\n\r\n").append(p.content()).append("\r\n");
        }
        body.append("--").append(boundary).append("--\r\n");
        var response = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.baseUrl() + path))
                        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body.toString())).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        return new TestServer.Response(response.statusCode(), response.body(), response.headers().map());
    }

    private static int count(String collection, String filter) {
        TestServer.Response r = server.get("/api/collections/" + collection + "/records?perPage=1000&filter="
                + TestServer.encode(filter), server.superuserToken());
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        List<JsonNode> items = new ArrayList<>();
        r.json().get("items").forEach(items::add);
        return items.size();
    }
}
