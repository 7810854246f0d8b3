package dev.basalt.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.basalt.auth.AuthFlow;
import dev.basalt.auth.AuthOutcome;
import dev.basalt.auth.AuthResult;
import dev.basalt.auth.MfaRequired;
import dev.basalt.auth.Tokens;
import dev.basalt.collections.AuthSystemCollections;
import dev.basalt.collections.Collection;
import dev.basalt.collections.CollectionRegistry;
import dev.basalt.collections.Timestamps;
import dev.basalt.records.Record;
import dev.basalt.records.RecordRepository;
import dev.basalt.records.RecordSearch;
import dev.basalt.records.RequestInfo;
import dev.basalt.store.Database;
import dev.basalt.testing.TestServer;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * MFA (API.md §5.4, §10 item 28) with password as one factor and, as the other, a method this
 * test makes up ({@code "test"}) and runs through {@link AuthFlow#complete} at the service level:
 * the MFA step does not depend on which methods exist.
 */
class AuthMfaApiTest {

    static TestServer server;
    static AuthFlow flow;
    static Record carol;
    static Record dave;
    static final String PASSWORD_LOGIN = "/api/collections/guarded/auth-with-password";
    static final RecordRepository RECORDS = new RecordRepository();

    @BeforeAll
    static void start() {
        server = TestServer.start();
        AuthFixtures.collection(server, """
                {"name":"guarded","type":"auth","otp":{"enabled":true},"mfa":{"enabled":true,"duration":600}}""");
        AuthFixtures.collection(server, """
                {"name":"partly","type":"auth","otp":{"enabled":true},"mfa":{"enabled":true,"duration":600,"rule":"verified = true"}}""");
        carol = AuthFixtures.user(server, "guarded", "carol0000000001", "carol@example.com", Map.of());
        dave = AuthFixtures.user(server, "guarded", "dave00000000001", "dave@example.com", Map.of());
        AuthFixtures.user(server, "partly", "partlyu00000001", "pu@example.com", Map.of());
        AuthFixtures.user(server, "partly", "partlyv00000001", "pv@example.com", Map.of("verified", true));
        Database db = server.basalt().database();
        CollectionRegistry registry = new CollectionRegistry(db);
        registry.reload();
        flow = new AuthFlow(db, registry, new RecordSearch(registry, db.dialect()), new Tokens(db, registry));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static TestServer.Response passwordLogin(String path, String email, String mfaId) {
        String body = "{\"identity\":\"" + email + "\",\"password\":\"" + AuthFixtures.PASSWORD + "\""
                + (mfaId == null ? "" : ",\"mfaId\":\"" + mfaId + "\"") + "}";
        return server.post(path, body, null);
    }

    private static Record stored(Record r) {
        Collection c = server.basalt().collections().view(r.collection().id());
        return server.basalt().database().read(dsl -> RECORDS.findById(dsl, c, r.id())).orElseThrow();
    }

    private static boolean sessionExists(String mfaId) {
        Collection mfas = server.basalt().collections().view(AuthSystemCollections.MFAS);
        return server.basalt().database().read(dsl -> RECORDS.findById(dsl, mfas, mfaId)).isPresent();
    }

    private static String firstFactorByTest(Record record) {
        AuthOutcome outcome = flow.complete(stored(record), "test", "", RequestInfo.guest());
        assertThat(outcome).isInstanceOf(MfaRequired.class);
        return ((MfaRequired) outcome).mfaId();
    }

    @Test
    void aFirstFactorAnswers401WithOnlyTheMfaIdAndStoresTheSession() {
        TestServer.Response r = passwordLogin(PASSWORD_LOGIN, "carol@example.com", null);
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.body()).matches("\\{\"mfaId\":\"[a-z0-9]{15}\"\\}");
        String mfaId = r.json().get("mfaId").asText();
        Collection mfas = server.basalt().collections().view(AuthSystemCollections.MFAS);
        Record session = server.basalt().database().read(dsl -> RECORDS.findById(dsl, mfas, mfaId)).orElseThrow();
        assertThat(session.getString("recordRef")).isEqualTo(carol.id());
        assertThat(session.getString("collectionRef")).isEqualTo(carol.collection().id());
        assertThat(session.getString("method")).isEqualTo("password");
    }

    @Test
    void passwordAsSecondFactorAfterAnotherMethodAuthenticatesAndDeletesTheSession() {
        String mfaId = firstFactorByTest(carol);
        TestServer.Response r = passwordLogin(PASSWORD_LOGIN, "carol@example.com", mfaId);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().get("token").asText()).isNotEmpty();
        assertThat(r.json().at("/record/id").asText()).isEqualTo(carol.id());
        assertThat(sessionExists(mfaId)).isFalse();
    }

    @Test
    void theMfaIdMayComeInTheQuery() {
        String mfaId = firstFactorByTest(carol);
        TestServer.Response r = passwordLogin(PASSWORD_LOGIN + "?mfaId=" + mfaId, "carol@example.com", null);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
    }

    @Test
    void anotherMethodAsSecondFactorAfterPasswordAuthenticates() {
        String mfaId = passwordLogin(PASSWORD_LOGIN, "carol@example.com", null).json().get("mfaId").asText();
        AuthOutcome outcome = flow.complete(stored(carol), "test", mfaId, RequestInfo.guest());
        assertThat(outcome).isInstanceOf(AuthResult.class);
        assertThat(((AuthResult) outcome).token()).isNotEmpty();
        assertThat(sessionExists(mfaId)).isFalse();
    }

    @Test
    void theSameMethodTwiceIsRefused() {
        String mfaId = passwordLogin(PASSWORD_LOGIN, "carol@example.com", null).json().get("mfaId").asText();
        TestServer.Response r = passwordLogin(PASSWORD_LOGIN, "carol@example.com", mfaId);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body()).contains("\"message\":\"A different authentication method is required.\"");
        assertThat(sessionExists(mfaId)).isTrue();
    }

    @Test
    void anUnknownSessionIsRefused() {
        TestServer.Response r = passwordLogin(PASSWORD_LOGIN, "carol@example.com", "nosuchsession00");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body()).contains("\"message\":\"Invalid or expired MFA session.\"");
    }

    @Test
    void aSessionOfAnotherRecordIsRefused() {
        String mfaId = firstFactorByTest(dave);
        TestServer.Response r = passwordLogin(PASSWORD_LOGIN, "carol@example.com", mfaId);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body()).contains("\"message\":\"Invalid MFA session.\"");
    }

    @Test
    void anExpiredSessionIsRefusedAndDeleted() {
        Collection mfas = server.basalt().collections().view(AuthSystemCollections.MFAS);
        String old = Timestamps.format(Instant.now().minusSeconds(601));
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("id", "expiredmfa00001");
        values.put("collectionRef", carol.collection().id());
        values.put("recordRef", carol.id());
        values.put("method", "test");
        values.put("created", old);
        values.put("updated", old);
        server.basalt().database().transaction(tx -> {
            RECORDS.insert(tx.dsl(), new Record(mfas, values));
        });
        TestServer.Response r = passwordLogin(PASSWORD_LOGIN, "carol@example.com", "expiredmfa00001");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body()).contains("\"message\":\"Invalid or expired MFA session.\"");
        assertThat(sessionExists("expiredmfa00001")).isFalse();
    }

    @Test
    void wrongCredentialsNeverOpenASession() {
        TestServer.Response r = server.post(PASSWORD_LOGIN, "{\"identity\":\"carol@example.com\",\"password\":\"nope-nope\"}", null);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body()).contains("\"data\":{}").doesNotContain("mfaId");
    }

    @Test
    void theMfaRuleDecidesWhichRecordsNeedASecondFactor() {
        assertThat(passwordLogin("/api/collections/partly/auth-with-password", "pu@example.com", null).status()).isEqualTo(200);
        TestServer.Response verified = passwordLogin("/api/collections/partly/auth-with-password", "pv@example.com", null);
        assertThat(verified.status()).isEqualTo(401);
        assertThat(verified.body()).contains("\"mfaId\"");
    }

    @Test
    void refreshAndImpersonateSkipMfa() {
        TestServer.Response impersonated = server.post("/api/collections/guarded/impersonate/" + carol.id(), "{}", server.superuserToken());
        assertThat(impersonated.status()).isEqualTo(200);
        String token = impersonated.json().get("token").asText();
        assertThat(server.post("/api/collections/guarded/auth-refresh", null, token).status()).isEqualTo(200);
    }
}
