package dev.basalt.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.basalt.auth.PasswordHasher;
import dev.basalt.collections.Collection;
import dev.basalt.collections.Ids;
import dev.basalt.collections.Timestamps;
import dev.basalt.records.Record;
import dev.basalt.records.RecordRepository;
import dev.basalt.testing.TestServer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Auth collections and users for the auth API tests. Users are stored directly with a bcrypt hash:
 * record create/update of auth collections (password hashing) belongs to another part of issue 3.
 */
final class AuthFixtures {

    static final String PASSWORD = "1234567890";
    private static final PasswordHasher HASHER = new PasswordHasher();
    private static final RecordRepository RECORDS = new RecordRepository();

    private AuthFixtures() {}

    /** Creates a collection through the API as the superuser; fails the setup when refused. */
    static void collection(TestServer server, String json) {
        TestServer.Response r = server.post("/api/collections", json, server.superuserToken());
        if (r.status() != 200) {
            throw new IllegalStateException("fixture collection failed: " + r.body());
        }
    }

    /** Stores an auth record with {@link #PASSWORD}; {@code extra} may set any other field. */
    static Record user(TestServer server, String collection, String id, String email, Map<String, Object> extra) {
        Collection c = server.basalt().collections().view(collection);
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("id", id);
        values.put("email", email);
        values.put("emailVisibility", false);
        values.put("verified", false);
        values.put("password", HASHER.hash(PASSWORD, PasswordHasher.DEFAULT_COST));
        values.put("tokenKey", Ids.random(50));
        values.put("created", Timestamps.now());
        values.put("updated", Timestamps.now());
        values.putAll(extra);
        Record record = new Record(c, values);
        server.basalt().database().transaction(tx -> {
            RECORDS.insert(tx.dsl(), record);
        });
        return record;
    }

    /** Replaces a stored value of a record (e.g. its tokenKey). */
    static void set(TestServer server, Record record, String field, Object value) {
        Collection c = server.basalt().collections().view(record.collection().id());
        server.basalt().database().transaction(tx -> {
            Record stored = RECORDS.findById(tx.dsl(), c, record.id()).orElseThrow();
            RECORDS.update(tx.dsl(), stored.with(field, value));
        });
    }

    /** A token from auth-with-password; fails unless the login answers 200. */
    static String login(TestServer server, String collection, String identity) {
        TestServer.Response r = server.post("/api/collections/" + collection + "/auth-with-password",
                "{\"identity\":\"" + identity + "\",\"password\":\"" + PASSWORD + "\"}", null);
        if (r.status() != 200) {
            throw new IllegalStateException("login of " + identity + " failed: " + r.body());
        }
        return r.json().get("token").asText();
    }

    /**
     * A JWT signed as the server would sign it for this record and token option, with any claims:
     * for expired tokens and forged claims.
     */
    static String forge(TestServer server, Record record, String option, Map<String, Object> claims, Instant exp) {
        return forge(server, record, option, claims, exp, new JWSHeader(JWSAlgorithm.HS256));
    }

    /** As {@link #forge(TestServer, Record, String, Map, Instant)}, with the given JWS header. */
    static String forge(TestServer server, Record record, String option, Map<String, Object> claims, Instant exp,
            JWSHeader header) {
        Collection c = server.basalt().collections().view(record.collection().id());
        String secret = String.valueOf(((Map<?, ?>) c.options().get(option)).get("secret"));
        String tokenKey = server.basalt().database().read(dsl -> RECORDS.findById(dsl, c, record.id()))
                .orElseThrow().getString("tokenKey");
        JWTClaimsSet.Builder b = new JWTClaimsSet.Builder().expirationTime(Date.from(exp));
        claims.forEach(b::claim);
        try {
            SignedJWT jwt = new SignedJWT(header, b.build());
            jwt.sign(new MACSigner((tokenKey + secret).getBytes(StandardCharsets.UTF_8)));
            return jwt.serialize();
        } catch (com.nimbusds.jose.JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The claims of a JWT, unverified. */
    static JsonNode claims(String token) {
        try {
            String payload = new String(java.util.Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
            return Json.MAPPER.readTree(payload);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
