package dev.basalt.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
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
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.Optional;

/**
 * Issues and verifies the JWTs of auth records (§5.2): HS256, signed with the record's
 * {@code tokenKey} followed by the collection's secret for the token type, so a new tokenKey kills
 * every token of the record and a new secret every token of that type in the collection. Claims as
 * PocketBase has them: {@code id, collectionId, type, exp}, plus {@code refreshable} (auth),
 * {@code email} (verification, password reset, email change) and {@code newEmail} (email change);
 * no {@code iat}.
 *
 * <p>Verification costs one lookup by primary key and one HMAC; never bcrypt.
 */
public final class Tokens {

    private final Database db;
    private final CollectionRegistry registry;
    private final RecordRepository records = new RecordRepository();
    // Auth tokens verified since the last write (see verifyAuthToken). Writes by another process
    // (`basalt superuser upsert` while the server runs) do not end a generation, so a minute is
    // the longest a token revoked that way is still taken.
    private final Cache<String, Verified> verifiedAuth = Caffeine.newBuilder().maximumSize(10_000)
            .expireAfterWrite(Duration.ofMinutes(1)).build();

    private record Verified(long generation, VerifiedToken token) {}

    public Tokens(Database db, CollectionRegistry registry) {
        this.db = db;
        this.registry = registry;
    }

    /** A new refreshable auth token for the record, for the collection's {@code authToken.duration}. */
    public String issueAuthToken(Record record) {
        return issue(record, TokenType.AUTH, Map.of("refreshable", true), 0);
    }

    /**
     * A non-refreshable auth token (impersonation): auth-refresh echoes it instead of renewing it.
     *
     * @param seconds its lifetime; 0 takes the collection's {@code authToken.duration}
     */
    public String issueStaticAuthToken(Record record, long seconds) {
        return issue(record, TokenType.AUTH, Map.of("refreshable", false), seconds);
    }

    /** A token for protected files ({@code ?token=}), for {@code fileToken.duration}. */
    public String issueFileToken(Record record) {
        return issue(record, TokenType.FILE, Map.of(), 0);
    }

    /** A token confirming the record's current email, for {@code verificationToken.duration}. */
    public String issueVerificationToken(Record record) {
        return issue(record, TokenType.VERIFICATION, Map.of("email", record.getString("email")), 0);
    }

    /** A password reset token bound to the record's current email, for {@code passwordResetToken.duration}. */
    public String issuePasswordResetToken(Record record) {
        return issue(record, TokenType.PASSWORD_RESET, Map.of("email", record.getString("email")), 0);
    }

    /** A token confirming the change to {@code newEmail}, for {@code emailChangeToken.duration}. */
    public String issueEmailChangeToken(Record record, String newEmail) {
        return issue(record, TokenType.EMAIL_CHANGE, Map.of("email", record.getString("email"), "newEmail", newEmail), 0);
    }

    /**
     * The record of a valid auth token; empty for any invalid token. Every request with a token
     * asks, so a verified token is remembered until the next write to the database
     * ({@link Database#readGeneration()}) or a change of its collection: until then the record
     * and its tokenKey read the same, and only the expiry needs checking again.
     */
    public Optional<VerifiedToken> verifyAuthToken(String token) {
        long generation = db.readGeneration();
        if (generation < 0 || token == null) {
            return verify(token, TokenType.AUTH);
        }
        Verified known = verifiedAuth.getIfPresent(token);
        if (known != null && known.generation() == generation && known.token().expires().isAfter(Instant.now())
                && isCurrent(known.token().record().collection())) {
            return Optional.of(known.token());
        }
        Optional<VerifiedToken> verified = verify(token, TokenType.AUTH);
        verified.ifPresent(v -> verifiedAuth.put(token, new Verified(generation, v)));
        return verified;
    }

    // The collection as the registry holds it now (a change of its options replaces the object).
    private boolean isCurrent(Collection c) {
        return registry.find(c.id()).filter(current -> current == c).isPresent();
    }

    /**
     * Verifies a token of the expected type: well formed, HS256, not expired, of an existing record
     * in an auth collection, signed with that record's tokenKey and the secret of that type.
     * Everything wrong with a token gives the same empty answer.
     */
    public Optional<VerifiedToken> verify(String token, TokenType expected) {
        if (token == null || token.isEmpty()) {
            return Optional.empty();
        }
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            jwt = SignedJWT.parse(token);
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            return Optional.empty();
        }
        if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm())
                || TokenType.ofWire(stringClaim(claims, "type")).filter(expected::equals).isEmpty()) {
            return Optional.empty();
        }
        String id = stringClaim(claims, "id");
        String collectionId = stringClaim(claims, "collectionId");
        Date exp = claims.getExpirationTime();
        if (id.isEmpty() || collectionId.isEmpty() || exp == null || !exp.toInstant().isAfter(Instant.now())) {
            return Optional.empty();
        }
        // The claim must be the collection id itself, not a name that happens to resolve.
        Optional<Collection> collection = registry.find(collectionId).filter(c -> c.id().equals(collectionId) && c.isAuth());
        if (collection.isEmpty()) {
            return Optional.empty();
        }
        Optional<Record> record = db.read(dsl -> records.findById(dsl, collection.get(), id));
        if (record.isEmpty() || !signatureMatches(jwt, signingKey(record.get(), expected))) {
            return Optional.empty();
        }
        return Optional.of(new VerifiedToken(record.get(), expected, Boolean.TRUE.equals(claims.getClaim("refreshable")),
                stringClaim(claims, "email"), stringClaim(claims, "newEmail"), exp.toInstant()));
    }

    /** The lifetime in seconds the collection gives tokens of this type. */
    public static long duration(Collection c, TokenType type) {
        Object v = options(c, type).get("duration");
        return v instanceof Number n ? n.longValue() : 0;
    }

    private String issue(Record record, TokenType type, Map<String, Object> extra, long seconds) {
        long lifetime = seconds > 0 ? seconds : duration(record.collection(), type);
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .claim("id", record.id())
                .claim("collectionId", record.collection().id())
                .claim("type", type.wire())
                .expirationTime(Date.from(Instant.now().plusSeconds(lifetime)));
        extra.forEach(claims::claim);
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims.build());
            jwt.sign(new MACSigner(signingKey(record, type)));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a " + type.wire() + " token", e);
        }
    }

    // MACVerifier compares the signatures in constant time.
    private static boolean signatureMatches(SignedJWT jwt, byte[] key) {
        try {
            return jwt.verify(new MACVerifier(key));
        } catch (JOSEException e) {
            return false;
        }
    }

    private static byte[] signingKey(Record record, TokenType type) {
        Object secret = options(record.collection(), type).get("secret");
        return (record.getString("tokenKey") + (secret == null ? "" : secret)).getBytes(StandardCharsets.UTF_8);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> options(Collection c, TokenType type) {
        return c.options().get(type.option()) instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    private static String stringClaim(JWTClaimsSet claims, String name) {
        return claims.getClaim(name) instanceof String s ? s : "";
    }
}
