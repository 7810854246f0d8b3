package dev.basalt.http;

import dev.basalt.testing.TestServer;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The collections the batch tests write to, created through the collections API, and helpers to
 * build batch bodies.
 *
 * <ul>
 *   <li>{@code b_authors}: public; {@code name}.
 *   <li>{@code b_posts}: public; {@code title} (required), {@code active}, {@code views},
 *       {@code author} (relation to {@code b_authors}).
 *   <li>{@code b_guarded}: public list and view; create, update and delete need an authenticated requester.
 *   <li>{@code b_context}: create only in a batch ({@code @request.context = "batch"}).
 *   <li>{@code b_headers}: create only with the header {@code X-Batch: yes}.
 *   <li>{@code b_members}: an auth collection anyone may create records in.
 *   <li>{@code b_docs}: public create; {@code title} and a single file {@code doc}.
 * </ul>
 */
final class BatchFixtures {

    static final String AUTHOR = "author000000001";
    static final String POST = "post00000000001";
    static final String GUARDED = "guarded00000001";

    private BatchFixtures() {}

    static void createAll(TestServer server) {
        String authors = collection(server, """
                {"name":"b_authors","type":"base","listRule":"","viewRule":"","createRule":"","updateRule":"","deleteRule":"",
                 "fields":[{"type":"text","name":"name"}]}""");
        collection(server, """
                {"name":"b_posts","type":"base","listRule":"","viewRule":"","createRule":"","updateRule":"","deleteRule":"",
                 "fields":[{"type":"text","name":"title","required":true},{"type":"bool","name":"active"},
                  {"type":"number","name":"views"},
                  {"type":"relation","name":"author","collectionId":"%s","maxSelect":1}]}""".formatted(authors));
        collection(server, """
                {"name":"b_guarded","type":"base","listRule":"","viewRule":"",
                 "createRule":"@request.auth.id != ''","updateRule":"@request.auth.id != ''","deleteRule":"@request.auth.id != ''",
                 "fields":[{"type":"text","name":"title"}]}""");
        collection(server, """
                {"name":"b_context","type":"base","listRule":"","viewRule":"","createRule":"@request.context = 'batch'",
                 "fields":[{"type":"text","name":"title"}]}""");
        collection(server, """
                {"name":"b_headers","type":"base","listRule":"","viewRule":"","createRule":"@request.headers.x_batch = 'yes'",
                 "fields":[{"type":"text","name":"title"}]}""");
        collection(server, """
                {"name":"b_members","type":"auth","listRule":"","viewRule":"","createRule":"","updateRule":"","deleteRule":"",
                 "fields":[]}""");
        collection(server, """
                {"name":"b_docs","type":"base","listRule":"","viewRule":"","createRule":"",
                 "fields":[{"type":"text","name":"title"},{"type":"file","name":"doc","maxSelect":1,"maxSize":1000}]}""");
        String su = server.superuserToken();
        insert(server, "b_authors", "{\"id\":\"" + AUTHOR + "\",\"name\":\"Ann\"}", su);
        insert(server, "b_posts", "{\"id\":\"" + POST + "\",\"title\":\"first\",\"author\":\"" + AUTHOR + "\"}", su);
        insert(server, "b_guarded", "{\"id\":\"" + GUARDED + "\",\"title\":\"guarded\"}", su);
    }

    /** Creates a collection as the superuser and returns its id. */
    static String collection(TestServer server, String json) {
        TestServer.Response r = server.post("/api/collections", json, server.superuserToken());
        if (r.status() != 200) {
            throw new IllegalStateException("fixture collection failed: " + r.body());
        }
        return r.json().get("id").asText();
    }

    static void insert(TestServer server, String collection, String json, String token) {
        TestServer.Response r = server.post("/api/collections/" + collection + "/records", json, token);
        if (r.status() != 200) {
            throw new IllegalStateException("fixture record failed: " + r.body());
        }
    }

    /** Turns batch on with these limits (0 for PocketBase's defaults where it has them). */
    static void settings(TestServer server, boolean enabled, int maxRequests, long timeout, long maxBodySize) {
        TestServer.Response r = server.patch("/api/settings", """
                {"batch":{"enabled":%s,"maxRequests":%d,"timeout":%d,"maxBodySize":%d}}"""
                .formatted(enabled, maxRequests, timeout, maxBodySize), server.superuserToken());
        if (r.status() != 200) {
            throw new IllegalStateException("batch settings failed: " + r.body());
        }
    }

    static void defaults(TestServer server) {
        settings(server, true, 50, 3, 0);
    }

    /** {@code {"requests":[...]}} of these sub-request objects. */
    static String batch(String... requests) {
        return batch(List.of(requests));
    }

    static String batch(List<String> requests) {
        return requests.stream().collect(Collectors.joining(",", "{\"requests\":[", "]}"));
    }

    /** One sub-request; {@code body} is a JSON object or null. */
    static String request(String method, String url, String body) {
        return "{\"method\":\"" + method + "\",\"url\":\"" + url + "\"" + (body == null ? "" : ",\"body\":" + body) + "}";
    }

    static String create(String collection, String body) {
        return request("POST", "/api/collections/" + collection + "/records", body);
    }

    static String update(String collection, String id, String body) {
        return request("PATCH", "/api/collections/" + collection + "/records/" + id, body);
    }

    static String upsert(String collection, String body) {
        return request("PUT", "/api/collections/" + collection + "/records", body);
    }

    static String delete(String collection, String id) {
        return request("DELETE", "/api/collections/" + collection + "/records/" + id, null);
    }
}
