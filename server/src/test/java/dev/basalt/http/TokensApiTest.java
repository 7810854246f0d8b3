package dev.basalt.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import dev.basalt.auth.TokenType;
import dev.basalt.auth.Tokens;
import dev.basalt.auth.VerifiedToken;
import dev.basalt.collections.CollectionRegistry;
import dev.basalt.collections.Ids;
import dev.basalt.records.Record;
import dev.basalt.records.RecordRepository;
import dev.basalt.testing.Scenario;
import dev.basalt.testing.TestServer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Tokens of every type (API.md §5.2): what they carry, which secret signs them, and that every bad
 * token (tampered, expired, of another type or collection, after a key change) is a guest, so the
 * endpoints that need auth answer the same 401.
 */
class TokensApiTest {

    static TestServer server;
    static Record erin;
    static Record frank;
    static Record usersRecord;

    private static final String REFRESH = "/api/collections/teams/auth-refresh";
    private static final String UNAUTHORIZED = "\"message\":\"The request requires valid record authorization token.\"";

    @BeforeAll
    static void start() {
        server = TestServer.start();
        AuthFixtures.collection(server, "{\"name\":\"teams\",\"type\":\"auth\"}");
        AuthFixtures.collection(server, "{\"name\":\"rotating\",\"type\":\"auth\"}");
        erin = AuthFixtures.user(server, "teams", "erin00000000001", "erin@example.com", Map.of());
        frank = AuthFixtures.user(server, "rotating", "frank0000000001", "frank@example.com", Map.of());
        usersRecord = AuthFixtures.user(server, "users", "usr000000000001", "usr@example.com", Map.of());
    }

