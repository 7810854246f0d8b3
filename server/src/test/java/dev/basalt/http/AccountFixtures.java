package dev.basalt.http;

import dev.basalt.auth.PasswordHasher;
import dev.basalt.collections.Collection;
import dev.basalt.collections.Ids;
import dev.basalt.collections.Timestamps;
import dev.basalt.records.Record;
import dev.basalt.records.RecordRepository;
import dev.basalt.testing.TestServer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Collections and users the account tests share, created through the API. */
final class AccountFixtures {

    private AccountFixtures() {}

    /**
     * {@code posts} (base), {@code members} (auth, OTP of 6 digits), {@code nopass} (auth, password
     * auth disabled, OTP on). {@code users} exists from the install.
     */
    static void createCollections(TestServer server) {
        create(server, "{\"name\":\"posts\",\"type\":\"base\",\"fields\":[{\"name\":\"title\",\"type\":\"text\"}]}");
        create(server, "{\"name\":\"members\",\"type\":\"auth\",\"createRule\":\"\",\"viewRule\":\"id = @request.auth.id\","
                + "\"fields\":[{\"name\":\"name\",\"type\":\"text\"}],\"otp\":{\"enabled\":true,\"length\":6}}");
        create(server, "{\"name\":\"nopass\",\"type\":\"auth\",\"createRule\":\"\","
                + "\"passwordAuth\":{\"enabled\":false},\"otp\":{\"enabled\":true}}");
    }

    private static void create(TestServer server, String json) {
        TestServer.Response r = server.post("/api/collections", json, server.superuserToken());
        if (r.status() != 200) {
            throw new IllegalStateException("cannot create collection: " + r.body());
        }
    }

    /**
     * Creates an unverified user straight in the database (the records API does not take
     * passwords yet); returns its id.
     */
    static String createUser(TestServer server, String collection, String email, String password) {
        Collection c = server.basalt().records().collection(collection);
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("id", Ids.recordId());
        values.put("email", email);
        values.put("emailVisibility", false);
        values.put("verified", false);
        values.put("password", new PasswordHasher().hash(password, PasswordHasher.DEFAULT_COST));
        values.put("tokenKey", Ids.random(50));
        String now = Timestamps.now();
        for (String autodate : List.of("created", "updated")) {
            if (c.field(autodate).isPresent()) {
                values.put(autodate, now);
            }
        }
        Record r = new Record(c, values);
        server.basalt().database().transaction(tx -> {
            new RecordRepository().insert(tx.dsl(), r);
        });
        return r.id();
    }

    static TestServer.Response loginResponse(TestServer server, String collection, String email, String password) {
        return server.post("/api/collections/" + collection + "/auth-with-password",
                "{\"identity\":\"" + email + "\",\"password\":\"" + password + "\"}", null);
    }

    static String login(TestServer server, String collection, String email, String password) {
        TestServer.Response r = loginResponse(server, collection, email, password);
        if (r.status() != 200) {
            throw new IllegalStateException("login failed: " + r.body());
        }
        return r.json().get("token").asText();
    }
}
