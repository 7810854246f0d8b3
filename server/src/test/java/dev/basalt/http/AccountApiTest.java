package dev.basalt.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.basalt.testing.Inbox;
import dev.basalt.testing.Scenario;
import dev.basalt.testing.TestServer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The account endpoints (§10 items 31-36) as scenario tables, against a server whose mail goes to
 * a real SMTP server in process. The flows that follow links and codes out of the mail are in
 * {@link AccountFlowsTest}.
 */
class AccountApiTest {

    static Inbox inbox;
    static TestServer server;
    static String aliceToken;
    static String otherCollectionToken;
    static String otherUserEmail = "taken@example.com";

    static final String PASSWORD = "alice-password-1";

    @BeforeAll
    static void start() {
        inbox = Inbox.start();
        server = TestServer.start(inbox.mailConfig());
        AccountFixtures.createCollections(server);
        AccountFixtures.createUser(server, "users", "alice@example.com", PASSWORD);
        AccountFixtures.createUser(server, "users", otherUserEmail, PASSWORD);
        AccountFixtures.createUser(server, "members", "bob@example.com", PASSWORD);
        aliceToken = AccountFixtures.login(server, "users", "alice@example.com", PASSWORD);
        otherCollectionToken = AccountFixtures.login(server, "members", "bob@example.com", PASSWORD);
    }

    @AfterAll
    static void stop() {
        server.close();
        inbox.close();
    }

    @TestFactory
    List<DynamicTest> everyEndpointIsA404OnANonAuthOrMissingCollection() {
        List<Scenario> scenarios = new ArrayList<>();
        for (String endpoint : List.of("request-verification", "confirm-verification", "request-password-reset",
                "confirm-password-reset", "request-email-change", "confirm-email-change", "request-otp", "auth-with-otp")) {
            scenarios.add(Scenario.post("/api/collections/posts/" + endpoint, "{}")
                    .expect(404, "\"data\":{}").named(endpoint + " on a base collection is a 404"));
            scenarios.add(Scenario.post("/api/collections/missing/" + endpoint, "{}")
                    .expect(404, "\"data\":{}").named(endpoint + " on a missing collection is a 404"));
        }
        return Scenario.run(server, scenarios);
    }

    @TestFactory
    List<DynamicTest> requestOtp() {
        return Scenario.run(server, List.of(
                Scenario.post("/api/collections/members/request-otp", "{\"email\":\"nobody@example.com\"}")
                        .expect(200, "\"otpId\":\"").named("an unknown email still gets an otpId (31)"),
                Scenario.post("/api/collections/users/request-otp", "{\"email\":\"alice@example.com\"}")
                        .expect(403, "\"data\":{}").named("OTP disabled is a 403 (31)"),
                Scenario.post("/api/collections/members/request-otp", "{}")
                        .expect(400, "\"email\":{\"code\":\"validation_required\"").named("an empty body names the email (31)"),
                Scenario.post("/api/collections/members/request-otp", "{\"email\":\"not-an-email\"}")
                        .expect(400, "\"email\":{\"code\":\"validation_is_email\"").named("an invalid email is a 400"),
                Scenario.post("/api/collections/members/request-otp", "{\"")
                        .expect(400, "\"data\":{}").named("a malformed body is a 400")));
    }

    @TestFactory
    List<DynamicTest> authWithOtp() {
        String longId = "a".repeat(256);
        return Scenario.run(server, List.of(
                Scenario.post("/api/collections/members/auth-with-otp", "{\"otpId\":\"nope12345678901\",\"password\":\"123456\"}")
                        .expect(400, "\"data\":{}").notExpect("token").named("an unknown otpId is a 400 with empty data (32)"),
                Scenario.post("/api/collections/members/auth-with-otp", "{\"otpId\":\"" + longId + "\",\"password\":\"123456\"}")
                        .expect(400, "\"otpId\":{\"code\":\"validation_length_out_of_range\"").named("a 256-char otpId is a 400 (32)"),
                Scenario.post("/api/collections/members/auth-with-otp", "{}")
                        .expect(400, "\"otpId\":{\"code\":\"validation_required\"", "\"password\":{\"code\":\"validation_required\"")
                        .named("an empty body names both fields"),
                Scenario.post("/api/collections/users/auth-with-otp", "{\"otpId\":\"nope12345678901\",\"password\":\"123456\"}")
                        .expect(403, "\"data\":{}").named("OTP disabled is a 403")));
    }