    // Over a freshly loaded registry: the scenarios change collection secrets.
    private static Tokens tokens() {
        CollectionRegistry registry = new CollectionRegistry(server.basalt().database());
        registry.reload();
        return new Tokens(server.basalt().database(), registry);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static Record stored(Record r) {
        var c = server.basalt().collections().view(r.collection().id());
        return server.basalt().database().read(dsl -> new RecordRepository().findById(dsl, c, r.id())).orElseThrow();
    }

    private static String tampered(String token) {
        char last = token.charAt(token.length() - 2);
        return token.substring(0, token.length() - 2) + (last == 'A' ? 'B' : 'A') + token.charAt(token.length() - 1);
    }

    private static Map<String, Object> authClaims(Record r) {
        return Map.of("id", r.id(), "collectionId", r.collection().id(), "type", "auth", "refreshable", true);
    }

    @TestFactory
    List<DynamicTest> badTokensAreGuests() {
        Instant soon = Instant.now().plusSeconds(600);
        return Scenario.run(server, List.of(
                Scenario.post(REFRESH, null).as(s -> AuthFixtures.forge(s, erin, "authToken", authClaims(erin), soon))
                        .expect(200, "\"id\":\"erin00000000001\"")
                        .named("a token signed like the server's is accepted (the forge helper is sound)"),
                Scenario.post(REFRESH, null).as(s -> AuthFixtures.forge(s, erin, "authToken", authClaims(erin), soon,
                                new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).build()))
                        .expect(200, "\"id\":\"erin00000000001\"")
                        .named("a header with typ JWT, as PocketBase writes it, is accepted"),
                Scenario.post(REFRESH, null).as(s -> AuthFixtures.forge(s, erin, "authToken", authClaims(erin), soon,
                                new JWSHeader.Builder(JWSAlgorithm.HS256).criticalParams(Set.of("exp")).build()))
                        .expect(401, UNAUTHORIZED)
                        .named("a header naming a critical extension is a guest"),
                Scenario.post(REFRESH, null).as(s -> AuthFixtures.forge(s, erin, "authToken", authClaims(erin), soon,
                                new JWSHeader(JWSAlgorithm.HS512)))
                        .expect(401, UNAUTHORIZED)
                        .named("an HS512 token is a guest"),
                Scenario.post(REFRESH, null).as(s -> AuthFixtures.forge(s, erin, "authToken",
                                Map.of("id", erin.id(), "collectionId", erin.collection().id(), "type", "auth", "exp", "2999999999"), soon))
                        .expect(401, UNAUTHORIZED)
                        .named("an exp that is not a number is a guest"),
                Scenario.post(REFRESH, null).as(s -> {
                            String[] parts = AuthFixtures.forge(s, erin, "authToken", authClaims(erin), soon).split("\\.");
                            return parts[0] + "." + parts[1] + "." + parts[2] + "." + parts[2];
                        })
                        .expect(401, UNAUTHORIZED)
                        .named("four parts are a guest"),
                Scenario.post(REFRESH, null).as(s -> tampered(AuthFixtures.login(s, "teams", "erin@example.com")))
                        .expect(401, UNAUTHORIZED, "\"data\":{}")
                        .named("a tampered signature is a guest"),
                Scenario.post(REFRESH, null).as(s -> AuthFixtures.forge(s, erin, "authToken", authClaims(erin), Instant.now().minusSeconds(5)))
                        .expect(401, UNAUTHORIZED)
                        .named("an expired token is a guest"),
                Scenario.post(REFRESH, null).as(s -> AuthFixtures.forge(s, erin, "authToken",
                                Map.of("id", erin.id(), "collectionId", erin.collection().id(), "type", "auth"), Instant.now().minusSeconds(0)))
                        .expect(401, UNAUTHORIZED)
                        .named("a token expiring now is a guest"),
                Scenario.post(REFRESH, null).as(s -> tokens().issueFileToken(stored(erin)))
                        .expect(401, UNAUTHORIZED)
                        .named("a file token is not an auth token"),
                Scenario.post(REFRESH, null).as(s -> tokens().issueVerificationToken(stored(erin)))
                        .expect(401, UNAUTHORIZED)
                        .named("a verification token is not an auth token"),
                Scenario.post(REFRESH, null).as(s -> AuthFixtures.forge(s, erin, "fileToken",
                                authClaims(erin), soon))
                        .expect(401, UNAUTHORIZED)
                        .named("an auth-typed token signed with another type's secret is a guest"),
                Scenario.post(REFRESH, null).as(s -> AuthFixtures.forge(s, erin, "authToken",
                                Map.of("id", erin.id(), "collectionId", usersRecord.collection().id(), "type", "auth"), soon))
                        .expect(401, UNAUTHORIZED)
                        .named("a token claiming another collection is a guest"),
                Scenario.post(REFRESH, null).as(s -> AuthFixtures.forge(s, erin, "authToken",
                                Map.of("id", erin.id(), "collectionId", "teams", "type", "auth"), soon))
                        .expect(401, UNAUTHORIZED)
                        .named("a collection name in place of the collection id is a guest"),
                Scenario.post(REFRESH, null).as(s -> AuthFixtures.forge(s, erin, "authToken",
                                Map.of("id", "nobody000000001", "collectionId", erin.collection().id(), "type", "auth"), soon))
                        .expect(401, UNAUTHORIZED)
                        .named("a token of a missing record is a guest"),
                Scenario.post(REFRESH, null).as(s -> AuthFixtures.forge(s, erin, "authToken",
                                Map.of("id", erin.id(), "collectionId", erin.collection().id()), soon))
                        .expect(401, UNAUTHORIZED)
                        .named("a token without a type is a guest"),
                Scenario.post(REFRESH, null).as(s -> "eyJhbGciOiJub25lIn0." + AuthFixtures.forge(s, erin, "authToken", authClaims(erin), soon).split("\\.")[1] + ".")
                        .expect(401, UNAUTHORIZED)
                        .named("an unsigned (alg none) token is a guest"),
                Scenario.post(REFRESH, null).as(s -> "not-a-jwt")
                        .expect(401, UNAUTHORIZED)
                        .named("garbage is a guest"),
                Scenario.post("/api/collections/teams/impersonate/erin00000000001", "{}").as(s -> "not-a-jwt")
                        .expect(401, UNAUTHORIZED)
                        .named("impersonate answers the same 401 to a bad token"),
                Scenario.get("/api/collections/users/records").as(s -> "not-a-jwt")
                        .expect(200, "\"totalItems\":0")
                        .named("record endpoints treat a bad token as a guest")));
    }

    @Test
    void aNewTokenKeyKillsTheRecordsTokens() {
        Record r = AuthFixtures.user(server, "teams", "keyrot000000001", "keyrot@example.com", Map.of());
        String token = AuthFixtures.login(server, "teams", "keyrot@example.com");
        assertThat(server.post(REFRESH, null, token).status()).isEqualTo(200);
        AuthFixtures.set(server, r, "tokenKey", Ids.random(50));
        assertThat(server.post(REFRESH, null, token).status()).isEqualTo(401);
    }

    @Test
    void aNewCollectionSecretKillsTheCollectionsTokens() {
        String token = AuthFixtures.login(server, "rotating", "frank@example.com");
        String path = "/api/collections/rotating/auth-refresh";
        assertThat(server.post(path, null, token).status()).isEqualTo(200);
        TestServer.Response patched = server.patch("/api/collections/rotating",
                "{\"authToken\":{\"duration\":604800,\"secret\":\"" + "s".repeat(50) + "\"}}", server.superuserToken());
        assertThat(patched.status()).as(patched.body()).isEqualTo(200);
        assertThat(server.post(path, null, token).status()).isEqualTo(401);
        String fresh = AuthFixtures.login(server, "rotating", "frank@example.com");
        assertThat(server.post(path, null, fresh).status()).isEqualTo(200);
    }

