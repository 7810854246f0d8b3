package dev.basalt.http;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.basalt.auth.Tokens;
import dev.basalt.collections.CollectionRegistry;
import dev.basalt.records.Record;
import dev.basalt.testing.Scenario;
import dev.basalt.testing.TestServer;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.slf4j.LoggerFactory;

/**
 * Records of auth collections (§4.5): passwords in bodies, the form checks that run before field
 * validation, manager rights through manageRule, email visibility, token invalidation and the last
 * superuser.
 *
 * <p>Fixtures: {@code staff} (auth, everyone may read), {@code members} (auth; public list/view,
 * owner or manager may update; {@code manageRule: manager = @request.auth.id}), {@code gated}
 * (auth; staff manage everything, {@code createRule: verified = false}) and {@code notes} (base,
 * public, {@code owner} relation to members, for expansion).
 */
class AuthRecordsApiTest {

    static final String PASSWORD = "secret-password-1";
    static final String NEW_PASSWORD = "secret-password-2";
    static final String MEMBERS = "/api/collections/members/records";
    static final String USERS = "/api/collections/users/records";
    // Every bcrypt hash Basalt writes starts with this; none may reach a response.
    static final String HASH_PREFIX = "$2a$";

    static TestServer server;
    static TestServer.AuthRecord boss;
    static TestServer.AuthRecord otherBoss;
    static TestServer.AuthRecord alice;
    static TestServer.AuthRecord bob;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        String staffId = createCollection("""
                {"name":"staff","type":"auth","listRule":"","viewRule":"","createRule":null,"updateRule":null,
                 "deleteRule":null,"fields":[{"name":"name","type":"text"}]}""");
        createCollection("""
                {"name":"members","type":"auth","listRule":"","viewRule":"","createRule":"",
                 "updateRule":"id = @request.auth.id || manager = @request.auth.id","deleteRule":"id = @request.auth.id",
                 "manageRule":"manager = @request.auth.id",
                 "fields":[{"name":"name","type":"text"},
                           {"name":"manager","type":"relation","collectionId":"%s","maxSelect":1}]}""".formatted(staffId));
        createCollection("""
                {"name":"gated","type":"auth","listRule":"","viewRule":"","createRule":"verified = false",
                 "updateRule":null,"deleteRule":null,"manageRule":"@request.auth.collectionName = 'staff'"}""");
        String membersId = server.get("/api/collections/members", server.superuserToken()).json().get("id").asText();
        createCollection("""
                {"name":"notes","type":"base","listRule":"","viewRule":"","createRule":"","updateRule":"","deleteRule":"",
                 "fields":[{"name":"title","type":"text"},
                           {"name":"owner","type":"relation","collectionId":"%s","maxSelect":1}]}""".formatted(membersId));
        boss = server.createAuthRecord("staff", "boss@example.com", PASSWORD);
        otherBoss = server.createAuthRecord("staff", "other-boss@example.com", PASSWORD);
        alice = member("alice@example.com", boss.id());
        bob = member("bob@example.com", otherBoss.id());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String createCollection(String json) {
        TestServer.Response r = server.post("/api/collections", json, server.superuserToken());
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().get("id").asText();
    }

    /** A member managed by {@code managerId}, logged in. */
    private static TestServer.AuthRecord member(String email, String managerId) {
        TestServer.AuthRecord m = server.createAuthRecord("members", email, PASSWORD);
        TestServer.Response r = server.patch(MEMBERS + "/" + m.id(), "{\"manager\":\"" + managerId + "\"}",
                server.superuserToken());
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return m;
    }

    private static String register(String email) {
        return "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\",\"passwordConfirm\":\"" + PASSWORD + "\"}";
    }

    private static String code(String key, String code) {
        return "\"" + key + "\":{\"code\":\"" + code + "\"";
    }

