package dev.basalt.settings;

import dev.basalt.error.FieldError;
import dev.basalt.jobs.Schedule;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a {@link Settings} value the way PocketBase's settings model validates itself, and
 * collects every failure as a nested map of {@link FieldError}s keyed like the JSON
 * ({@code {"meta": {"appName": {...}}, "rateLimits": {"rules": {"0": {"label": {...}}}}}}).
 */
final class SettingsValidator {

    // PocketBase's rate-limit label pattern: "METHOD /path", "/path", "name:tag", "*:tag" or a bare tag.
    private static final Pattern LABEL = Pattern.compile("^(\\w+ /[\\w/-]*|/[\\w/-]*|\\w+:\\w+|\\*:\\w+|\\w+)$");
    private static final Pattern HOST = Pattern.compile(
            "^([a-zA-Z0-9_][a-zA-Z0-9_-]{0,62})(\\.[a-zA-Z0-9_][a-zA-Z0-9_-]{0,62})*[._]?$");
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+$");
    private static final Set<String> AUDIENCES = Set.of(
            Settings.RateLimitRule.AUDIENCE_ALL, Settings.RateLimitRule.AUDIENCE_GUEST, Settings.RateLimitRule.AUDIENCE_AUTH);
    private static final Set<String> AUTH_METHODS = Set.of("", "PLAIN", "LOGIN");

    private SettingsValidator() {}

    static Map<String, Object> validate(Settings s) {
        Map<String, Object> errors = new LinkedHashMap<>();
        put(errors, "meta", meta(s.meta()));
        put(errors, "logs", logs(s.logs()));
        put(errors, "smtp", smtp(s.smtp()));
        put(errors, "s3", s3(s.s3()));
        put(errors, "backups", backups(s.backups()));
        put(errors, "batch", batch(s.batch()));
        put(errors, "rateLimits", rateLimits(s.rateLimits()));
        put(errors, "superuserIPs", ipList(s.superuserIPs()));
        return errors;
    }

    private static Map<String, Object> meta(Settings.Meta m) {
        Map<String, Object> e = new LinkedHashMap<>();
        put(e, "appName", requiredLength(m.appName()));
        put(e, "appURL", m.appURL().isEmpty() ? FieldError.required() : url(m.appURL()));
        put(e, "senderName", requiredLength(m.senderName()));
        put(e, "senderAddress", m.senderAddress().isEmpty() ? FieldError.required()
                : EMAIL.matcher(m.senderAddress()).matches() ? null
                : new FieldError("validation_is_email", "Must be a valid email address."));
        return e;
    }

    private static Map<String, Object> logs(Settings.Logs l) {
        Map<String, Object> e = new LinkedHashMap<>();
        put(e, "maxDays", min(l.maxDays(), 0));
        return e;
    }

    private static Map<String, Object> smtp(Settings.Smtp m) {
        Map<String, Object> e = new LinkedHashMap<>();
        put(e, "host", m.enabled() && m.host().isEmpty() ? FieldError.required() : host(m.host()));
        put(e, "port", m.enabled() && m.port() == 0 ? FieldError.required() : min(m.port(), 0));
        put(e, "authMethod", AUTH_METHODS.contains(m.authMethod()) ? null : invalidIn());
        put(e, "localName", host(m.localName()));
        return e;
    }

    private static Map<String, Object> s3(Settings.S3 c) {
        Map<String, Object> e = new LinkedHashMap<>();
        put(e, "endpoint", c.enabled() && c.endpoint().isEmpty() ? FieldError.required()
                : c.endpoint().isEmpty() ? null : url(c.endpoint()));
        put(e, "bucket", requiredWhen(c.enabled(), c.bucket()));
        put(e, "region", requiredWhen(c.enabled(), c.region()));
        put(e, "accessKey", requiredWhen(c.enabled(), c.accessKey()));
        put(e, "secret", requiredWhen(c.enabled(), c.secret()));
        return e;
    }

    private static Map<String, Object> backups(Settings.Backups b) {
        Map<String, Object> e = new LinkedHashMap<>();
        put(e, "s3", s3(b.s3()));
        put(e, "cron", b.cron().isEmpty() || Schedule.isValid(b.cron()) ? null
                : new FieldError("validation_invalid_cron", "Invalid cron expression."));
        put(e, "cronMaxKeep", !b.cron().isEmpty() && b.cronMaxKeep() == 0 ? FieldError.required()
                : b.cronMaxKeep() == 0 ? null : min(b.cronMaxKeep(), 1));
        return e;
    }