    @Test
    void aNewAuthRuleKillsTheCollectionsTokens() {
        String token = AuthFixtures.login(server, "teams", "erin@example.com");
        TestServer.Response patched = server.patch("/api/collections/teams", "{\"authRule\":\"id != ''\"}", server.superuserToken());
        assertThat(patched.status()).as(patched.body()).isEqualTo(200);
        assertThat(server.post(REFRESH, null, token).status()).isEqualTo(401);
        assertThat(server.post(REFRESH, null, AuthFixtures.login(server, "teams", "erin@example.com")).status()).isEqualTo(200);
    }

    @Test
    void eachTypeVerifiesOnlyAsItselfAndCarriesItsClaims() {
        Record r = stored(erin);
        Tokens tokens = tokens();
        Map<TokenType, String> issued = Map.of(
                TokenType.AUTH, tokens.issueAuthToken(r),
                TokenType.FILE, tokens.issueFileToken(r),
                TokenType.VERIFICATION, tokens.issueVerificationToken(r),
                TokenType.PASSWORD_RESET, tokens.issuePasswordResetToken(r),
                TokenType.EMAIL_CHANGE, tokens.issueEmailChangeToken(r, "new@example.com"));
        issued.forEach((type, token) -> {
            for (TokenType expected : TokenType.values()) {
                Optional<VerifiedToken> verified = tokens.verify(token, expected);
                assertThat(verified.isPresent()).as("%s token verified as %s", type, expected).isEqualTo(type == expected);
            }
            assertThat(AuthFixtures.claims(token).get("type").asText()).isEqualTo(type.wire());
        });
        VerifiedToken change = tokens.verify(issued.get(TokenType.EMAIL_CHANGE), TokenType.EMAIL_CHANGE).orElseThrow();
        assertThat(change.email()).isEqualTo("erin@example.com");
        assertThat(change.newEmail()).isEqualTo("new@example.com");
        assertThat(change.record().id()).isEqualTo(erin.id());
        assertThat(tokens.verify(issued.get(TokenType.PASSWORD_RESET), TokenType.PASSWORD_RESET).orElseThrow().email())
                .isEqualTo("erin@example.com");
        assertThat(AuthFixtures.claims(issued.get(TokenType.VERIFICATION)).get("email").asText()).isEqualTo("erin@example.com");
        assertThat(AuthFixtures.claims(issued.get(TokenType.FILE)).has("refreshable")).isFalse();
        assertThat(tokens.verifyAuthToken(issued.get(TokenType.AUTH)).orElseThrow().refreshable()).isTrue();
    }

    @Test
    void eachTypeLivesForItsCollectionDuration() {
        Record r = stored(erin);
        long now = Instant.now().getEpochSecond();
        assertThat(AuthFixtures.claims(tokens().issueFileToken(r)).get("exp").asLong() - now).isBetween(175L, 180L);
        assertThat(AuthFixtures.claims(tokens().issuePasswordResetToken(r)).get("exp").asLong() - now).isBetween(1795L, 1800L);
        assertThat(AuthFixtures.claims(tokens().issueEmailChangeToken(r, "x@example.com")).get("exp").asLong() - now).isBetween(1795L, 1800L);
        assertThat(AuthFixtures.claims(tokens().issueVerificationToken(r)).get("exp").asLong() - now)
                .isBetween(Tokens.duration(r.collection(), TokenType.VERIFICATION) - 5, Tokens.duration(r.collection(), TokenType.VERIFICATION));
    }

    @Test
    void aSecretChangeOfOneTypeLeavesTheOthersValid() {
        Record r = AuthFixtures.user(server, "rotating", "grace0000000001", "grace@example.com", Map.of());
        Record fresh = stored(r);
        String file = tokens().issueFileToken(fresh);
        String auth = AuthFixtures.login(server, "rotating", "grace@example.com");
        TestServer.Response patched = server.patch("/api/collections/rotating",
                "{\"fileToken\":{\"duration\":180,\"secret\":\"" + "f".repeat(50) + "\"}}", server.superuserToken());
        assertThat(patched.status()).as(patched.body()).isEqualTo(200);
        Tokens current = tokens();
        assertThat(current.verify(file, TokenType.FILE)).isEmpty();
        assertThat(current.verifyAuthToken(auth)).isPresent();
    }
}
