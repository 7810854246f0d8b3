package dev.basalt.http;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import dev.basalt.auth.AuthFlow;
import dev.basalt.auth.PasswordHasher;
import dev.basalt.auth.Tokens;
import dev.basalt.auth.oauth2.AuthMethodProvider;
import dev.basalt.auth.oauth2.OAuth2Auth;
import dev.basalt.collections.CollectionRegistry;
import dev.basalt.collections.Ids;
import dev.basalt.collections.Timestamps;
import dev.basalt.records.Record;
import dev.basalt.records.RecordRepository;
import dev.basalt.records.RecordSearch;
import dev.basalt.store.Database;
import dev.basalt.testing.TestServer;
import dev.basalt.testing.TestServer.Response;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import com.nimbusds.oauth2.sdk.OAuth2Error;
import com.nimbusds.oauth2.sdk.TokenRequest;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Exception;
import no.nav.security.mock.oauth2.token.OAuth2TokenCallback;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * {@code auth-with-oauth2} end to end: Basalt exchanges real authorization codes with a real OIDC
 * server (mock-oauth2-server on a loopback port), configured as the {@code oidc} provider of
 * {@code users}.
 */
class OAuth2ApiTest {

    private static final String ISSUER = "default";
    private static final String REDIRECT = "http://127.0.0.1/oauth2-callback";