    private static Map<String, Object> batch(Settings.Batch b) {
        Map<String, Object> e = new LinkedHashMap<>();
        put(e, "maxRequests", b.enabled() && b.maxRequests() == 0 ? FieldError.required() : min(b.maxRequests(), 0));
        put(e, "timeout", b.enabled() && b.timeout() == 0 ? FieldError.required() : min(b.timeout(), 0));
        put(e, "maxBodySize", min(b.maxBodySize(), 0));
        return e;
    }

    private static Map<String, Object> rateLimits(Settings.RateLimits r) {
        Map<String, Object> e = new LinkedHashMap<>();
        put(e, "excludedIPs", ipList(r.excludedIPs()));
        if (r.enabled() && r.rules().isEmpty()) {
            e.put("rules", FieldError.required());
            return e;
        }
        // As in PocketBase, a conflict between labels is reported before the rules' own errors.
        Map<String, Object> rules = new LinkedHashMap<>();
        List<Settings.RateLimitRule> list = r.rules();
        put(rules, conflictIndex(list), conflict(list));
        for (int i = 0; i < list.size() && rules.isEmpty(); i++) {
            put(rules, String.valueOf(i), rule(list.get(i)));
        }
        put(e, "rules", rules);
        return e;
    }

    private static Map<String, Object> rule(Settings.RateLimitRule rule) {
        Map<String, Object> e = new LinkedHashMap<>();
        put(e, "label", rule.label().isEmpty() ? FieldError.required()
                : LABEL.matcher(rule.label()).matches() ? null
                : new FieldError("validation_match_invalid", "Must be in a valid format."));
        put(e, "maxRequests", rule.maxRequests() == 0 ? FieldError.required() : min(rule.maxRequests(), 1));
        put(e, "duration", rule.duration() == 0 ? FieldError.required() : min(rule.duration(), 1));
        put(e, "audience", AUDIENCES.contains(rule.audience()) ? null : invalidIn());
        return e;
    }

    // PocketBase compat: two rules conflict when one's "label@@audience" key prefixes the other's,
    // so "/api/" and "/api/a" with the same audience conflict too; the first conflicting index is reported.
    private static String conflictIndex(List<Settings.RateLimitRule> rules) {
        List<String> seen = new java.util.ArrayList<>();
        for (int i = 0; i < rules.size(); i++) {
            String key = rules.get(i).label() + "@@" + rules.get(i).audience();
            if (seen.stream().anyMatch(k -> k.startsWith(key) || key.startsWith(k))) {
                return String.valueOf(i);
            }
            seen.add(key);
        }
        return "";
    }

    private static Map<String, Object> conflict(List<Settings.RateLimitRule> rules) {
        String index = conflictIndex(rules);
        if (index.isEmpty()) {
            return Map.of();
        }
        String label = rules.get(Integer.parseInt(index)).label();
        return Map.of("label", new FieldError("validation_conflicting_rate_limit_rule",
                "Rate limit rule configuration with label " + label + " already exists or conflicts with another rule.",
                Map.of("label", label)));
    }

    private static Map<String, Object> ipList(List<String> entries) {
        Map<String, Object> e = new LinkedHashMap<>();
        Set<String> checked = new HashSet<>();
        for (int i = 0; i < entries.size(); i++) {
            String entry = entries.get(i);
            if (checked.add(entry) && IpRange.parse(entry).isEmpty()) {
                e.put(String.valueOf(i), new FieldError("validation_invalid_ip_or_subnet",
                        "Must be a valid IP address or subnet."));
            }
        }
        return e;
    }

    private static FieldError requiredLength(String value) {
        if (value.isEmpty()) {
            return FieldError.required();
        }
        return value.length() > 255
                ? new FieldError("validation_length_out_of_range", "The length must be between 1 and 255.")
                : null;
    }

    private static FieldError requiredWhen(boolean condition, String value) {
        return condition && value.isEmpty() ? FieldError.required() : null;
    }

    private static FieldError min(long value, long threshold) {
        return value < threshold
                ? new FieldError("validation_min_greater_equal_than_required", "Must be no less than " + threshold + ".")
                : null;
    }

    private static FieldError host(String value) {
        return value.isEmpty() || HOST.matcher(value).matches() || IpRange.address(value).isPresent() ? null
                : new FieldError("validation_is_host", "Must be a valid IP address or DNS name.");
    }

    private static FieldError url(String value) {
        try {
            URI uri = new URI(value);
            if (uri.getScheme() != null && uri.getHost() != null) {
                return null;
            }
        } catch (URISyntaxException e) {
            // not a URL: reported below
        }
        return new FieldError("validation_is_url", "Must be a valid URL.");
    }

    private static FieldError invalidIn() {
        return new FieldError("validation_in_invalid", "Must be a valid value.");
    }

    private static void put(Map<String, Object> errors, String key, Object error) {
        if (error instanceof Map<?, ?> m && m.isEmpty() || error == null) {
            return;
        }
        errors.put(key, error);
    }
}