    @TestFactory
    List<DynamicTest> requestPasswordResetAndVerification() {
        return Scenario.run(server, List.of(
                Scenario.post("/api/collections/users/request-password-reset", "{\"email\":\"nobody@example.com\"}")
                        .expect(204).named("a reset for an unknown email is a 204 (33)"),
                Scenario.post("/api/collections/users/request-verification", "{\"email\":\"nobody@example.com\"}")
                        .expect(204).named("a verification for an unknown email is a 204 (33)"),
                Scenario.post("/api/collections/nopass/request-password-reset", "{\"email\":\"nobody@example.com\"}")
                        .expect(400, "\"data\":{}").named("a reset with password auth disabled is a 400 (33)"),
                Scenario.post("/api/collections/users/request-password-reset", "{}")
                        .expect(400, "\"email\":{\"code\":\"validation_required\"").named("a reset without email is a 400"),
                Scenario.post("/api/collections/users/request-verification", "{\"email\":\"x\"}")
                        .expect(400, "\"email\":{\"code\":\"validation_is_email\"").named("a verification with an invalid email is a 400"),
                Scenario.post("/api/collections/_superusers/request-verification", "{\"email\":\"admin@example.com\"}")
                        .expect(400, "\"data\":{}").named("superusers cannot request a verification"),
                Scenario.post("/api/collections/_superusers/confirm-verification", "{\"token\":\"x\"}")
                        .expect(400, "\"data\":{}").named("superusers cannot confirm a verification")));
    }

    @TestFactory
    List<DynamicTest> confirmPasswordResetAndVerification() {
        return Scenario.run(server, List.of(
                Scenario.post("/api/collections/users/confirm-password-reset", "{}")
                        .expect(400, "\"password\":{\"code\":\"validation_required\"",
                                "\"passwordConfirm\":{\"code\":\"validation_required\"", "\"token\":{\"code\":\"validation_required\"")
                        .named("an empty reset confirmation names every field (34)"),
                Scenario.post("/api/collections/users/confirm-password-reset",
                                "{\"token\":\"abc\",\"password\":\"new-password-1\",\"passwordConfirm\":\"other-password\"}")
                        .expect(400, "\"passwordConfirm\":{\"code\":\"validation_values_mismatch\"").named("a mismatched confirmation is a 400"),
                Scenario.post("/api/collections/users/confirm-password-reset",
                                "{\"token\":\"abc\",\"password\":\"short\",\"passwordConfirm\":\"short\"}")
                        .expect(400, "\"password\":{\"code\":\"validation_length_out_of_range\"").named("a too short password is a 400"),
                Scenario.post("/api/collections/users/confirm-password-reset",
                                "{\"token\":\"abc\",\"password\":\"new-password-1\",\"passwordConfirm\":\"new-password-1\"}")
                        .expect(400, "\"token\":{\"code\":\"validation_invalid_token\"").named("a malformed reset token is a 400"),
                Scenario.post("/api/collections/users/confirm-password-reset",
                                "{\"token\":\"" + aliceTokenOrEmpty() + "\",\"password\":\"new-password-1\",\"passwordConfirm\":\"new-password-1\"}")
                        .expect(400, "\"token\":{\"code\":\"validation_invalid_token\"").named("an auth token is not a reset token"),
                Scenario.post("/api/collections/users/confirm-verification", "{}")
                        .expect(400, "\"token\":{\"code\":\"validation_required\"").named("a verification without token is a 400"),
                Scenario.post("/api/collections/users/confirm-verification", "{\"token\":\"abc.def.ghi\"}")
                        .expect(400, "\"token\":{\"code\":\"validation_invalid_token\"").named("a garbage verification token is a 400")));
    }

