package dev.basalt.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.basalt.settings.Settings;
import dev.basalt.settings.Settings.RateLimitRule;
import dev.basalt.testing.TestServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Rate limiting and the superuser IP allowlist against a real server. Every test installs its own
 * rules (which also resets every window), so the order of the tests does not matter.
 */
class RateLimitApiTest {

    static final String USERS_LOGIN = "/api/collections/users/auth-with-password";
    static final String SUPERUSERS_LOGIN = "/api/collections/_superusers/auth-with-password";
    static final String WRONG_USER = "{\"identity\":\"limited@example.com\",\"password\":\"wrong-password\"}";
    static final String WRONG_SUPERUSER = "{\"identity\":\"" + TestServer.SUPERUSER_EMAIL + "\",\"password\":\"wrong-password\"}";

    static TestServer server;
    static String superuserToken;
    static String userToken;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        superuserToken = server.superuserToken();
        userToken = AuthUsers.create(server, "limited@example.com");
        TestServer.Response notes = server.post("/api/collections", """
                {"name":"notes","type":"base","createRule":"","listRule":"","fields":[{"type":"text","name":"title"}]}""",
                superuserToken);
        assertThat(notes.status()).as(notes.body()).isEqualTo(200);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void noLimitsNoAllowlist() {
        install(false, List.of(), List.of());
        server.basalt().settings().replace(server.basalt().settings().current()
                .withSuperuserIPs(List.of()).withTrustedProxy(new Settings.TrustedProxy(List.of(), false)));
    }

