package dev.basalt.testing;

import dev.basalt.auth.PasswordHasher;
import dev.basalt.auth.Tokens;
import dev.basalt.collections.Collection;
import dev.basalt.collections.CollectionRegistry;
import dev.basalt.records.Record;
import dev.basalt.records.RecordRepository;
import dev.basalt.store.Database;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Regular (non-superuser) auth records for API tests: inserted straight through
 * {@link RecordRepository} (a bcrypt hash, a fresh 50-char {@code tokenKey}), so a test does not
 * depend on the auth endpoints, and their auth tokens minted with {@link Tokens}.
 *
 * <pre>{@code
 * Record alice = Users.create(server, "users", "alice", Map.of("name", "Alice"));
 * String token = Users.token(server, alice);
 * }</pre>
 */
public final class Users {

    public static final String PASSWORD = "1234567890";
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private Users() {}

    /**
     * Inserts a verified auth record with id {@code <name>} padded to 15 characters, email
     * {@code <name>@example.com} and password {@link #PASSWORD}, plus {@code extra} values.
     */
    public static Record create(TestServer server, String collection, String name, Map<String, Object> extra) {
        Database db = server.basalt().database();
        Collection c = server.basalt().collections().find(collection)
                .orElseThrow(() -> new IllegalArgumentException("no collection " + collection));
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("id", id(name));
        values.put("email", name + "@example.com");
        values.put("emailVisibility", false);
        values.put("verified", true);
        values.put("password", new PasswordHasher().hash(PASSWORD, PasswordHasher.DEFAULT_COST));
        values.put("tokenKey", tokenKey());
        values.putAll(extra);
        RecordRepository repository = new RecordRepository();
        db.transaction(tx -> {
            repository.insert(tx.dsl(), new Record(c, values));
        });
        return db.read(dsl -> repository.findById(dsl, c, id(name))).orElseThrow();
    }

    /** The record id {@link #create} gives {@code name}: the name padded with zeros to 15 characters. */
    public static String id(String name) {
        return (name + "000000000000000").substring(0, 15);
    }

    private static String tokenKey() {
        StringBuilder b = new StringBuilder(50);
        for (int i = 0; i < 50; i++) {
            b.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return b.toString();
    }

    /** A fresh auth token of {@code user}. */
    public static String token(TestServer server, Record user) {
        Database db = server.basalt().database();
        return new Tokens(db, new CollectionRegistry(db)).issueAuthToken(user);
    }
}
