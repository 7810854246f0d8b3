package dev.basalt.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.basalt.collections.Collection;
import dev.basalt.collections.CollectionRegistry;
import dev.basalt.records.Record;
import dev.basalt.records.RecordRepository;
import dev.basalt.store.Database;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.Optional;

/**
 * Issues and verifies the JWTs of auth records: HS256, signed with the record's {@code tokenKey}
 * followed by the collection's secret for the token type, so changing either invalidates the
 * token. Claims as PocketBase: {@code id, collectionId, type, refreshable, exp}; no {@code iat}.
 */
public final class Tokens {

    public static final String TYPE_AUTH = "auth";

    private final Database db;
    private final CollectionRegistry registry;
    private final RecordRepository records = new RecordRepository();

    public Tokens(Database db, CollectionRegistry registry) {
        this.db = db;
        this.registry = registry;
    }

    /** A new refreshable auth token for the record. */
    public String issueAuthToken(Record record) {
        Collection c = record.collection();
        long duration = tokenSetting(c, "authToken", "duration", 0);
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .claim("id", record.id())
                .claim("collectionId", c.id())
                .claim("type", TYPE_AUTH)
                .claim("refreshable", true)
                .expirationTime(Date.from(Instant.now().plusSeconds(duration)))
                .build();
        return sign(claims, signingKey(record, "authToken"));
    }

    /** The auth record a valid {@code auth} token belongs to; empty for any invalid token. */
    public Optional<Record> verifyAuthToken(String token) {
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            jwt = SignedJWT.parse(token);
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            return Optional.empty();
        }
        if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm())) {
            return Optional.empty();
        }
        String id = stringClaim(claims, "id");
        String collectionId = stringClaim(claims, "collectionId");
        if (!TYPE_AUTH.equals(stringClaim(claims, "type")) || id.isEmpty() || collectionId.isEmpty()) {
            return Optional.empty();
        }
        Date exp = claims.getExpirationTime();
        if (exp == null || exp.toInstant().isBefore(Instant.now())) {
            return Optional.empty();
        }
        Optional<Collection> collection = registry.find(collectionId).filter(c -> c.id().equals(collectionId) && c.isAuth());
        if (collection.isEmpty()) {
            return Optional.empty();
        }
        Optional<Record> record = db.read(dsl -> records.findById(dsl, collection.get(), id));
        if (record.isEmpty()) {
            return Optional.empty();
        }
        try {
            // MACVerifier compares signatures in constant time.
            if (!jwt.verify(new MACVerifier(signingKey(record.get(), "authToken")))) {
                return Optional.empty();
            }
        } catch (JOSEException e) {
            return Optional.empty();
        }
        return record;
    }

    private static String sign(JWTClaimsSet claims, byte[] key) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
            jwt.sign(new MACSigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign token", e);
        }
    }

    private static byte[] signingKey(Record record, String tokenType) {
        String secret = String.valueOf(tokenOptions(record.collection(), tokenType).getOrDefault("secret", ""));
        return (record.getString("tokenKey") + secret).getBytes(StandardCharsets.UTF_8);
    }

    static long tokenSetting(Collection c, String tokenType, String key, long fallback) {
        Object v = tokenOptions(c, tokenType).get(key);
        return v instanceof Number n ? n.longValue() : fallback;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> tokenOptions(Collection c, String tokenType) {
        Object o = c.options().get(tokenType);
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    private static String stringClaim(JWTClaimsSet claims, String name) {
        Object v = claims.getClaim(name);
        return v instanceof String s ? s : "";
    }
}
