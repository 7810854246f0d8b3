package dev.basalt.auth;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import java.io.IOException;
import java.util.Base64;
import java.util.Optional;

/**
 * A compact HS256 JWS taken apart but not yet verified: the signing input, the signature, and the
 * claims {@link Tokens} reads. Nothing here is trusted until the signature matches.
 *
 * <p>Written on Jackson's streaming parser rather than with nimbus-jose-jwt's {@code SignedJWT}:
 * a write ends the cache of verified tokens, so every request of a write-heavy load verifies its
 * token again, and nimbus's parse, claims set and verifier were a fifth of a record create's
 * server time. The rules are the ones nimbus applied to our tokens: three base64url parts, a header
 * whose {@code alg} is {@code HS256} and which names no critical extension, an integral
 * {@code exp}; a claim of another JSON type than expected reads as absent.
 */
record UnverifiedToken(String signingInput, byte[] signature, String id, String collectionId, String type, long exp,
        boolean refreshable, String email, String newEmail) {

    private static final Base64.Decoder BASE64URL = Base64.getUrlDecoder();
    // A repeated member could make the header or the claims read one way here and another way to
    // someone else: refused. Buffers from a shared pool: a request's virtual thread is new, so
    // Jackson's default per-thread buffers would be allocated anew for every token.
    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .recyclerPool(JsonRecyclerPools.sharedConcurrentDequePool())
            .build();
    private static final int MAX_TOKEN_CHARS = 8192;

    /** The token's parts, or empty when it is not a well-formed HS256 JWS with an expiry. */
    static Optional<UnverifiedToken> parse(String token) {
        if (token.length() > MAX_TOKEN_CHARS) {
            return Optional.empty();
        }
        int headerEnd = token.indexOf('.');
        int payloadEnd = headerEnd < 0 ? -1 : token.indexOf('.', headerEnd + 1);
        if (payloadEnd < 0 || token.indexOf('.', payloadEnd + 1) >= 0) {
            return Optional.empty();
        }
        try {
            if (!isHs256Header(BASE64URL.decode(token.substring(0, headerEnd)))) {
                return Optional.empty();
            }
            byte[] payload = BASE64URL.decode(token.substring(headerEnd + 1, payloadEnd));
            byte[] signature = BASE64URL.decode(token.substring(payloadEnd + 1));
            return claims(token.substring(0, payloadEnd), signature, payload);
        } catch (IllegalArgumentException | IOException e) {
            return Optional.empty();
        }
    }

    private static boolean isHs256Header(byte[] json) throws IOException {
        boolean hs256 = false;
        try (JsonParser p = JSON.createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return false;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                switch (name) {
                    case "alg" -> hs256 = value == JsonToken.VALUE_STRING && "HS256".equals(p.getText());
                    // RFC 7515 §4.1.11: an extension the recipient must understand; we understand none.
                    case "crit" -> {
                        return false;
                    }
                    default -> p.skipChildren();
                }
            }
            return hs256 && p.nextToken() == null;
        }
    }

    private static Optional<UnverifiedToken> claims(String signingInput, byte[] signature, byte[] json) throws IOException {
        String id = "";
        String collectionId = "";
        String type = "";
        String email = "";
        String newEmail = "";
        Long exp = null;
        boolean refreshable = false;
        try (JsonParser p = JSON.createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return Optional.empty();
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                String text = value == JsonToken.VALUE_STRING ? p.getText() : "";
                switch (name) {
                    case "id" -> id = text;
                    case "collectionId" -> collectionId = text;
                    case "type" -> type = text;
                    case "email" -> email = text;
                    case "newEmail" -> newEmail = text;
                    case "refreshable" -> refreshable = value == JsonToken.VALUE_TRUE;
                    case "exp" -> {
                        if (value != JsonToken.VALUE_NUMBER_INT || p.getNumberType() != JsonParser.NumberType.INT
                                && p.getNumberType() != JsonParser.NumberType.LONG) {
                            return Optional.empty();
                        }
                        exp = p.getLongValue();
                    }
                    default -> p.skipChildren();
                }
            }
            if (exp == null || p.nextToken() != null) {
                return Optional.empty();
            }
        }
        return Optional.of(new UnverifiedToken(signingInput, signature, id, collectionId, type, exp, refreshable, email, newEmail));
    }
}