    @TestFactory
    List<DynamicTest> create() {
        return Scenario.run(server, List.of(
                Scenario.post(MEMBERS, "{}")
                        .expect(400, "\"message\":\"Failed to create record.\"", code("password", "validation_required"),
                                code("passwordConfirm", "validation_required"))
                        .notExpect("\"email\":")
                        .named("an empty body needs password and passwordConfirm, and nothing else is reported"),
                Scenario.post(MEMBERS, "{\"email\":\"not-an-email\",\"password\":\"" + PASSWORD + "\",\"passwordConfirm\":\"x\"}")
                        .expect(400, code("passwordConfirm", "validation_values_mismatch"))
                        .notExpect("\"email\":", "\"password\":")
                        .named("a confirmation that differs fails before the field validators run"),
                Scenario.post(MEMBERS, "{\"email\":\"v@example.com\",\"password\":\"" + PASSWORD + "\",\"passwordConfirm\":\""
                                + PASSWORD + "\",\"verified\":true}")
                        .expect(400, code("verified", "validation_values_mismatch"))
                        .named("a guest cannot create a verified record"),
                Scenario.post(MEMBERS, "{\"email\":\"short@example.com\",\"password\":\"1234567\",\"passwordConfirm\":\"1234567\"}")
                        .expect(400, code("password", "validation_min_text_constraint"))
                        .named("the password field's min applies to the plain password"),
                Scenario.post(MEMBERS, "{\"email\":\"long@example.com\",\"password\":\"" + "x".repeat(72)
                                + "\",\"passwordConfirm\":\"" + "x".repeat(72) + "\"}")
                        .expect(400, code("password", "validation_max_text_constraint"))
                        .named("passwords longer than bcrypt's 71 characters are refused"),
                Scenario.post(MEMBERS, "{\"email\":\"bytes@example.com\",\"password\":\"" + "é".repeat(40)
                                + "\",\"passwordConfirm\":\"" + "é".repeat(40) + "\"}")
                        .expect(400, code("password", "validation_max_text_constraint"))
                        .named("passwords longer than bcrypt's 72 bytes are refused even when short in characters"),
                Scenario.post(MEMBERS, "{\"email\":\"bad\",\"password\":\"" + PASSWORD + "\",\"passwordConfirm\":\"" + PASSWORD + "\"}")
                        .expect(400, code("email", "validation_is_email"))
                        .notExpect("\"password\":", "\"passwordConfirm\":")
                        .named("once the form checks pass the field validators run"),
                Scenario.post(MEMBERS, register("carol@example.com"))
                        .expect(200, "\"collectionName\":\"members\"", "\"verified\":false", "\"emailVisibility\":false")
                        .notExpect("\"email\"", "\"password\"", "\"passwordConfirm\"", "\"tokenKey\"", HASH_PREFIX, PASSWORD)
                        .named("a guest registers; the response shows neither password, hash nor the hidden email"),
                Scenario.post(MEMBERS, "{\"email\":\"dave@example.com\",\"emailVisibility\":true,\"password\":\"" + PASSWORD
                                + "\",\"passwordConfirm\":\"" + PASSWORD + "\"}")
                        .expect(200, "\"email\":\"dave@example.com\"", "\"emailVisibility\":true")
                        .notExpect(HASH_PREFIX)
                        .named("emailVisibility is freely settable and shows the email"),
                Scenario.post(MEMBERS, register("carol@example.com"))
                        .expect(400, code("email", "validation_not_unique"))
                        .named("emails are unique within the collection"),
                Scenario.post(MEMBERS, "{\"id\":\"" + boss.id() + "\",\"email\":\"clash@example.com\",\"password\":\""
                                + PASSWORD + "\",\"passwordConfirm\":\"" + PASSWORD + "\"}")
                        .expect(400, code("id", "validation_invalid_auth_id"))
                        .named("an id taken in another auth collection is refused"),
                Scenario.post(MEMBERS, "{\"email\":\"su-verified@example.com\",\"verified\":true,\"password\":\"" + PASSWORD
                                + "\",\"passwordConfirm\":\"" + PASSWORD + "\"}").asSuperuser()
                        .expect(200, "\"verified\":true", "\"email\":\"su-verified@example.com\"")
                        .notExpect(HASH_PREFIX, "\"tokenKey\"")
                        .named("a superuser creates a verified record and sees its email (but no hash or tokenKey)"),
                Scenario.post("/api/collections/gated/records", "{\"email\":\"g1@example.com\",\"verified\":true,\"password\":\""
                                + PASSWORD + "\",\"passwordConfirm\":\"" + PASSWORD + "\"}").as(s -> boss.token())
                        .expect(200, "\"verified\":true", "\"email\":\"g1@example.com\"")
                        .named("a manager (by manageRule on the new record) may create it verified; the createRule saw verified false"),
                Scenario.post("/api/collections/gated/records", "{\"email\":\"g2@example.com\",\"verified\":true,\"password\":\""
                                + PASSWORD + "\",\"passwordConfirm\":\"" + PASSWORD + "\"}").as(s -> alice.token())
                        .expect(400, code("verified", "validation_values_mismatch"))
                        .named("a non-manager cannot create a verified record")));
    }

