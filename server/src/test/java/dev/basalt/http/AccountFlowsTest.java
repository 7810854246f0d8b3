package dev.basalt.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.basalt.auth.Tokens;
import dev.basalt.collections.Collection;
import dev.basalt.records.Record;
import dev.basalt.testing.Inbox;
import dev.basalt.testing.TestServer;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The account flows end to end: the mail is read from a real SMTP server and its link or code followed. */
class AccountFlowsTest {

    static Inbox inbox;
    static TestServer server;

    static final String PASSWORD = "first-password-1";
    static final String NEW_PASSWORD = "second-password-2";

    @BeforeAll
    static void start() {
        inbox = Inbox.start();
        server = TestServer.start(inbox.mailConfig());
        AccountFixtures.createCollections(server);
    }

    @AfterAll
    static void stop() {
        server.close();
        inbox.close();
    }

    @Test
    void verificationLinkFromTheMailVerifiesTheRecord() {
        String id = AccountFixtures.createUser(server, "users", "verify@example.com", PASSWORD);
        assertThat(post("users", "request-verification", "{\"email\":\"verify@example.com\"}").status()).isEqualTo(204);

        Inbox.Mail mail = inbox.await("verify@example.com");
        assertThat(mail.subject()).isEqualTo("Verify your Basalt Test email");
        assertThat(mail.from()).contains("sender@example.com").contains("Test Sender");
        assertThat(mail.html()).contains("http://app.example.com/_/#/auth/confirm-verification/");
        String token = mail.linkToken("confirm-verification");
        assertThat(mail.text()).as("the plain-text part keeps the link").contains(token);

        assertThat(post("users", "confirm-verification", "{\"token\":\"" + token + "\"}").status()).isEqualTo(204);
        assertThat(record("users", id).get("verified").asBoolean()).isTrue();

        // A verified record gets no further verification mail.
        post("users", "request-verification", "{\"email\":\"verify@example.com\"}");
        inbox.settle();
        assertThat(inbox.to("verify@example.com")).hasSize(1);
    }