    private static TestServer server;
    private static MockOAuth2Server oidc;
    private static OAuth2Auth oauth2;
    private static CollectionRegistry registry;
    private static final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private static final HttpClient browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @BeforeAll
    static void start() {
        log.start();
        ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).addAppender(log);
        server = TestServer.start();
        oidc = new MockOAuth2Server();
        oidc.start(InetAddress.getLoopbackAddress(), 0);
        Response r = server.patch("/api/collections/users", """
                {"oauth2": {"enabled": true,
                  "mappedFields": {"name": "name"},
                  "providers": [{"name": "oidc", "clientId": "basalt", "clientSecret": "s3cr3t-client",
                    "authURL": "%1$s", "tokenURL": "%2$s", "userInfoURL": "%3$s"},
                   {"name": "oidc2", "clientId": "basalt", "clientSecret": "s3cr3t-client", "displayName": "By id_token",
                    "authURL": "%1$s", "tokenURL": "%2$s"}]}}"""
                .formatted(oidc.authorizationEndpointUrl(ISSUER), oidc.tokenEndpointUrl(ISSUER),
                        oidc.userInfoUrl(ISSUER)), server.superuserToken());
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        Database db = server.basalt().database();
        registry = new CollectionRegistry(db);
        registry.reload();
        oauth2 = new OAuth2Auth(db, registry, server.basalt().records(),
                new AuthFlow(db, registry, new RecordSearch(registry, db.dialect()), new Tokens(db, registry)),
                new PasswordHasher());
    }

    @AfterAll
    static void stop() {
        ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).detachAppender(log);
        oidc.shutdown();
        server.close();
    }

    /** An authorization the way a browser gets one: auth-methods' URL, the provider, the redirect. */
    private record Authorization(String code, String codeVerifier) {}

    private static AuthMethodProvider provider(String name) {
        List<AuthMethodProvider> providers = oauth2.providers(server.basalt().records().collection("users"));
        assertThat(providers).extracting(AuthMethodProvider::name).containsExactly("oidc", "oidc2");
        return providers.stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
    }

    private static Authorization authorize(String subject, Map<String, Object> claims) throws Exception {
        return authorize("oidc", subject, claims);
    }

    private static Authorization authorize(String provider, String subject, Map<String, Object> claims)
            throws Exception {
        AuthMethodProvider p = provider(provider);
        oidc.enqueueCallback(new DefaultOAuth2TokenCallback(ISSUER, subject, "JWT", List.of("basalt"), claims, 3600));
        HttpResponse<String> redirect = browser.send(HttpRequest.newBuilder(
                URI.create(p.authURL() + TestServer.encode(REDIRECT))).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(redirect.statusCode()).as(redirect.body()).isEqualTo(302);
        URI location = URI.create(redirect.headers().firstValue("Location").orElseThrow());
        Map<String, String> query = new LinkedHashMap<>();
        for (String pair : location.getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            query.put(kv[0], java.net.URLDecoder.decode(kv[1], java.nio.charset.StandardCharsets.UTF_8));
        }
        assertThat(query.get("state")).isEqualTo(p.state());
        return new Authorization(query.get("code"), p.codeVerifier());
    }

    private static Response signIn(String collection, Authorization a, String token) {
        return signIn(collection, "oidc", a, token);
    }

    private static Response signIn(String collection, String provider, Authorization a, String token) {
        return server.post("/api/collections/" + collection + "/auth-with-oauth2", """
                {"provider": "%s", "code": "%s", "codeVerifier": "%s", "redirectURL": "%s",
                 "createData": {"emailVisibility": true}}""".formatted(provider, a.code(), a.codeVerifier(), REDIRECT),
                token);
    }

    private static Map<String, Object> verifiedEmail(String email) {
        return Map.of("email", email, "email_verified", true, "name", "Name of " + email);
    }

    private static Record insertUser(String email, boolean verified) {
        var users = registry.find("users").orElseThrow();
        String now = Timestamps.now();
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("id", Ids.recordId());
        values.put("email", email);
        values.put("verified", verified);
        values.put("password", new PasswordHasher().hash("original-password", 10));
        values.put("tokenKey", Ids.randomSecret(50));
        values.put("created", now);
        values.put("updated", now);
        Record r = new Record(users, values);
        server.basalt().database().transaction(tx -> {
            new RecordRepository().insert(tx.dsl(), r);
        });
        return r;
    }

    private static Record stored(String id) {
        var users = registry.find("users").orElseThrow();
        return server.basalt().database().read(dsl -> new RecordRepository().findById(dsl, users, id)).orElseThrow();
    }

    private static JsonNode links(String recordId) {
        return server.get("/api/collections/_externalAuths/records?filter="
                + TestServer.encode("recordRef = '" + recordId + "'"), server.superuserToken()).json().get("items");
    }

    @Test
    void providerListCarriesStateAndS256Challenge() throws Exception {
        AuthMethodProvider p = provider("oidc");
        assertThat(provider("oidc2").displayName()).isEqualTo("By id_token");
        assertThat(p.authURL()).startsWith(oidc.authorizationEndpointUrl(ISSUER).toString())
                .contains("client_id=basalt", "code_challenge_method=S256", "response_type=code",
                        "state=" + p.state(), "code_challenge=" + p.codeChallenge())
                .endsWith("&redirect_uri=");
        assertThat(p.state()).hasSize(30);
        assertThat(p.codeVerifier()).hasSize(43);
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(p.codeVerifier().getBytes());
        assertThat(p.codeChallenge()).isEqualTo(Base64.getUrlEncoder().withoutPadding().encodeToString(digest));
        assertThat(p.codeChallengeMethod()).isEqualTo("S256");
        assertThat(p.logo()).startsWith("<svg");
    }

    @Test
    void authMethodsListsTheEnabledProvidersForTheSdk() {
        Response r = server.get("/api/collections/users/auth-methods", null);
        assertThat(r.status()).isEqualTo(200);
        JsonNode oauth2 = r.json().get("oauth2");
        assertThat(oauth2.get("enabled").asBoolean()).isTrue();
        assertThat(oauth2.get("providers").findValuesAsText("name")).contains("oidc", "oidc2");
        JsonNode first = oauth2.get("providers").get(0);
        assertThat(first.get("authURL").asText()).endsWith("redirect_uri=");
        assertThat(first.get("codeChallengeMethod").asText()).isEqualTo("S256");
        assertThat(first.get("codeVerifier").asText()).hasSize(43);
        assertThat(r.body()).doesNotContain("s3cr3t-client");
    }

    @Test
    void linksAnExistingVerifiedUserByEmailAndFindsItAgainByTheLink() throws Exception {
        Record bob = insertUser("bob@example.com", true);
        Response first = signIn("users", authorize("bob-subject", verifiedEmail("bob@example.com")), null);
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        JsonNode body = first.json();
        assertThat(body.get("token").asText()).isNotEmpty();
        assertThat(body.at("/record/id").asText()).isEqualTo(bob.id());
        assertThat(body.at("/record/email").asText()).isEqualTo("bob@example.com");
        assertThat(body.at("/meta/id").asText()).isEqualTo("bob-subject");
        assertThat(body.at("/meta/email").asText()).isEqualTo("bob@example.com");
        assertThat(body.at("/meta/isNew").asBoolean()).isFalse();
        assertThat(body.at("/meta/accessToken").asText()).isNotEmpty();
        assertThat(body.at("/meta/rawUser/sub").asText()).isEqualTo("bob-subject");
        assertThat(links(bob.id())).hasSize(1);
        assertThat(links(bob.id()).get(0).get("provider").asText()).isEqualTo("oidc");
        assertThat(links(bob.id()).get(0).get("providerId").asText()).isEqualTo("bob-subject");

        // The provider no longer reports an email: the link alone finds the record.
        Response second = signIn("users", authorize("bob-subject", Map.of()), null);
        assertThat(second.status()).as(second.body()).isEqualTo(200);
        assertThat(second.json().at("/record/id").asText()).isEqualTo(bob.id());
        assertThat(links(bob.id())).hasSize(1);

        Response me = server.get("/api/collections/users/records/" + bob.id(), second.json().get("token").asText());
        assertThat(me.status()).as(me.body()).isEqualTo(200);
    }

    @Test
    void withoutAUserInfoURLTheUserComesFromTheIdToken() throws Exception {
        Record ivy = insertUser("ivy@example.com", true);
        Response r = signIn("users", "oidc2", authorize("oidc2", "ivy-subject", verifiedEmail("ivy@example.com")), null);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().at("/record/id").asText()).isEqualTo(ivy.id());
        assertThat(r.json().at("/meta/id").asText()).isEqualTo("ivy-subject");
        assertThat(r.json().at("/meta/rawUser/iss").asText()).isEqualTo(oidc.issuerUrl(ISSUER).toString());
        assertThat(links(ivy.id()).get(0).get("provider").asText()).isEqualTo("oidc2");
    }

    @Test
    void anUnverifiedEmailAtTheProviderNeverLinksByEmail() throws Exception {
        Record dan = insertUser("dan@example.com", true);
        Response r = signIn("users", authorize("mallory-subject",
                Map.of("email", "dan@example.com", "email_verified", false)), null);
        // Without a verified email there is nothing to link: the sign-up path runs instead.
        assertThat(r.body()).doesNotContain(dan.id());
        assertThat(links(dan.id())).isEmpty();
    }

    @Test
    void anUnverifiedExistingUserLosesItsPasswordAndBecomesVerified() throws Exception {
        Record carol = insertUser("carol@example.com", false);
        Response r = signIn("users", authorize("carol-subject", verifiedEmail("carol@example.com")), null);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        Record after = stored(carol.id());
        assertThat(after.get("verified")).isEqualTo(true);
        assertThat(after.getString("password")).isNotEqualTo(carol.getString("password"));
        assertThat(after.getString("tokenKey")).isNotEqualTo(carol.getString("tokenKey"));
        Response password = server.post("/api/collections/users/auth-with-password",
                "{\"identity\":\"carol@example.com\",\"password\":\"original-password\"}", null);
        assertThat(password.status()).isEqualTo(400);
    }

    @Test
    void signsUpANewUserAndFindsItAgainByTheLink() throws Exception {
        Response first = signIn("users", authorize("erin-subject", verifiedEmail("erin@example.com")), null);
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        JsonNode body = first.json();
        String id = body.at("/record/id").asText();
        assertThat(body.at("/meta/isNew").asBoolean()).isTrue();
        assertThat(body.at("/record/email").asText()).isEqualTo("erin@example.com");
        assertThat(body.at("/record/verified").asBoolean()).isTrue();
        assertThat(body.at("/record/emailVisibility").asBoolean()).isTrue();
        assertThat(body.at("/record/name").asText()).isEqualTo("Name of erin@example.com");
        assertThat(links(id)).hasSize(1);

        Response second = signIn("users", authorize("erin-subject", verifiedEmail("erin@example.com")), null);
        assertThat(second.status()).as(second.body()).isEqualTo(200);
        assertThat(second.json().at("/record/id").asText()).isEqualTo(id);
        assertThat(second.json().at("/meta/isNew").asBoolean()).isFalse();
    }

    @Test
    void aSignedInUserLinksAnotherProviderAccount() throws Exception {
        Record frank = insertUser("frank@example.com", true);
        Response login = server.post("/api/collections/users/auth-with-password",
                "{\"identity\":\"frank@example.com\",\"password\":\"original-password\"}", null);
        assertThat(login.status()).as(login.body()).isEqualTo(200);
        Response r = signIn("users", authorize("frank-other-account",
                verifiedEmail("frank.elsewhere@example.com")), login.json().get("token").asText());
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().at("/record/id").asText()).isEqualTo(frank.id());
        assertThat(links(frank.id())).hasSize(1);
    }

    @Test
    void anUnknownProviderIs400() {
        Response r = server.post("/api/collections/users/auth-with-oauth2",
                "{\"provider\":\"google\",\"code\":\"x\",\"redirectURL\":\"" + REDIRECT + "\"}", null);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().at("/data/provider/code").asText()).isEqualTo("validation_invalid_provider");
    }

    @Test
    void missingCodeAndRedirectAre400() {
        Response r = server.post("/api/collections/users/auth-with-oauth2", "{\"provider\":\"oidc\"}", null);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().at("/data/code/code").asText()).isEqualTo("validation_required");
        assertThat(r.json().at("/data/redirectURL/code").asText()).isEqualTo("validation_required");
        assertThat(r.json().has("provider")).isFalse();
    }

    /**
     * The mock server issues tokens for any code it did not hand out; the next token request is
     * refused with invalid_grant, as a real provider refuses an unknown code.
     */
    private static void providerRefusesNextCode() {
        oidc.enqueueCallback(new OAuth2TokenCallback() {
            @Override
            public String issuerId() {
                return ISSUER;
            }

            @Override
            public String subject(TokenRequest request) {
                throw new OAuth2Exception(OAuth2Error.INVALID_GRANT, "unknown code");
            }

            @Override
            public String typeHeader(TokenRequest request) {
                return "JWT";
            }

            @Override
            public List<String> audience(TokenRequest request) {
                return List.of();
            }

            @Override
            public Map<String, Object> addClaims(TokenRequest request) {
                return Map.of();
            }

            @Override
            public long tokenExpiry() {
                return 60;
            }
        });
    }

    @Test
    void theLegacyRedirectUrlKeyIsAccepted() {
        providerRefusesNextCode();
        Response r = server.post("/api/collections/users/auth-with-oauth2",
                "{\"provider\":\"oidc\",\"code\":\"not-a-code\",\"redirectUrl\":\"" + REDIRECT + "\"}", null);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("message").asText()).isEqualTo("Failed to fetch OAuth2 token.");
    }

    @Test
    void aBadCodeIs400() {
        providerRefusesNextCode();
        Response r = server.post("/api/collections/users/auth-with-oauth2",
                "{\"provider\":\"oidc\",\"code\":\"not-a-code\",\"redirectURL\":\"" + REDIRECT + "\"}", null);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("message").asText()).isEqualTo("Failed to fetch OAuth2 token.");
    }

    @Test
    void aWrongCodeVerifierIs400() throws Exception {
        Authorization a = authorize("grace-subject", verifiedEmail("grace@example.com"));
        Response r = signIn("users", new Authorization(a.code(), Ids.randomSecret(43)), null);
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.json().get("message").asText()).isEqualTo("Failed to fetch OAuth2 token.");
    }

    @Test
    void aCollectionWithOAuth2DisabledIs403() {
        Response created = server.post("/api/collections", "{\"name\":\"members\",\"type\":\"auth\"}",
                server.superuserToken());
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        Response r = server.post("/api/collections/members/auth-with-oauth2",
                "{\"provider\":\"oidc\",\"code\":\"x\",\"redirectURL\":\"" + REDIRECT + "\"}", null);
        assertThat(r.status()).isEqualTo(403);
    }

    @Test
    void aBaseCollectionIs404() {
        Response r = server.post("/api/collections/_externalAuths/auth-with-oauth2", "{}", null);
        assertThat(r.status()).isEqualTo(404);
    }

    @Test
    void theRedirectPageAnswersWithoutRealtime() {
        Response ok = server.get("/api/oauth2-redirect?state=abc&code=xyz", null);
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.header("Content-Type")).startsWith("text/html");
        assertThat(ok.body()).contains("completed");
        Response failed = server.get("/api/oauth2-redirect?state=abc&error=access_denied", null);
        assertThat(failed.body()).contains("failed");
    }

    @Test
    void noSecretReachesTheResponseTheCollectionJsonOrTheLog() throws Exception {
        Response collection = server.get("/api/collections/users", server.superuserToken());
        assertThat(collection.body()).doesNotContain("s3cr3t-client");
        Record hank = insertUser("hank@example.com", true);
        Response r = signIn("users", authorize("hank-subject", verifiedEmail("hank@example.com")), null);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.body()).doesNotContain("s3cr3t-client").doesNotContain(stored(hank.id()).getString("password"));
        String accessToken = r.json().at("/meta/accessToken").asText();
        assertThat(accessToken).isNotEmpty();
        // Basalt's own log lines (the provider's mock logs what it issues, as a provider would).
        List<String> lines = log.list.stream().filter(e -> e.getLoggerName().startsWith("dev.basalt"))
                .map(e -> e.getFormattedMessage() + " " + (e.getThrowableProxy() == null ? "" : e.getThrowableProxy().getMessage()))
                .toList();
        assertThat(lines).isNotEmpty().noneMatch(line -> line.contains("s3cr3t-client") || line.contains(accessToken)
                || line.contains(r.json().get("token").asText()));
    }
}