    @Test
    void registeringWithThePasswordLetsTheUserLogIn() {
        TestServer.Response created = server.post(USERS, register("register@example.com"), null);
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        String token = server.login("users", "register@example.com", PASSWORD);
        TestServer.Response own = server.get(USERS + "/" + created.json().get("id").asText(), token);
        assertThat(own.status()).as(own.body()).isEqualTo(200);
        assertThat(own.json().get("email").asText()).isEqualTo("register@example.com");
        assertThat(own.body()).doesNotContain(HASH_PREFIX).doesNotContain("tokenKey");
    }

    @Test
    void theStoredPasswordIsABcryptHashOfTheFieldCost() {
        TestServer.Response created = server.post(USERS, register("hash@example.com"), null);
        String id = created.json().get("id").asText();
        String hash = server.basalt().database().read(dsl -> dsl.fetchValue(
                "select password from users where id = ?", id)).toString();
        assertThat(hash).startsWith("$2a$10$").doesNotContain(PASSWORD);
    }

    @TestFactory
    List<DynamicTest> ownerUpdates() {
        TestServer.AuthRecord erin = member("erin@example.com", boss.id());
        String self = MEMBERS + "/" + erin.id();
        return Scenario.run(server, List.of(
                Scenario.patch(self, "{\"password\":\"" + NEW_PASSWORD + "\",\"passwordConfirm\":\"" + NEW_PASSWORD
                                + "\",\"verified\":true}").as(s -> erin.token())
                        .expect(400, "\"message\":\"Failed to update record.\"", code("verified", "validation_values_mismatch"),
                                code("oldPassword", "validation_required"))
                        .notExpect("\"emailVisibility\":{")
                        .named("an owner cannot verify itself, and changing the password needs the old one"),
                Scenario.patch(self, "{\"email\":\"\"}").as(s -> erin.token())
                        .expect(400, code("email", "validation_values_mismatch"))
                        .named("an owner cannot change the email directly"),
                Scenario.patch(self, "{\"email\":\"erin2@example.com\"}").as(s -> erin.token())
                        .expect(400, code("email", "validation_values_mismatch"))
                        .named("not even to another address"),
                Scenario.patch(self, "{\"email\":\"erin@example.com\",\"name\":\"Erin\"}").as(s -> erin.token())
                        .expect(200, "\"name\":\"Erin\"")
                        .named("sending the unchanged email is fine"),
                Scenario.patch(self, "{\"emailVisibility\":true}").as(s -> erin.token())
                        .expect(200, "\"emailVisibility\":true", "\"email\":\"erin@example.com\"")
                        .named("emailVisibility is freely settable by the owner"),
                Scenario.patch(self, "{\"password\":\"" + NEW_PASSWORD + "\",\"passwordConfirm\":\"" + NEW_PASSWORD
                                + "\",\"oldPassword\":\"wrong-password\"}").as(s -> erin.token())
                        .expect(400, code("oldPassword", "validation_invalid_old_password"))
                        .named("a wrong oldPassword is refused"),
                Scenario.patch(self, "{\"password\":\"" + NEW_PASSWORD + "\",\"oldPassword\":\"" + PASSWORD + "\"}")
                        .as(s -> erin.token())
                        .expect(400, code("passwordConfirm", "validation_required"))
                        .named("a new password needs its confirmation"),
                Scenario.patch(self, "{\"passwordConfirm\":\"" + NEW_PASSWORD + "\"}").as(s -> erin.token())
                        .expect(400, code("password", "validation_required"))
                        .named("a confirmation without a password is refused"),
                Scenario.patch(self, "{\"verified\":false}").as(s -> erin.token())
                        .expect(200, "\"verified\":false")
                        .named("sending the unchanged verified value is fine"),
                Scenario.patch(self, "{\"name\":\"Still Erin\"}").as(s -> alice.token())
                        .expect(404)
                        .named("another member cannot update the record")));
    }