    @Test
    void verificationTokenOfAnotherCollectionOrTamperedIsRejected() {
        AccountFixtures.createUser(server, "users", "tamper@example.com", PASSWORD);
        post("users", "request-verification", "{\"email\":\"tamper@example.com\"}");
        String token = inbox.await("tamper@example.com").linkToken("confirm-verification");

        assertThat(post("members", "confirm-verification", "{\"token\":\"" + token + "\"}").body())
                .as("another collection").contains("validation_invalid_token");
        String tampered = token.substring(0, token.length() - 2) + (token.endsWith("AA") ? "BB" : "AA");
        TestServer.Response r = post("users", "confirm-verification", "{\"token\":\"" + tampered + "\"}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body()).contains("validation_invalid_token");
    }

    @Test
    void expiredVerificationTokenIsRejected() {
        String id = AccountFixtures.createUser(server, "users", "expired@example.com", PASSWORD);
        Record record = server.basalt().database().read(dsl -> new dev.basalt.records.RecordRepository()
                .findById(dsl, server.basalt().records().collection("users"), id)).orElseThrow();
        // The same record under options whose token lifetime is already over: the key is unchanged.
        Collection c = record.collection();
        Map<String, Object> options = new LinkedHashMap<>(c.options());
        Map<String, Object> verification = new LinkedHashMap<>((Map<String, Object>) c.options().get("verificationToken"));
        verification.put("duration", -60);
        options.put("verificationToken", verification);
        Collection expiredOptions = new Collection(c.id(), c.name(), c.type(), c.system(), c.fields(), c.indexes(),
                c.listRule(), c.viewRule(), c.createRule(), c.updateRule(), c.deleteRule(), options, c.created(), c.updated());
        Tokens tokens = new Tokens(server.basalt().database(), null);
        String expired = tokens.issueVerificationToken(new Record(expiredOptions, record.values()));

        TestServer.Response r = post("users", "confirm-verification", "{\"token\":\"" + expired + "\"}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body()).contains("validation_invalid_token");
        assertThat(record("users", id).get("verified").asBoolean()).isFalse();
    }

    @Test
    void passwordResetFromTheMailChangesThePasswordAndKillsOldTokens() {
        String id = AccountFixtures.createUser(server, "users", "reset@example.com", PASSWORD);
        String oldToken = AccountFixtures.login(server, "users", "reset@example.com", PASSWORD);
        assertThat(server.get("/api/collections/users/records/" + id, oldToken).status()).isEqualTo(200);

        assertThat(post("users", "request-password-reset", "{\"email\":\"RESET@example.com\"}").status()).isEqualTo(204);
        Inbox.Mail mail = inbox.await("reset@example.com");
        assertThat(mail.subject()).isEqualTo("Reset your Basalt Test password");
        String token = mail.linkToken("confirm-password-reset");

        String confirm = "{\"token\":\"" + token + "\",\"password\":\"" + NEW_PASSWORD + "\",\"passwordConfirm\":\"" + NEW_PASSWORD + "\"}";
        assertThat(post("users", "confirm-password-reset", confirm).status()).isEqualTo(204);

        assertThat(AccountFixtures.loginResponse(server, "users", "reset@example.com", PASSWORD).status()).isEqualTo(400);
        assertThat(AccountFixtures.loginResponse(server, "users", "reset@example.com", NEW_PASSWORD).status()).isEqualTo(200);
        assertThat(server.get("/api/collections/users/records/" + id, oldToken).status())
                .as("the token from before the reset no longer authenticates").isNotEqualTo(200);
        assertThat(record("users", id).get("verified").asBoolean()).as("the link reached the address").isTrue();
        assertThat(post("users", "confirm-password-reset", confirm).status())
                .as("the link works once: the password change rotated the tokenKey").isEqualTo(400);
    }

    @Test
    void secondResetRequestWithinTwoMinutesSendsNothing() {
        AccountFixtures.createUser(server, "users", "twice@example.com", PASSWORD);
        assertThat(post("users", "request-password-reset", "{\"email\":\"twice@example.com\"}").status()).isEqualTo(204);
        inbox.await("twice@example.com");
        assertThat(post("users", "request-password-reset", "{\"email\":\"twice@example.com\"}").status()).isEqualTo(204);
        inbox.settle();
        assertThat(inbox.to("twice@example.com")).hasSize(1);
    }

    @Test
    void emailChangeFromTheMailMovesTheRecordToTheNewAddress() {
        String id = AccountFixtures.createUser(server, "users", "old@example.com", PASSWORD);
        String auth = AccountFixtures.login(server, "users", "old@example.com", PASSWORD);
        assertThat(server.post("/api/collections/users/request-email-change", "{\"newEmail\":\"moved@example.com\"}", auth)
                .status()).isEqualTo(204);
        Inbox.Mail mail = inbox.await("moved@example.com");
        assertThat(inbox.to("old@example.com")).as("the link goes to the new address only").isEmpty();
        String token = mail.linkToken("confirm-email-change");

        TestServer.Response wrong = post("users", "confirm-email-change", "{\"token\":\"" + token + "\",\"password\":\"wrong-password\"}");
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.body()).contains("\"password\":{\"code\":\"validation_invalid_password\"");

        assertThat(post("users", "confirm-email-change", "{\"token\":\"" + token + "\",\"password\":\"" + PASSWORD + "\"}")
                .status()).isEqualTo(204);
        JsonNode record = record("users", id);
        assertThat(record.get("email").asText()).isEqualTo("moved@example.com");
        assertThat(record.get("verified").asBoolean()).isTrue();
        assertThat(AccountFixtures.loginResponse(server, "users", "moved@example.com", PASSWORD).status()).isEqualTo(200);
        assertThat(server.get("/api/collections/users/records/" + id, auth).status())
                .as("tokens from before the change no longer authenticate").isNotEqualTo(200);
    }

    @Test
    void otpFromTheMailLogsInOnceAndVerifies() {
        String id = AccountFixtures.createUser(server, "members", "otp@example.com", PASSWORD);
        TestServer.Response requested = post("members", "request-otp", "{\"email\":\"otp@example.com\"}");
        assertThat(requested.status()).isEqualTo(200);
        String otpId = requested.json().get("otpId").asText();
        Inbox.Mail mail = inbox.await("otp@example.com");
        String code = mail.code();
        assertThat(code).matches("\\d{6}");

        TestServer.Response auth = post("members", "auth-with-otp", "{\"otpId\":\"" + otpId + "\",\"password\":\"" + code + "\"}");
        assertThat(auth.status()).isEqualTo(200);
        assertThat(auth.body()).contains("\"token\":\"", "\"email\":\"otp@example.com\"").doesNotContain("tokenKey", "\"password\"");
        assertThat(auth.json().get("record").get("verified").asBoolean()).isTrue();
        assertThat(server.get("/api/collections/members/records/" + id, auth.json().get("token").asText()).status()).isEqualTo(200);

        assertThat(post("members", "auth-with-otp", "{\"otpId\":\"" + otpId + "\",\"password\":\"" + code + "\"}").status())
                .as("a code works once").isEqualTo(400);
        assertThat(AccountFixtures.loginResponse(server, "members", "otp@example.com", PASSWORD).status())
                .as("the pre-registered password is replaced when the OTP verifies the address").isEqualTo(400);
    }

    @Test
    void verifyingWithoutPasswordAuthReplacesThePassword() {
        String id = AccountFixtures.createUser(server, "nopass", "nopass@example.com", PASSWORD);
        String before = storedPassword("nopass", id);
        post("nopass", "request-verification", "{\"email\":\"nopass@example.com\"}");
        String token = inbox.await("nopass@example.com").linkToken("confirm-verification");
        assertThat(post("nopass", "confirm-verification", "{\"token\":\"" + token + "\"}").status()).isEqualTo(204);
        assertThat(storedPassword("nopass", id)).isNotEqualTo(before);
    }

    @Test
    void emailChangeToAnAddressTakenMeanwhileIsRejected() {
        AccountFixtures.createUser(server, "users", "racer@example.com", PASSWORD);
        String auth = AccountFixtures.login(server, "users", "racer@example.com", PASSWORD);
        server.post("/api/collections/users/request-email-change", "{\"newEmail\":\"contested@example.com\"}", auth);
        String token = inbox.await("contested@example.com").linkToken("confirm-email-change");
        AccountFixtures.createUser(server, "users", "contested@example.com", PASSWORD);
        TestServer.Response r = post("users", "confirm-email-change", "{\"token\":\"" + token + "\",\"password\":\"" + PASSWORD + "\"}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body()).contains("validation_invalid_new_email");
    }

    private static String storedPassword(String collection, String id) {
        return server.basalt().database().read(dsl -> new dev.basalt.records.RecordRepository()
                .findById(dsl, server.basalt().records().collection(collection), id)).orElseThrow().getString("password");
    }

    @Test
    void otpOfAnotherCollectionIsRejected() {
        AccountFixtures.createUser(server, "members", "foreign@example.com", PASSWORD);
        String otpId = post("members", "request-otp", "{\"email\":\"foreign@example.com\"}").json().get("otpId").asText();
        String code = inbox.await("foreign@example.com").code();
        TestServer.Response r = post("nopass", "auth-with-otp", "{\"otpId\":\"" + otpId + "\",\"password\":\"" + code + "\"}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body()).contains("\"data\":{}");
    }

    @Test
    void sixthOtpAttemptWithinTheWindowIs429() {
        AccountFixtures.createUser(server, "members", "brute@example.com", PASSWORD);
        String otpId = post("members", "request-otp", "{\"email\":\"brute@example.com\"}").json().get("otpId").asText();
        String code = inbox.await("brute@example.com").code();
        String wrong = code.equals("000000") ? "111111" : "000000";
        for (int i = 0; i < 5; i++) {
            assertThat(post("members", "auth-with-otp", "{\"otpId\":\"" + otpId + "\",\"password\":\"" + wrong + "\"}").status())
                    .isEqualTo(400);
        }
        TestServer.Response r = post("members", "auth-with-otp", "{\"otpId\":\"" + otpId + "\",\"password\":\"" + code + "\"}");
        assertThat(r.status()).as("even the right code, after five attempts").isEqualTo(429);
        assertThat(r.body()).contains("\"data\":{}");
    }

    @Test
    void afterTenActiveCodesTheNewestIsReusedAndNoMailSent() {
        AccountFixtures.createUser(server, "members", "many@example.com", PASSWORD);
        String last = "";
        for (int i = 0; i < 10; i++) {
            last = post("members", "request-otp", "{\"email\":\"many@example.com\"}").json().get("otpId").asText();
        }
        inbox.await("many@example.com", 10);
        String reused = post("members", "request-otp", "{\"email\":\"many@example.com\"}").json().get("otpId").asText();
        inbox.settle();
        assertThat(inbox.to("many@example.com")).hasSize(10);
        assertThat(reused).isNotEmpty();
    }

    @Test
    void loginFromANewDeviceSendsAnAlertButNotTheFirstLogin() {
        AccountFixtures.createUser(server, "members", "alert@example.com", PASSWORD);
        otpLogin("alert@example.com", 1, "device-one");
        otpLogin("alert@example.com", 2, "device-one");
        inbox.settle();
        assertThat(inbox.to("alert@example.com")).as("two OTP mails, no alert").hasSize(2);

        otpLogin("alert@example.com", 3, "device-two <script>");
        Inbox.Mail alert = inbox.await("alert@example.com", 4);
        assertThat(alert.subject()).isEqualTo("Login from a new location");
        assertThat(alert.html()).contains("device-two &lt;script&gt;").doesNotContain("<script>");
    }

    @Test
    void aPasswordLoginFromANewDeviceSendsAnAlertToo() {
        AccountFixtures.createUser(server, "members", "pwalert@example.com", PASSWORD);
        passwordLogin("pwalert@example.com", "laptop");
        passwordLogin("pwalert@example.com", "laptop");
        inbox.settle();
        assertThat(inbox.to("pwalert@example.com")).as("no alert for the first device").isEmpty();

        passwordLogin("pwalert@example.com", "phone");
        assertThat(inbox.await("pwalert@example.com", 1).subject()).isEqualTo("Login from a new location");
    }

    private void passwordLogin(String email, String userAgent) {
        TestServer.Response r = server.send("POST", "/api/collections/members/auth-with-password",
                "{\"identity\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}", null,
                Map.of("User-Agent", userAgent));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
    }

    @Test
    void neitherTokensNorCodesNorPasswordsReachTheLog() {
        ch.qos.logback.classic.Logger root = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(
                org.slf4j.Logger.ROOT_LOGGER_NAME);
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> appender =
                new ch.qos.logback.core.read.ListAppender<>();
        appender.start();
        root.addAppender(appender);
        try {
            AccountFixtures.createUser(server, "members", "quiet@example.com", PASSWORD);
            post("members", "request-password-reset", "{\"email\":\"quiet@example.com\"}");
            String token = inbox.await("quiet@example.com").linkToken("confirm-password-reset");
            post("members", "confirm-password-reset", "{\"token\":\"" + token + "\",\"password\":\"" + NEW_PASSWORD
                    + "\",\"passwordConfirm\":\"" + NEW_PASSWORD + "\"}");
            String otpId = post("members", "request-otp", "{\"email\":\"quiet@example.com\"}").json().get("otpId").asText();
            String code = inbox.await("quiet@example.com", 2).code();
            TestServer.Response auth = post("members", "auth-with-otp", "{\"otpId\":\"" + otpId + "\",\"password\":\"" + code + "\"}");
            assertThat(auth.status()).isEqualTo(200);
            inbox.settle();
            String authToken = auth.json().get("token").asText();
            assertThat(appender.list).isNotEmpty();
            for (var event : appender.list) {
                String line = event.getFormattedMessage() + (event.getThrowableProxy() == null ? "" : event.getThrowableProxy().getMessage());
                assertThat(line).doesNotContain(token, authToken, NEW_PASSWORD, "<p>");
                assertThat(line).doesNotContainPattern("\\b" + code + "\\b");
            }
        } finally {
            root.detachAppender(appender);
        }
    }

    private void otpLogin(String email, int mailNumber, String userAgent) {
        String otpId = post("members", "request-otp", "{\"email\":\"" + email + "\"}").json().get("otpId").asText();
        String code = inbox.await(email, mailNumber).code();
        TestServer.Response r = server.send("POST", "/api/collections/members/auth-with-otp",
                "{\"otpId\":\"" + otpId + "\",\"password\":\"" + code + "\"}", null, Map.of("User-Agent", userAgent));
        assertThat(r.status()).isEqualTo(200);
    }

    private static TestServer.Response post(String collection, String endpoint, String json) {
        return server.post("/api/collections/" + collection + "/" + endpoint, json, null);
    }

    private static JsonNode record(String collection, String id) {
        return server.get("/api/collections/" + collection + "/records/" + id, server.superuserToken()).json();
    }
}
