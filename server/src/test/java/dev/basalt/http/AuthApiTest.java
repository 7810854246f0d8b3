package dev.basalt.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.basalt.records.Record;
import dev.basalt.testing.Scenario;
import dev.basalt.testing.TestServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** auth-methods, auth-with-password, auth-refresh and impersonate (API.md §5, §10 items 25–30, 37). */
class AuthApiTest {

    static TestServer server;
    static Record alice;
    static Record bob;

    private static final String MEMBERS = "/api/collections/members";
    private static final String UNAUTHORIZED = "\"message\":\"The request requires valid record authorization token.\"";
    private static final String NOT_ALLOWED = "\"message\":\"The authorized record is not allowed to perform this action.\"";

    @BeforeAll
    static void start() {
        server = TestServer.start();
        AuthFixtures.collection(server, """
                {"name":"members","type":"auth","fields":[{"name":"username","type":"text"},{"name":"secretNote","type":"text","hidden":true}],
                 "indexes":["CREATE UNIQUE INDEX `idx_members_username` ON `members` (`username` COLLATE NOCASE)"],
                 "passwordAuth":{"enabled":true,"identityFields":["email","username"]}}""");
        AuthFixtures.collection(server, """
                {"name":"nopass","type":"auth","passwordAuth":{"enabled":false,"identityFields":["email"]}}""");
        AuthFixtures.collection(server, """
                {"name":"strict","type":"auth","authRule":"verified = true"}""");
        AuthFixtures.collection(server, """
                {"name":"locked_auth","type":"auth","authRule":null}""");
        AuthFixtures.collection(server, """
                {"name":"posts","type":"base","fields":[{"name":"title","type":"text"}]}""");
        alice = AuthFixtures.user(server, "members", "alice0000000001", "alice@example.com",
                Map.of("username", "Alice", "secretNote", "hush"));
        bob = AuthFixtures.user(server, "members", "bob000000000001", "bob@example.com", Map.of("username", "bob"));
        AuthFixtures.user(server, "users", "user00000000001", "user@example.com", Map.of());
        AuthFixtures.user(server, "nopass", "nopass000000001", "np@example.com", Map.of());
        AuthFixtures.user(server, "strict", "strictu00000001", "unverified@example.com", Map.of());
        AuthFixtures.user(server, "strict", "strictv00000001", "verified@example.com", Map.of("verified", true));
        AuthFixtures.user(server, "locked_auth", "locked000000001", "locked@example.com", Map.of());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String aliceToken(TestServer s) {
        return AuthFixtures.login(s, "members", "alice@example.com");
    }

    private static String login(String identity, String password) {
        return "{\"identity\":\"" + identity + "\",\"password\":\"" + password + "\"}";
    }

    @TestFactory
    List<DynamicTest> authMethods() {
        return Scenario.run(server, List.of(
                Scenario.get("/api/collections/posts/auth-methods")
                        .expect(404, "\"message\":\"Missing or invalid auth collection context.\"", "\"data\":{}")
                        .named("a base collection has no auth methods"),
                Scenario.get("/api/collections/missing/auth-methods")
                        .expect(404, "\"message\":\"Missing or invalid auth collection context.\"")
                        .named("a missing collection has no auth methods"),
                Scenario.get("/api/collections/users/auth-methods")
                        .expect(200, "\"password\":{\"identityFields\":[\"email\"],\"enabled\":true}",
                                "\"oauth2\":{\"providers\":[],\"enabled\":false}",
                                "\"mfa\":{\"enabled\":false,\"duration\":0}", "\"otp\":{\"enabled\":false,\"duration\":0}",
                                "\"authProviders\":[]", "\"usernamePassword\":false", "\"emailPassword\":true")
                        .named("users offers password auth by email"),
                Scenario.get("/api/collections/nopass/auth-methods")
                        .expect(200, "\"password\":{\"identityFields\":[],\"enabled\":false}",
                                "\"oauth2\":{\"providers\":[],\"enabled\":false}",
                                "\"mfa\":{\"enabled\":false,\"duration\":0}", "\"otp\":{\"enabled\":false,\"duration\":0}",
                                "\"emailPassword\":false")
                        .named("a collection with everything disabled lists nothing"),
                Scenario.get(MEMBERS + "/auth-methods")
                        .expect(200, "\"identityFields\":[\"email\",\"username\"]", "\"usernamePassword\":true")
                        .named("every identity field is listed"),
                Scenario.get(MEMBERS + "/auth-methods?fields=mfa,otp,password,oauth2")
                        .expect(200, "\"password\":")
                        .notExpect("authProviders", "emailPassword")
                        .named("the SDK's fields selection drops the legacy keys")));
    }

    @TestFactory
    List<DynamicTest> authWithPassword() {
        String path = MEMBERS + "/auth-with-password";
        return Scenario.run(server, List.of(
                Scenario.post("/api/collections/posts/auth-with-password", login("a@example.com", "x"))
                        .expect(404, "\"message\":\"Missing or invalid auth collection context.\"")
                        .named("password auth on a base collection is a 404"),
                Scenario.post("/api/collections/nopass/auth-with-password", login("np@example.com", AuthFixtures.PASSWORD))
                        .expect(403, "\"message\":\"The collection is not configured to allow password authentication.\"")
                        .named("password auth disabled is a 403"),
                Scenario.post(path, "{\"identity\":\"\",\"password\":\"\"}")
                        .expect(400, "\"identity\":{\"code\":\"validation_required\"", "\"password\":{\"code\":\"validation_required\"")
                        .named("empty identity and password are both required"),
                Scenario.post(path, "{")
                        .expect(400, "\"data\":{}")
                        .named("a malformed body is a 400"),
                Scenario.post(path, "{\"identity\":\"" + "a".repeat(256) + "\",\"password\":\"x\"}")
                        .expect(400, "\"identity\":{\"code\":\"validation_length_out_of_range\"")
                        .named("an identity over 255 characters is refused"),
                Scenario.post(path, login("alice@example.com", "wrong-password"))
                        .expect(400, "\"message\":\"Failed to authenticate.\"", "\"data\":{}")
                        .named("a wrong password is a 400 with empty data"),
                Scenario.post(path, login("nobody@example.com", AuthFixtures.PASSWORD))
                        .expect(400, "\"message\":\"Failed to authenticate.\"", "\"data\":{}")
                        .named("an unknown identity answers like a wrong password"),
                Scenario.post(path, login("alice@example.com", AuthFixtures.PASSWORD))
                        .expect(200, "\"token\":\"", "\"id\":\"alice0000000001\"", "\"email\":\"alice@example.com\"",
                                "\"collectionName\":\"members\"")
                        .notExpect("tokenKey", "\"password\"", "secretNote", "\"meta\"")
                        .named("the right password answers the token and the record with its email"),
                Scenario.post(path, login("Alice", AuthFixtures.PASSWORD))
                        .expect(200, "\"id\":\"alice0000000001\"")
                        .named("an identity that is not an email is looked up by the other identity fields"),
                Scenario.post(path, login("ALICE", AuthFixtures.PASSWORD))
                        .expect(200, "\"id\":\"alice0000000001\"")
                        .named("the lookup ignores case when the unique index is COLLATE NOCASE"),
                Scenario.post(path, "{\"identity\":\"bob\",\"password\":\"" + AuthFixtures.PASSWORD + "\",\"identityField\":\"username\"}")
                        .expect(200, "\"id\":\"bob000000000001\"")
                        .named("identityField picks the field"),
                Scenario.post(path, "{\"identity\":\"bob@example.com\",\"password\":\"" + AuthFixtures.PASSWORD + "\",\"identityField\":\"username\"}")
                        .expect(400, "\"data\":{}")
                        .named("identityField restricts the lookup to that field"),
                Scenario.post(path, "{\"identity\":\"bob\",\"password\":\"" + AuthFixtures.PASSWORD + "\",\"identityField\":\"name\"}")
                        .expect(400, "\"identityField\":{\"code\":\"validation_in_invalid\"")
                        .named("an identityField that is not an identity field is refused"),
                Scenario.post(path, login("alice@example.com", AuthFixtures.PASSWORD))
                        .expect(200, "{\"record\":{\"collectionId\":")
                        .named("the auth response starts with the record, as PocketBase's does"),
                Scenario.post(path + "?fields=token", login("alice@example.com", AuthFixtures.PASSWORD))
                        .expect(200, "\"token\":")
                        .notExpect("\"record\"")
                        .named("fields selects the keys of the auth response"),
                Scenario.post(path + "?fields=record.username", login("alice@example.com", AuthFixtures.PASSWORD))
                        .expect(200, "{\"record\":{\"username\":\"Alice\"}}")
                        .named("fields selects nested keys of the record"),
                Scenario.post(path + "?expand=missing", login("alice@example.com", AuthFixtures.PASSWORD))
                        .expect(200, "\"expand\":{}")
                        .named("expand applies to the auth record"),
                Scenario.post("/api/collections/_superusers/auth-with-password",
                                login(TestServer.SUPERUSER_EMAIL, TestServer.SUPERUSER_PASSWORD))
                        .expect(200, "\"collectionName\":\"_superusers\"")
                        .named("superusers log in like any auth record"),
                Scenario.post("/api/collections/strict/auth-with-password", login("unverified@example.com", AuthFixtures.PASSWORD))
                        .expect(403, "\"message\":\"The request doesn't satisfy the collection requirements to authenticate.\"")
                        .named("valid credentials failing the authRule are a 403"),
                Scenario.post("/api/collections/strict/auth-with-password", login("verified@example.com", AuthFixtures.PASSWORD))
                        .expect(200, "\"id\":\"strictv00000001\"")
                        .named("valid credentials passing the authRule authenticate"),
                Scenario.post("/api/collections/locked_auth/auth-with-password", login("locked@example.com", AuthFixtures.PASSWORD))
                        .expect(403, "collection requirements to authenticate")
                        .named("a null authRule refuses every login by the record itself")));
    }

    @TestFactory
    List<DynamicTest> authRefresh() {
        String path = MEMBERS + "/auth-refresh";
        return Scenario.run(server, List.of(
                Scenario.post(path, null)
                        .expect(401, UNAUTHORIZED, "\"data\":{}")
                        .named("refresh without a token is a 401"),
                Scenario.post("/api/collections/users/auth-refresh", null).as(AuthApiTest::aliceToken)
                        .expect(403, "\"data\":{}")
                        .named("refresh with a token of another collection is a 403"),
                Scenario.post("/api/collections/users/auth-refresh", null).asSuperuser()
                        .expect(403)
                        .named("refresh with a superuser token on users is a 403"),
                Scenario.post(path, null).as(AuthApiTest::aliceToken)
                        .expect(200, "\"token\":\"", "\"id\":\"alice0000000001\"", "\"email\":\"alice@example.com\"")
                        .named("a valid token is refreshed"),
                Scenario.post(path, null).as(s -> "Bearer " + aliceToken(s))
                        .expect(200, "\"id\":\"alice0000000001\"")
                        .named("a Bearer prefix is accepted"),
                Scenario.post("/api/collections/_superusers/auth-refresh", null).asSuperuser()
                        .expect(200, "\"collectionName\":\"_superusers\"")
                        .named("a superuser refreshes in _superusers")));
    }

    @TestFactory
    List<DynamicTest> impersonate() {
        String path = MEMBERS + "/impersonate/bob000000000001";
        return Scenario.run(server, List.of(
                Scenario.post(path, "{}")
                        .expect(401, UNAUTHORIZED)
                        .named("a guest cannot impersonate"),
                Scenario.post(path, "{}").as(AuthApiTest::aliceToken)
                        .expect(403, NOT_ALLOWED)
                        .named("a regular record cannot impersonate"),
                Scenario.post(MEMBERS + "/impersonate/alice0000000001", "{}").as(AuthApiTest::aliceToken)
                        .expect(403, NOT_ALLOWED)
                        .named("a regular record cannot impersonate even itself"),
                Scenario.post(path, "{\"duration\":-1}").asSuperuser()
                        .expect(400, "\"duration\":{\"code\":\"validation_min_greater_equal_than_required\"")
                        .named("a negative duration is refused"),
                Scenario.post(path, "{\"duration\":100}").asSuperuser()
                        .expect(200, "\"token\":\"", "\"id\":\"bob000000000001\"", "\"email\":\"bob@example.com\"")
                        .named("a superuser impersonates a record"),
                Scenario.post(MEMBERS + "/impersonate/alice0000000001", null).asSuperuser()
                        .expect(200, "\"email\":\"alice@example.com\"")
                        .notExpect("secretNote")
                        .named("the impersonated record shows as it sees itself, without hidden fields"),
                Scenario.post(MEMBERS + "/impersonate/missing00000001", "{}").asSuperuser()
                        .expect(404, "\"data\":{}")
                        .named("impersonating a missing record is a 404"),
                Scenario.post("/api/collections/posts/impersonate/x", "{}").asSuperuser()
                        .expect(404, "\"message\":\"Missing or invalid auth collection context.\"")
                        .named("impersonating in a base collection is a 404"),
                Scenario.post("/api/collections/locked_auth/impersonate/locked000000001", "{}").asSuperuser()
                        .expect(200, "\"id\":\"locked000000001\"")
                        .named("a superuser passes a null authRule")));
    }

    @Test
    void impersonationTokensAreNotRefreshableAndEchoedOnRefresh() {
        TestServer.Response r = server.post(MEMBERS + "/impersonate/bob000000000001", "{\"duration\":100}", server.superuserToken());
        String token = r.json().get("token").asText();
        JsonNode claims = AuthFixtures.claims(token);
        assertThat(claims.get("refreshable").asBoolean()).isFalse();
        assertThat(claims.get("type").asText()).isEqualTo("auth");
        assertThat(claims.get("exp").asLong() - java.time.Instant.now().getEpochSecond()).isBetween(90L, 100L);

        TestServer.Response refreshed = server.post(MEMBERS + "/auth-refresh", null, token);
        assertThat(refreshed.status()).isEqualTo(200);
        assertThat(refreshed.json().get("token").asText()).isEqualTo(token);
    }

    @Test
    void impersonationWithoutDurationTakesTheCollectionDefault() {
        String token = server.post(MEMBERS + "/impersonate/bob000000000001", "{\"duration\":0}", server.superuserToken())
                .json().get("token").asText();
        long lifetime = AuthFixtures.claims(token).get("exp").asLong() - java.time.Instant.now().getEpochSecond();
        assertThat(lifetime).isBetween(604790L, 604800L);
    }

    @Test
    void refreshIssuesARefreshableTokenThatWorks() {
        String token = aliceToken(server);
        JsonNode claims = AuthFixtures.claims(token);
        assertThat(claims.get("refreshable").asBoolean()).isTrue();
        assertThat(claims.get("collectionId").asText()).isEqualTo(alice.collection().id());
        assertThat(claims.has("iat")).isFalse();
        String renewed = server.post(MEMBERS + "/auth-refresh", null, token).json().get("token").asText();
        assertThat(server.post(MEMBERS + "/auth-refresh", null, renewed).status()).isEqualTo(200);
    }

    @Test
    void refreshChecksTheAuthRuleAgain() {
        String token = AuthFixtures.login(server, "strict", "verified@example.com");
        Record verified = server.basalt().database().read(dsl -> new dev.basalt.records.RecordRepository()
                .findById(dsl, server.basalt().collections().view("strict"), "strictv00000001")).orElseThrow();
        AuthFixtures.set(server, verified, "verified", false);
        try {
            assertThat(server.post("/api/collections/strict/auth-refresh", null, token).status()).isEqualTo(403);
        } finally {
            AuthFixtures.set(server, verified, "verified", true);
        }
    }
}