    @Test
    void changingThePasswordInvalidatesTheOldTokens() {
        TestServer.Response created = server.post(USERS, register("frank@example.com"), null);
        String id = created.json().get("id").asText();
        String own = USERS + "/" + id;
        String oldToken = server.login("users", "frank@example.com", PASSWORD);
        assertThat(server.get(own, oldToken).status()).isEqualTo(200);

        TestServer.Response changed = server.patch(own, "{\"password\":\"" + NEW_PASSWORD + "\",\"passwordConfirm\":\""
                + NEW_PASSWORD + "\",\"oldPassword\":\"" + PASSWORD + "\"}", oldToken);
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        assertThat(changed.body()).doesNotContain(HASH_PREFIX).doesNotContain(NEW_PASSWORD);

        // The old token now answers as a guest: the owner-only view rule hides the record.
        assertThat(server.get(own, oldToken).status()).isEqualTo(404);
        assertThat(server.post("/api/collections/users/auth-with-password",
                "{\"identity\":\"frank@example.com\",\"password\":\"" + PASSWORD + "\"}", null).status()).isEqualTo(400);
        String newToken = server.login("users", "frank@example.com", NEW_PASSWORD);
        assertThat(server.get(own, newToken).status()).isEqualTo(200);
    }

    @Test
    void tokensMintedBeforeAPasswordChangeNoLongerVerify() {
        CollectionRegistry registry = new CollectionRegistry(server.basalt().database());
        registry.reload();
        Tokens tokens = new Tokens(server.basalt().database(), registry);
        TestServer.AuthRecord judy = member("judy@example.com", boss.id());
        Record stored = tokens.verifyAuthToken(judy.token()).orElseThrow().record();
        String minted = tokens.issueAuthToken(stored);
        assertThat(tokens.verifyAuthToken(minted)).isPresent();

        TestServer.Response r = server.patch(MEMBERS + "/" + judy.id(), "{\"password\":\"" + NEW_PASSWORD
                + "\",\"passwordConfirm\":\"" + NEW_PASSWORD + "\",\"oldPassword\":\"" + PASSWORD + "\"}", minted);
        assertThat(r.status()).as(r.body()).isEqualTo(200);

        assertThat(tokens.verifyAuthToken(minted)).isEmpty();
        assertThat(tokens.verifyAuthToken(judy.token())).isEmpty();
        assertThat(tokens.verifyAuthToken(server.login("members", "judy@example.com", NEW_PASSWORD))).isPresent();
    }

    @Test
    void passwordFieldsOfBaseCollectionsStoreHashes() {
        createCollection("""
                {"name":"lockers","type":"base","listRule":"","viewRule":"","createRule":"","updateRule":"",
                 "fields":[{"name":"label","type":"text"},{"name":"pin","type":"password","min":4,"max":8}]}""");
        TestServer.Response tooShort = server.post("/api/collections/lockers/records", "{\"pin\":\"123\"}", null);
        assertThat(tooShort.status()).isEqualTo(400);
        assertThat(tooShort.body()).contains(code("pin", "validation_min_text_constraint"));

        TestServer.Response created = server.post("/api/collections/lockers/records",
                "{\"label\":\"a\",\"pin\":\"4321\"}", null);
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        assertThat(created.body()).doesNotContain("\"pin\"").doesNotContain("4321").doesNotContain(HASH_PREFIX);
        String id = created.json().get("id").asText();
        String hash = server.basalt().database().read(dsl -> dsl.fetchValue(
                "select pin from lockers where id = ?", id)).toString();
        assertThat(hash).startsWith(HASH_PREFIX);

        TestServer.Response unchanged = server.patch("/api/collections/lockers/records/" + id, "{\"label\":\"b\"}", null);
        assertThat(unchanged.status()).as(unchanged.body()).isEqualTo(200);
        assertThat(server.basalt().database().read(dsl -> dsl.fetchValue(
                "select pin from lockers where id = ?", id)).toString()).isEqualTo(hash);
    }