    @TestFactory
    List<DynamicTest> requestEmailChange() {
        return Scenario.run(server, List.of(
                Scenario.post("/api/collections/users/request-email-change", "{\"newEmail\":\"new@example.com\"}")
                        .expect(401, "\"data\":{}").named("a guest is a 401 (35)"),
                Scenario.post("/api/collections/users/request-email-change", "{\"newEmail\":\"new@example.com\"}")
                        .as(s -> otherCollectionToken).expect(403, "\"data\":{}").named("a token of another collection is a 403 (35)"),
                Scenario.post("/api/collections/users/request-email-change", "{\"newEmail\":\"new@example.com\"}")
                        .asSuperuser().expect(403, "\"data\":{}").named("a superuser token on users is a 403 (35)"),
                Scenario.post("/api/collections/_superusers/request-email-change", "{\"newEmail\":\"new@example.com\"}")
                        .asSuperuser().expect(400, "\"data\":{}").named("superusers cannot change their email"),
                Scenario.post("/api/collections/users/request-email-change", "{\"newEmail\":\"" + otherUserEmail + "\"}")
                        .as(s -> aliceToken).expect(400, "\"newEmail\":{\"code\":\"validation_invalid_new_email\"")
                        .named("a taken email is a 400 (35)"),
                Scenario.post("/api/collections/users/request-email-change", "{\"newEmail\":\"TAKEN@example.com\"}")
                        .as(s -> aliceToken).expect(400, "\"newEmail\":{\"code\":\"validation_invalid_new_email\"")
                        .named("a taken email in other case is a 400"),
                Scenario.post("/api/collections/users/request-email-change", "{}")
                        .as(s -> aliceToken).expect(400, "\"newEmail\":{\"code\":\"validation_required\"")
                        .named("a missing newEmail is a 400"),
                Scenario.post("/api/collections/users/request-email-change", "{\"newEmail\":\"alice-new@example.com\"}")
                        .as(s -> aliceToken).expect(204).named("a free email is a 204 (35)")));
    }

    @TestFactory
    List<DynamicTest> confirmEmailChange() {
        return Scenario.run(server, List.of(
                Scenario.post("/api/collections/users/confirm-email-change", "{}")
                        .expect(400, "\"token\":{\"code\":\"validation_required\"", "\"password\":{\"code\":\"validation_required\"")
                        .named("an empty body names both fields"),
                Scenario.post("/api/collections/users/confirm-email-change", "{\"token\":\"abc\",\"password\":\"whatever\"}")
                        .expect(400, "\"token\":{\"code\":\"validation_invalid_token\"").named("an invalid token is a 400"),
                Scenario.post("/api/collections/_superusers/confirm-email-change", "{\"token\":\"abc\",\"password\":\"whatever\"}")
                        .expect(400, "\"data\":{}").named("superusers cannot confirm an email change")));
    }

    private static String aliceTokenOrEmpty() {
        return aliceToken == null ? "" : aliceToken;
    }

    @org.junit.jupiter.api.Test
    void noMailLeavesForUnknownAddresses() {
        server.post("/api/collections/users/request-password-reset", "{\"email\":\"ghost@example.com\"}", null);
        server.post("/api/collections/users/request-verification", "{\"email\":\"ghost@example.com\"}", null);
        server.post("/api/collections/members/request-otp", "{\"email\":\"ghost@example.com\"}", null);
        inbox.settle();
        assertThat(inbox.to("ghost@example.com")).isEmpty();
    }
}
