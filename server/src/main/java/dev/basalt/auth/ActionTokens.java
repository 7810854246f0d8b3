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
 * The single-purpose tokens the account emails carry: {@code verification}, {@code passwordReset}
 * and {@code emailChange}. Same scheme as {@link Tokens}: HS256, key = the record's
 * {@code tokenKey} + the collection's secret for the type, claims {@code id, collectionId, type,
 * email} (+ {@code newEmail}) and {@code exp}, so a password change (new tokenKey) or a new
 * collection secret kills every outstanding link.
 */
public final class ActionTokens {

    /** A token type with the collection option that holds its duration and secret. */
    public enum Type {
        VERIFICATION("verification", "verificationToken"),
        PASSWORD_RESET("passwordReset", "passwordResetToken"),
        EMAIL_CHANGE("emailChange", "emailChangeToken");

        private final String claim;
        private final String option;

        Type(String claim, String option) {
            this.claim = claim;
            this.option = option;
        }

        public String claim() {
            return claim;
        }
    }

    /** A verified token: the record it was issued for and its email claims ({@code newEmail} empty unless emailChange). */
    public record Verified(Record record, String email, String newEmail) {}

    private final Database db;
    private final CollectionRegistry registry;
    private final RecordRepository records = new RecordRepository();

    public ActionTokens(Database db, CollectionRegistry registry) {
        this.db = db;
        this.registry = registry;
    }

    /** A new token of the type for the record, carrying its current email. */
    public String issue(Record record, Type type) {
        return issue(record, type, "");
    }

    /** A new emailChange token for the record and the address it asked to move to. */
    public String issueEmailChange(Record record, String newEmail) {
        return issue(record, Type.EMAIL_CHANGE, newEmail);
    }

    private String issue(Record record, Type type, String newEmail) {
        Collection c = record.collection();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .claim("id", record.id())
                .claim("collectionId", c.id())
                .claim("type", type.claim)
                .claim("email", record.getString("email"))
                .expirationTime(Date.from(Instant.now().plusSeconds(option(c, type, "duration") instanceof Number n
                        ? n.longValue() : 0)));
        if (type == Type.EMAIL_CHANGE) {
            claims.claim("newEmail", newEmail);
        }
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims.build());
            jwt.sign(new MACSigner(signingKey(record, type)));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign token", e);
        }
    }

    /**
     * The record a valid token of the type belongs to, if it belongs to {@code collection};
     * empty for a malformed, expired, tampered, other-type or other-collection token.
     */
    public Optional<Verified> verify(String token, Type type, Collection collection) {
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            jwt = SignedJWT.parse(token);
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            return Optional.empty();
        }
        String id = stringClaim(claims, "id");
        String collectionId = stringClaim(claims, "collectionId");
        Date exp = claims.getExpirationTime();
        if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm()) || !type.claim.equals(stringClaim(claims, "type"))
                || id.isEmpty() || !collection.id().equals(collectionId) || exp == null
                || exp.toInstant().isBefore(Instant.now())) {
            return Optional.empty();
        }
        Optional<Record> record = db.read(dsl -> records.findById(dsl, collection, id));
        if (record.isEmpty()) {
            return Optional.empty();
        }
        try {
            // MACVerifier compares signatures in constant time.
            if (!jwt.verify(new MACVerifier(signingKey(record.get(), type)))) {
                return Optional.empty();
            }
        } catch (JOSEException e) {
            return Optional.empty();
        }
        return Optional.of(new Verified(record.get(), stringClaim(claims, "email"), stringClaim(claims, "newEmail")));
    }

    private static byte[] signingKey(Record record, Type type) {
        Object secret = option(record.collection(), type, "secret");
        return (record.getString("tokenKey") + (secret == null ? "" : secret)).getBytes(StandardCharsets.UTF_8);
    }

    private static Object option(Collection c, Type type, String key) {
        return c.options().get(type.option) instanceof Map<?, ?> m ? m.get(key) : null;
    }

    private static String stringClaim(JWTClaimsSet claims, String name) {
        return claims.getClaim(name) instanceof String s ? s : "";
    }
}