    @Test
    void noPasswordOrHashReachesTheLog() {
        Logger basalt = (Logger) LoggerFactory.getLogger("dev.basalt");
        Level level = basalt.getLevel();
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
        root.addAppender(appender);
        basalt.setLevel(Level.DEBUG);
        try {
            TestServer.Response created = server.post(USERS, register("logged@example.com"), null);
            String own = USERS + "/" + created.json().get("id").asText();
            String token = server.login("users", "logged@example.com", PASSWORD);
            server.patch(own, "{\"password\":\"" + NEW_PASSWORD + "\",\"passwordConfirm\":\"" + NEW_PASSWORD
                    + "\",\"oldPassword\":\"wrong-old-password\"}", token);
            server.patch(own, "{\"password\":\"" + NEW_PASSWORD + "\",\"passwordConfirm\":\"" + NEW_PASSWORD
                    + "\",\"oldPassword\":\"" + PASSWORD + "\"}", token);
            server.post("/api/collections/users/auth-with-password",
                    "{\"identity\":\"logged@example.com\",\"password\":\"" + PASSWORD + "\"}", null);
        } finally {
            basalt.setLevel(level);
            root.detachAppender(appender);
        }
        assertThat(appender.list).isNotEmpty().allSatisfy(e -> {
            String line = e.getFormattedMessage() + (e.getThrowableProxy() == null ? "" : e.getThrowableProxy().getMessage());
            assertThat(line).doesNotContain(PASSWORD, NEW_PASSWORD, "wrong-old-password", HASH_PREFIX);
        });
    }

    @Test
    void aChangeWithoutPasswordOrEmailKeepsTheTokens() {
        TestServer.AuthRecord grace = member("grace@example.com", boss.id());
        TestServer.Response r = server.patch(MEMBERS + "/" + grace.id(), "{\"name\":\"Grace\"}", grace.token());
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(server.get(MEMBERS + "/" + grace.id(), grace.token()).json().has("email")).isTrue();
    }

    @TestFactory
    List<DynamicTest> managers() {
        TestServer.AuthRecord heidi = member("heidi@example.com", boss.id());
        String managed = MEMBERS + "/" + heidi.id();
        return Scenario.run(server, List.of(
                Scenario.patch(managed, "{\"email\":\"heidi2@example.com\",\"verified\":true,\"password\":\"" + NEW_PASSWORD
                                + "\",\"passwordConfirm\":\"" + NEW_PASSWORD + "\"}").as(s -> boss.token())
                        .expect(200, "\"email\":\"heidi2@example.com\"", "\"verified\":true")
                        .notExpect(HASH_PREFIX, "\"tokenKey\"")
                        .named("a manager changes email, verified and password without oldPassword"),
                Scenario.get(managed).as(s -> heidi.token())
                        .expect(200)
                        .notExpect("\"email\"")
                        .named("the email change invalidated the member's token: it now reads as a guest"),
                Scenario.patch(managed, "{\"verified\":false}").as(s -> otherBoss.token())
                        .expect(404)
                        .named("a staff member who does not manage the record cannot update it"),
                Scenario.patch(managed, "{\"verified\":false}").asSuperuser()
                        .expect(200, "\"verified\":false")
                        .named("a superuser always has manager rights")));
    }

    @Test
    void theManagedMemberLogsInWithThePasswordTheManagerSet() {
        TestServer.AuthRecord ivan = member("ivan@example.com", boss.id());
        TestServer.Response r = server.patch(MEMBERS + "/" + ivan.id(), "{\"password\":\"" + NEW_PASSWORD
                + "\",\"passwordConfirm\":\"" + NEW_PASSWORD + "\"}", boss.token());
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(server.login("members", "ivan@example.com", NEW_PASSWORD)).isNotBlank();
    }

