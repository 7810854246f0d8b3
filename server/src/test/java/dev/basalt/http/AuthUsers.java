package dev.basalt.http;

import dev.basalt.auth.PasswordHasher;
import dev.basalt.collections.Ids;
import dev.basalt.collections.Timestamps;
import dev.basalt.records.Record;
import dev.basalt.records.RecordRepository;
import dev.basalt.testing.TestServer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Regular users of the {@code users} collection for API tests, written straight to the database
 * (the records API does not take passwords yet) and logged in through auth-with-password.
 */
final class AuthUsers {

    static final String PASSWORD = "user-password-1";

    private AuthUsers() {}

    /** Creates a verified user with {@link #PASSWORD} and returns its auth token. */
    static String create(TestServer server, String email) {
        var basalt = server.basalt();
        var users = basalt.collections().view("users");
        String hash = new PasswordHasher().hash(PASSWORD, PasswordHasher.DEFAULT_COST);
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("id", Ids.recordId());
        values.put("password", hash);
        values.put("tokenKey", Ids.random(50));
        values.put("email", email);
        values.put("emailVisibility", false);
        values.put("verified", true);
        values.put("created", Timestamps.now());
        values.put("updated", Timestamps.now());
        basalt.database().transaction(tx -> {
            new RecordRepository().insert(tx.dsl(), new Record(users, values));
        });
        TestServer.Response login = server.post("/api/collections/users/auth-with-password",
                "{\"identity\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}", null);
        if (login.status() != 200) {
            throw new IllegalStateException("user login failed: " + login.body());
        }
        return login.json().get("token").asText();
    }
}
