package dev.basalt.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import dev.basalt.collections.Collection;
import dev.basalt.collections.CollectionRegistry;
import dev.basalt.records.Record;
import dev.basalt.records.RecordRepository;
import dev.basalt.store.Database;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
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

    private static final String HMAC_SHA256 = "HmacSHA256";
    private static final int MIN_KEY_BYTES = 32;
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
    private static final String HEADER = BASE64URL.encodeToString("{\"alg\":\"HS256\"}".getBytes(StandardCharsets.US_ASCII));
    // Buffers from a shared pool, not per thread: a request's virtual thread is new every time.
    private static final JsonFactory CLAIMS_JSON = JsonFactory.builder()
            .recyclerPool(JsonRecyclerPools.sharedConcurrentDequePool()).build();
    // Initialised HMACs by signing key (a record's tokenKey and its collection's secret), used only
    // as prototypes to clone: a Mac is not thread-safe.
    private final Cache<String, Mac> macs = Caffeine.newBuilder().maximumSize(10_000)
            .expireAfterAccess(Duration.ofMinutes(10)).build();

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
        Optional<UnverifiedToken> parsed = UnverifiedToken.parse(token);
        if (parsed.isEmpty()) {
            return Optional.empty();
        }
        UnverifiedToken jwt = parsed.get();
        if (TokenType.ofWire(jwt.type()).filter(expected::equals).isEmpty()) {
            return Optional.empty();
        }
        Instant exp = Instant.ofEpochSecond(jwt.exp());
        if (jwt.id().isEmpty() || jwt.collectionId().isEmpty() || !exp.isAfter(Instant.now())) {
            return Optional.empty();
        }
        // The claim must be the collection id itself, not a name that happens to resolve.
        Optional<Collection> collection = registry.find(jwt.collectionId())
                .filter(c -> c.id().equals(jwt.collectionId()) && c.isAuth());
        if (collection.isEmpty()) {
            return Optional.empty();
        }
        Optional<Record> record = db.read(dsl -> records.findById(dsl, collection.get(), jwt.id()));
        if (record.isEmpty() || !signatureMatches(jwt, signingKey(record.get(), expected))) {
            return Optional.empty();
        }
        return Optional.of(new VerifiedToken(record.get(), expected, jwt.refreshable(), jwt.email(), jwt.newEmail(), exp));
    }

    /** The lifetime in seconds the collection gives tokens of this type. */
    public static long duration(Collection c, TokenType type) {
        Object v = options(c, type).get("duration");
        return v instanceof Number n ? n.longValue() : 0;
    }

    private String issue(Record record, TokenType type, Map<String, Object> extra, long seconds) {
        long lifetime = seconds > 0 ? seconds : duration(record.collection(), type);
        long exp = Instant.now().plusSeconds(lifetime).getEpochSecond();
        // The compact serialisation written directly (nimbus's SignedJWT builds it through its own
        // JSON objects): {"alg":"HS256"}, then the claims in the order nimbus gave them.
        StringBuilder token = new StringBuilder(256).append(HEADER).append('.');
        ByteArrayOutputStream payload = new ByteArrayOutputStream(160);
        try (JsonGenerator json = CLAIMS_JSON.createGenerator(payload)) {
            json.writeStartObject();
            json.writeStringField("id", record.id());
            json.writeStringField("collectionId", record.collection().id());
            json.writeStringField("type", type.wire());
            json.writeNumberField("exp", exp);
            for (Map.Entry<String, Object> claim : extra.entrySet()) {
                json.writeFieldName(claim.getKey());
                switch (claim.getValue()) {
                    case Boolean b -> json.writeBoolean(b);
                    case String text -> json.writeString(text);
                    default -> throw new IllegalArgumentException("unexpected claim " + claim.getKey());
                }
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        token.append(BASE64URL.encodeToString(payload.toByteArray()));
        byte[] signature = mac(signingKey(record, type)).doFinal(token.toString().getBytes(StandardCharsets.US_ASCII));
        return token.append('.').append(BASE64URL.encodeToString(signature)).toString();
    }

    // An HMAC-SHA256 keyed with key, cloned from one initialised per key: the provider lookup and
    // the key schedule are done once per record, not once per token.
    private Mac mac(byte[] key) {
        if (key.length < MIN_KEY_BYTES) {
            // As nimbus's MACSigner and MACVerifier: HS256 takes keys of 256 bits or more.
            throw new IllegalStateException("the signing key is shorter than 256 bits");
        }
        Mac prototype = macs.get(new String(key, StandardCharsets.ISO_8859_1), k -> newMac(key));
        try {
            return (Mac) prototype.clone();
        } catch (CloneNotSupportedException e) {
            return newMac(key);
        }
    }

    private static Mac newMac(byte[] key) {
        try {
            Mac mac = Mac.getInstance(HMAC_SHA256);
            mac.init(new SecretKeySpec(key, HMAC_SHA256));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no " + HMAC_SHA256, e);
        }
    }

    // Compared in constant time. A key too short for HS256 verifies nothing, as it signs nothing.
    private boolean signatureMatches(UnverifiedToken jwt, byte[] key) {
        if (key.length < MIN_KEY_BYTES) {
            return false;
        }
        byte[] expected = mac(key).doFinal(jwt.signingInput().getBytes(StandardCharsets.US_ASCII));
        return MessageDigest.isEqual(expected, jwt.signature());
    }

    private static byte[] signingKey(Record record, TokenType type) {
        Object secret = options(record.collection(), type).get("secret");
        return (record.getString("tokenKey") + (secret == null ? "" : secret)).getBytes(StandardCharsets.UTF_8);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> options(Collection c, TokenType type) {
        return c.options().get(type.option()) instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }
}