    @TestFactory
    List<DynamicTest> emailVisibility() {
        String aliceUrl = MEMBERS + "/" + alice.id();
        String byEmail = MEMBERS + "?filter=" + TestServer.encode("email = 'alice@example.com'");
        String note = server.post("/api/collections/notes/records",
                "{\"title\":\"n\",\"owner\":\"" + alice.id() + "\"}", null).json().get("id").asText();
        String expanded = "/api/collections/notes/records/" + note + "?expand=owner";
        return Scenario.run(server, List.of(
                Scenario.get(aliceUrl)
                        .expect(200, "\"id\":\"" + alice.id() + "\"").notExpect("\"email\"")
                        .named("a guest does not see a hidden email"),
                Scenario.get(aliceUrl).as(s -> alice.token())
                        .expect(200, "\"email\":\"alice@example.com\"")
                        .named("the record itself sees its email"),
                Scenario.get(aliceUrl).as(s -> bob.token())
                        .expect(200).notExpect("\"email\"")
                        .named("another member does not"),
                Scenario.get(aliceUrl).as(s -> boss.token())
                        .expect(200, "\"email\":\"alice@example.com\"")
                        .named("the manager (manageRule) does"),
                Scenario.get(aliceUrl).as(s -> otherBoss.token())
                        .expect(200).notExpect("\"email\"")
                        .named("a staff member who does not manage it does not"),
                Scenario.get(aliceUrl).asSuperuser()
                        .expect(200, "\"email\":\"alice@example.com\"")
                        .named("a superuser does"),
                Scenario.get(MEMBERS + "?perPage=100").as(s -> boss.token())
                        .expect(200, "\"email\":\"alice@example.com\"").notExpect("\"email\":\"bob@example.com\"")
                        .named("in a list, the manager sees the emails of the records it manages only"),
                Scenario.get(MEMBERS + "?perPage=100").as(s -> otherBoss.token())
                        .expect(200, "\"email\":\"bob@example.com\"").notExpect("\"email\":\"alice@example.com\"")
                        .named("and the other manager the other ones"),
                Scenario.get(expanded)
                        .expect(200, "\"expand\":{\"owner\":{").notExpect("\"email\"")
                        .named("an expanded auth record hides its email from a guest"),
                Scenario.get(expanded).as(s -> boss.token())
                        .expect(200, "\"email\":\"alice@example.com\"")
                        .named("and shows it to its manager"),
                Scenario.get(byEmail)
                        .expect(200, "\"totalItems\":0")
                        .named("a guest cannot find a record by its hidden email"),
                Scenario.get(byEmail).as(s -> alice.token())
                        .expect(200, "\"totalItems\":0")
                        .named("client filters match hidden emails for no one but superusers"),
                Scenario.get(byEmail).asSuperuser()
                        .expect(200, "\"totalItems\":1")
                        .named("a superuser can"),
                Scenario.get("/api/collections/notes/records?filter=" + TestServer.encode("owner.email = 'alice@example.com'"))
                        .as(s -> boss.token())
                        .expect(200, "\"totalItems\":0")
                        .named("nor through a relation"),
                Scenario.get("/api/collections/notes/records?filter=" + TestServer.encode("owner.email = 'alice@example.com'"))
                        .asSuperuser()
                        .expect(200, "\"totalItems\":1")
                        .named("which a superuser can follow")));
    }

    @Test
    void aVisibleEmailCanBeFiltered() {
        server.post(MEMBERS, "{\"email\":\"public@example.com\",\"emailVisibility\":true,\"password\":\"" + PASSWORD
                + "\",\"passwordConfirm\":\"" + PASSWORD + "\"}", null);
        TestServer.Response r = server.get(MEMBERS + "?filter=" + TestServer.encode("email = 'public@example.com'"), null);
        assertThat(r.json().get("totalItems").asInt()).isEqualTo(1);
        assertThat(r.body()).contains("\"email\":\"public@example.com\"");
    }

    @Test
    void theLastSuperuserCannotBeDeleted() {
        String superusers = "/api/collections/_superusers/records";
        TestServer.Response second = server.post(superusers, "{\"email\":\"second@example.com\",\"verified\":false,"
                + "\"password\":\"" + PASSWORD + "\",\"passwordConfirm\":\"" + PASSWORD + "\"}", server.superuserToken());
        assertThat(second.status()).as(second.body()).isEqualTo(200);
        assertThat(second.json().get("verified").asBoolean()).as("superusers are always verified").isTrue();
        assertThat(second.body()).doesNotContain(HASH_PREFIX);

        String secondToken = server.login("_superusers", "second@example.com", PASSWORD);
        String firstId = server.get(superusers + "?filter=" + TestServer.encode("email = '" + TestServer.SUPERUSER_EMAIL + "'"),
                secondToken).json().get("items").get(0).get("id").asText();
        TestServer.Response unverify = server.patch(superusers + "/" + second.json().get("id").asText(),
                "{\"verified\":false}", secondToken);
        assertThat(unverify.json().get("verified").asBoolean()).isTrue();

        assertThat(server.delete(superusers + "/" + second.json().get("id").asText(), server.superuserToken()).status())
                .isEqualTo(204);
        TestServer.Response last = server.delete(superusers + "/" + firstId, server.superuserToken());
        assertThat(last.status()).as(last.body()).isEqualTo(400);
        assertThat(last.body()).contains("You can't delete the only existing superuser.");
    }
}
