package dev.basalt.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** IP ranges, cron syntax, defaults and validation of the settings values. */
class SettingsValuesTest {

    @Test
    void ipRangesMatchAddressesAndSubnets() {
        List<IpRange> ranges = IpRange.parseAll(List.of("10.0.0.0/8", "192.168.1.7", "2001:db8::/32"));
        assertThat(IpRange.anyContains(ranges, "10.200.3.4")).isTrue();
        assertThat(IpRange.anyContains(ranges, "11.0.0.1")).isFalse();
        assertThat(IpRange.anyContains(ranges, "192.168.1.7")).isTrue();
        assertThat(IpRange.anyContains(ranges, "192.168.1.8")).isFalse();
        assertThat(IpRange.anyContains(ranges, "2001:db8:1::5")).isTrue();
        assertThat(IpRange.anyContains(ranges, "[2001:db9::5]")).isFalse();
        assertThat(IpRange.anyContains(ranges, "not-an-ip")).isFalse();
        assertThat(IpRange.anyContains(IpRange.parseAll(List.of("172.16.0.0/12")), "172.31.255.255")).isTrue();
        assertThat(IpRange.anyContains(IpRange.parseAll(List.of("172.16.0.0/12")), "172.32.0.0")).isFalse();
    }

    @Test
    void ipRangesRefuseNamesAndBadPrefixes() {
        assertThat(IpRange.parse("localhost")).isEmpty();
        assertThat(IpRange.parse("example.com")).isEmpty();
        assertThat(IpRange.parse("10.0.0.0/33")).isEmpty();
        assertThat(IpRange.parse("256.1.1.1")).isEmpty();
        assertThat(IpRange.parse("1.2.3")).isEmpty();
        assertThat(IpRange.parse("::1")).isPresent();
        assertThat(IpRange.parse("0.0.0.0/0")).isPresent();
    }

    @Test
    void defaultsAreValidAndRateLimitingIsOn() {
        Settings defaults = Settings.defaults();
        assertThat(SettingsValidator.validate(defaults)).isEmpty();
        assertThat(defaults.rateLimits().enabled()).isTrue();
        assertThat(defaults.rateLimits().rules()).extracting(Settings.RateLimitRule::label)
                .containsExactly("*:auth", "*:create", "/api/batch", "/api/");
    }

    @Test
    void redactionBlanksEverySecret() {
        Settings s = Settings.defaults();
        Settings withSecrets = new Settings(s.meta(), s.logs(), s.smtp().withPassword("p"), s.s3().withSecret("a"),
                new Settings.Backups("", 3, s.s3().withSecret("b")), s.batch(), s.rateLimits(), s.trustedProxy(), List.of());
        Settings redacted = withSecrets.redacted();
        assertThat(redacted.smtp().password()).isEmpty();
        assertThat(redacted.s3().secret()).isEmpty();
        assertThat(redacted.backups().s3().secret()).isEmpty();
    }

    @Test
    void validationNestsErrorsByJsonPath() {
        Settings s = Settings.defaults();
        Settings bad = new Settings(new Settings.Meta("", "not a url", "Support", "support@example.com", false),
                new Settings.Logs(-1, 0, true, false), s.smtp(), s.s3(), s.backups(), new Settings.Batch(true, 0, 3, -1),
                s.rateLimits(), s.trustedProxy(), List.of());
        Map<String, Object> errors = SettingsValidator.validate(bad);
        assertThat(errors).containsOnlyKeys("meta", "logs", "batch");
        assertThat(keys(errors.get("meta"))).containsOnly("appName", "appURL");
        assertThat(keys(errors.get("batch"))).containsOnly("maxRequests", "maxBodySize");
    }

    private static List<String> keys(Object nested) {
        return ((Map<?, ?>) nested).keySet().stream().map(String::valueOf).toList();
    }
}