    @Test
    void aCollectionTagRuleAnswers429WithEmptyDataOnceExceeded() {
        install(true, List.of(), List.of(new RateLimitRule("users:authWithPassword", "", 60, 2)));

        assertThat(statuses("POST", USERS_LOGIN, WRONG_USER, null, 2)).containsOnly(400);
        TestServer.Response limited = server.post(USERS_LOGIN, WRONG_USER, null);
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.body()).isEqualTo("{\"status\":429,\"message\":\"Too Many Requests.\",\"data\":{}}");
    }

    @Test
    void otherLabelsAreUnaffected() {
        install(true, List.of(), List.of(new RateLimitRule("users:authWithPassword", "", 60, 1)));
        server.post(USERS_LOGIN, WRONG_USER, null);
        assertThat(server.post(USERS_LOGIN, WRONG_USER, null).status()).isEqualTo(429);

        assertThat(server.post(SUPERUSERS_LOGIN, WRONG_SUPERUSER, null).status()).as("another collection").isEqualTo(400);
        assertThat(statuses("GET", "/api/health", null, null, 5)).as("another route").containsOnly(200);
        assertThat(server.get("/api/collections/users/auth-methods", null).status()).as("another tag").isNotEqualTo(429);
    }

    @Test
    void aWildcardTagRuleKeepsOneWindowPerCollection() {
        install(true, List.of(), List.of(new RateLimitRule("*:authWithPassword", "", 60, 1)));

        assertThat(statuses("POST", USERS_LOGIN, WRONG_USER, null, 2)).containsExactly(400, 429);
        assertThat(statuses("POST", SUPERUSERS_LOGIN, WRONG_SUPERUSER, null, 2)).containsExactly(400, 429);
    }

    @Test
    void theDefaultRulesThrottleBruteForceOnAuthWithPassword() {
        Settings.RateLimits defaults = Settings.defaults().rateLimits();
        assertThat(defaults.enabled()).as("Basalt enables rate limiting by default").isTrue();
        install(defaults.enabled(), defaults.excludedIPs(), defaults.rules());

        // "*:auth" allows 2 attempts per 3 seconds; the brute force is cut off at the third.
        assertThat(statuses("POST", SUPERUSERS_LOGIN, WRONG_SUPERUSER, null, 5)).containsExactly(400, 400, 429, 429, 429);
        assertThat(statuses("POST", USERS_LOGIN, WRONG_USER, null, 3)).containsExactly(400, 400, 429);
    }

    @Test
    void theCreateTagLimitsRecordCreationButNotListing() {
        install(true, List.of(), List.of(new RateLimitRule("*:create", "", 60, 1)));

        assertThat(statuses("POST", "/api/collections/notes/records", "{\"title\":\"a\"}", null, 2)).containsExactly(200, 429);
        assertThat(statuses("GET", "/api/collections/notes/records", null, null, 3)).containsOnly(200);
    }

    @Test
    void superusersAreExempt() {
        install(true, List.of(), List.of(new RateLimitRule("/api/", "", 60, 1)));

        assertThat(statuses("GET", "/api/settings", null, superuserToken, 5)).containsOnly(200);
        assertThat(statuses("GET", "/api/health", null, null, 2)).containsExactly(200, 429);
    }

    @Test
    void excludedIpsAreExempt() {
        install(true, List.of("127.0.0.0/8"), List.of(new RateLimitRule("/api/health", "", 60, 1)));

        assertThat(statuses("GET", "/api/health", null, null, 4)).containsOnly(200);
    }

    @Test
    void disabledRateLimitsLimitNothing() {
        install(false, List.of(), List.of(new RateLimitRule("/api/health", "", 60, 1)));

        assertThat(statuses("GET", "/api/health", null, null, 4)).containsOnly(200);
    }

    @Test
    void aPathPrefixAndAMethodPathLabelMatch() {
        install(true, List.of(), List.of(new RateLimitRule("GET /api/health", "", 60, 1),
                new RateLimitRule("/api/collections/", "", 60, 2)));

        assertThat(statuses("GET", "/api/health", null, null, 2)).containsExactly(200, 429);
        assertThat(statuses("GET", "/api/collections/notes/records", null, null, 3)).containsExactly(200, 200, 429);
    }

    @Test
    void theAudienceSelectsGuestsOrAuthRecords() {
        install(true, List.of(), List.of(new RateLimitRule("/api/health", "@auth", 60, 1)));

        assertThat(statuses("GET", "/api/health", null, null, 3)).as("guests").containsOnly(200);
        assertThat(statuses("GET", "/api/health", null, userToken, 2)).as("auth records").containsExactly(200, 429);
    }

    @Test
    void theWindowResetsAfterItsDuration() throws InterruptedException {
        install(true, List.of(), List.of(new RateLimitRule("/api/health", "", 1, 1)));

        assertThat(statuses("GET", "/api/health", null, null, 2)).containsExactly(200, 429);
        long deadline = System.nanoTime() + 3_000_000_000L;
        int status;
        do {
            Thread.sleep(200);
            status = server.get("/api/health", null).status();
        } while (status == 429 && System.nanoTime() < deadline);
        assertThat(status).as("a new window within 3 s").isEqualTo(200);
    }

    @Test
    void proxyHeadersCountOnlyWhenTrusted() {
        install(true, List.of(), List.of(new RateLimitRule("/api/health", "", 60, 1)));
        assertThat(health("1.1.1.1")).isEqualTo(200);
        assertThat(health("2.2.2.2")).as("an untrusted header does not change the client").isEqualTo(429);

        server.basalt().settings().replace(server.basalt().settings().current()
                .withTrustedProxy(new Settings.TrustedProxy(List.of("X-Forwarded-For"), false)));
        assertThat(health("10.0.0.9, 1.1.1.1")).isEqualTo(200);
        assertThat(health("10.0.0.8, 1.1.1.1")).as("the right-most address is the client").isEqualTo(429);
        assertThat(health("2.2.2.2")).as("another client has its own window").isEqualTo(200);
    }

    @Test
    void anUnknownCollectionIsLeftToItsEndpoint() {
        install(true, List.of(), List.of(new RateLimitRule("*:authWithPassword", "", 60, 1)));

        assertThat(statuses("POST", "/api/collections/missing/auth-with-password", WRONG_USER, null, 3)).containsOnly(404);
    }

    @Test
    void aSuperuserOutsideTheAllowlistIsForbiddenEverywhere() {
        server.basalt().settings().replace(server.basalt().settings().current().withSuperuserIPs(List.of("10.0.0.0/8")));

        TestServer.Response refused = server.get("/api/settings", superuserToken);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.body()).contains("\"data\":{}");
        assertThat(server.get("/api/health", superuserToken).status()).as("even a public endpoint").isEqualTo(403);
        assertThat(server.get("/api/health", null).status()).as("guests are not concerned").isEqualTo(200);
        assertThat(server.get("/api/health", userToken).status()).as("nor regular users").isEqualTo(200);
    }

    @Test
    void aSuperuserInsideTheAllowlistPasses() {
        server.basalt().settings().replace(server.basalt().settings().current()
                .withSuperuserIPs(List.of("10.0.0.0/8", "127.0.0.1")));
        assertThat(server.get("/api/settings", superuserToken).status()).isEqualTo(200);

        server.basalt().settings().replace(server.basalt().settings().current()
                .withSuperuserIPs(List.of("10.0.0.0/8"))
                .withTrustedProxy(new Settings.TrustedProxy(List.of("X-Real-IP"), false)));
        assertThat(server.send("GET", "/api/settings", null, superuserToken, Map.of("X-Real-IP", "10.1.2.3")).status())
                .as("the client IP of a trusted proxy header").isEqualTo(200);
        assertThat(server.send("GET", "/api/settings", null, superuserToken, Map.of("X-Real-IP", "192.168.0.1")).status())
                .isEqualTo(403);
        assertThat(server.send("GET", "/api/health", null, superuserToken, Map.of("X-Real-IP", "10.1.2.3")).body())
                .as("the health check shows the client IP it sees")
                .contains("\"realIP\":\"10.1.2.3\"", "\"possibleProxyHeader\":\"X-Real-IP\"");
    }

    private static void install(boolean enabled, List<String> excluded, List<RateLimitRule> rules) {
        server.basalt().settings().replace(server.basalt().settings().current()
                .withRateLimits(new Settings.RateLimits(enabled, excluded, rules)));
    }

    private static int health(String forwardedFor) {
        return server.send("GET", "/api/health", null, null, Map.of("X-Forwarded-For", forwardedFor)).status();
    }

    private static List<Integer> statuses(String method, String path, String body, String token, int times) {
        return java.util.stream.IntStream.range(0, times)
                .mapToObj(i -> server.send(method, path, body, token).status())
                .toList();
    }
}
