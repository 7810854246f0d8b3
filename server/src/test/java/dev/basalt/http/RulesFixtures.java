package dev.basalt.http;

import dev.basalt.records.Record;
import dev.basalt.testing.TestServer;
import dev.basalt.testing.Users;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The collections and users the rule scenarios run against. Collections are created through the
 * collections API as the superuser; users are inserted directly ({@link Users}) so the rule tests
 * do not depend on the auth endpoints.
 *
 * <p>{@code members} is an auth collection whose records have a {@code team} (relation to
 * {@code teams}) and a {@code role}; alice (red team, admin) and bob (blue team, member) are
 * members, carol is in {@code users}.
 */
final class RulesFixtures {

    static final String ALICE = Users.id("alice");
    static final String BOB = Users.id("bob");
    static final String CAROL = Users.id("carol");

    /** Ids of collections by name, filled by {@link #createAll}. */
    static final Map<String, String> IDS = new LinkedHashMap<>();

    static String aliceToken;
    static String bobToken;
    static String carolToken;

    private RulesFixtures() {}

    static void createAll(TestServer server) {
        collection(server, "teams", "base", "[" + text("name") + "]", rules(""));
        collection(server, "members", "auth", "[" + relation("team", "teams", 1) + "," + text("role") + "]", rules(""));
        insert(server, "teams", "{\"id\":\"teamred00000001\",\"name\":\"red\"}");
        insert(server, "teams", "{\"id\":\"teamblue0000001\",\"name\":\"blue\"}");
        Record alice = Users.create(server, "members", "alice", Map.of("team", "teamred00000001", "role", "admin"));
        Record bob = Users.create(server, "members", "bob", Map.of("team", "teamblue0000001", "role", "member"));
        Record carol = Users.create(server, "users", "carol", Map.of("name", "Carol"));
        aliceToken = Users.token(server, alice);
        bobToken = Users.token(server, bob);
        carolToken = Users.token(server, carol);
    }

    /** The fields most rule collections share. */
    static String noteFields() {
        return "[" + text("title") + "," + text("status") + ","
                + "{\"type\":\"number\",\"name\":\"views\"},"
                + "{\"type\":\"select\",\"name\":\"tags\",\"values\":[\"a\",\"b\",\"c\",\"d\"],\"maxSelect\":4},"
                + relation("owner", "members", 1) + ","
                + relation("teams", "teams", 5) + ","
                + "{\"type\":\"text\",\"name\":\"secret\",\"hidden\":true}]";
    }

    /** The same rule for list, view, create, update and delete ({@code null}: superusers only). */
    static Map<String, String> rules(String rule) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String action : new String[] {"listRule", "viewRule", "createRule", "updateRule", "deleteRule"}) {
            m.put(action, rule);
        }
        return m;
    }

    static Map<String, String> rules(String rule, String action, String actionRule, String... more) {
        Map<String, String> m = rules(rule);
        m.put(action, actionRule);
        for (int i = 0; i + 1 < more.length; i += 2) {
            m.put(more[i], more[i + 1]);
        }
        return m;
    }

    static void collection(TestServer server, String name, String type, String fields, Map<String, String> rules) {
        StringBuilder body = new StringBuilder("{\"name\":\"" + name + "\",\"type\":\"" + type + "\",\"fields\":" + fields);
        rules.forEach((k, v) -> body.append(",\"").append(k).append("\":").append(v == null ? "null" : Json.MAPPER.valueToTree(v).toString()));
        body.append('}');
        TestServer.Response r = server.post("/api/collections", body.toString(), server.superuserToken());
        if (r.status() != 200) {
            throw new IllegalStateException("fixture collection " + name + " failed: " + r.body());
        }
        IDS.put(name, r.json().get("id").asText());
    }

    static String text(String name) {
        return "{\"type\":\"text\",\"name\":\"" + name + "\"}";
    }

    static String relation(String name, String target, int maxSelect) {
        return "{\"type\":\"relation\",\"name\":\"" + name + "\",\"collectionId\":\"" + IDS.get(target)
                + "\",\"maxSelect\":" + maxSelect + "}";
    }

    /** Creates a record as the superuser and fails the test setup when that does not work. */
    static TestServer.Response insert(TestServer server, String collection, String json) {
        return RecordsFixtures.insert(server, collection, json);
    }

    static int count(TestServer server, String collection) {
        return server.get("/api/collections/" + collection + "/records", server.superuserToken())
                .json().get("totalItems").asInt();
    }
}
