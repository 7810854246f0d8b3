package dev.basalt.settings;

import static org.assertj.core.api.Assertions.assertThat;

import dev.basalt.settings.Settings.RateLimitRule;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** {@link Settings.RateLimits#findRule}: which rule a request's labels select (API.md §1.11). */
class RateLimitRuleMatchTest {

    static final List<String> LOGIN = List.of("users:authWithPassword", "users:auth", "*:authWithPassword", "*:auth",
            "POST /api/collections/users/auth-with-password", "/api/collections/users/auth-with-password");
    static final List<String> HEALTH = List.of("GET /api/health", "/api/health");

    record Case(String name, List<RateLimitRule> rules, List<String> labels, boolean authenticated, String expected) {}

    static RateLimitRule rule(String label) {
        return new RateLimitRule(label, "", 1, 1);
    }

    static RateLimitRule rule(String label, String audience) {
        return new RateLimitRule(label, audience, 1, 1);
    }

    @TestFactory
    Stream<DynamicTest> findRule() {
        return Stream.of(
                new Case("the collection tag wins over the wildcard tag",
                        List.of(rule("*:authWithPassword"), rule("users:authWithPassword")), LOGIN, false, "users:authWithPassword"),
                new Case("the action tag wins over the generic auth tag",
                        List.of(rule("*:auth"), rule("*:authWithPassword")), LOGIN, false, "*:authWithPassword"),
                new Case("a collection's generic auth tag wins over the wildcard action tag",
                        List.of(rule("*:authWithPassword"), rule("users:auth")), LOGIN, false, "users:auth"),
                new Case("tags win over path prefixes", List.of(rule("/api/"), rule("*:auth")), LOGIN, false, "*:auth"),
                new Case("the method and path label wins over the path", List.of(rule("/api/health"), rule("GET /api/health")),
                        HEALTH, false, "GET /api/health"),
                new Case("a label ending with / matches the paths it prefixes", List.of(rule("/api/")), HEALTH, false, "/api/"),
                new Case("a prefix label also matches the path without its slash", List.of(rule("/api/health/")), HEALTH, false,
                        "/api/health/"),
                new Case("a prefix label with a method matches that method only", List.of(rule("POST /api/")), HEALTH, false, null),
                new Case("a label without / is not a prefix", List.of(rule("/api")), HEALTH, false, null),
                new Case("another collection's tag does not match", List.of(rule("posts:authWithPassword")), LOGIN, false, null),
                new Case("a guest rule does not apply to auth records", List.of(rule("/api/health", "@guest")), HEALTH, true, null),
                new Case("an auth rule does not apply to guests", List.of(rule("/api/health", "@auth")), HEALTH, false, null),
                new Case("the audience picks between rules of one label",
                        List.of(rule("/api/health", "@guest"), rule("/api/health", "@auth")), HEALTH, true, "/api/health@auth"),
                new Case("no rules, no limit", List.of(), HEALTH, false, null))
                .map(c -> DynamicTest.dynamicTest(c.name(), () -> {
                    Optional<RateLimitRule> found = new Settings.RateLimits(true, List.of(), c.rules())
                            .findRule(c.labels(), c.authenticated());
                    assertThat(found.map(r -> r.audience().isEmpty() ? r.label() : r.label() + r.audience()).orElse(null))
                            .isEqualTo(c.expected());
                }));
    }
}
