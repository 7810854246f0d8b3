package dev.basalt.settings;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Optional;

/**
 * The runtime settings, as PocketBase stores them in {@code _params} (row {@code settings}) and
 * shows them on {@code GET /api/settings}. Immutable: a change is a new value, saved through
 * {@link SettingsService}. Secrets ({@code smtp.password}, {@code s3.secret},
 * {@code backups.s3.secret}) are kept here but never leave through the API: see {@link #redacted()}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"meta", "logs", "smtp", "s3", "backups", "batch", "rateLimits", "trustedProxy", "superuserIPs"})
public record Settings(
        Meta meta,
        Logs logs,
        Smtp smtp,
        S3 s3,
        Backups backups,
        Batch batch,
        RateLimits rateLimits,
        TrustedProxy trustedProxy,
        @JsonProperty("superuserIPs") List<String> superuserIPs) {

    public Settings {
        superuserIPs = superuserIPs == null ? List.of() : List.copyOf(superuserIPs);
    }

    /**
     * PocketBase's defaults, except that rate limiting is on: PocketBase ships its default rules
     * disabled, Basalt enables them so that auth endpoints are throttled out of the box.
     */
    public static Settings defaults() {
        return new Settings(
                new Meta("Acme", "http://localhost:8090", "Support", "support@example.com", false),
                new Logs(5, 0, true, false),
                new Smtp(false, "smtp.example.com", 587, "", "", "", false, ""),
                S3.NONE,
                new Backups("", 3, S3.NONE),
                new Batch(false, 50, 3, 0),
                new RateLimits(true, List.of(), List.of(
                        new RateLimitRule("*:auth", "", 3, 2),
                        new RateLimitRule("*:create", "", 5, 20),
                        new RateLimitRule("/api/batch", "", 1, 3),
                        new RateLimitRule("/api/", "", 10, 300))),
                new TrustedProxy(List.of(), false),
                List.of());
    }

    /** This value with its secrets blanked, as the API shows it (blank secrets are left out). */
    public Settings redacted() {
        return new Settings(meta, logs, smtp.withPassword(""), s3.withSecret(""),
                new Backups(backups.cron(), backups.cronMaxKeep(), backups.s3().withSecret("")),
                batch, rateLimits, trustedProxy, superuserIPs);
    }

    public Settings withRateLimits(RateLimits rateLimits) {
        return new Settings(meta, logs, smtp, s3, backups, batch, rateLimits, trustedProxy, superuserIPs);
    }

    public Settings withTrustedProxy(TrustedProxy trustedProxy) {
        return new Settings(meta, logs, smtp, s3, backups, batch, rateLimits, trustedProxy, superuserIPs);
    }

    public Settings withSuperuserIPs(List<String> superuserIPs) {
        return new Settings(meta, logs, smtp, s3, backups, batch, rateLimits, trustedProxy, superuserIPs);
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Meta(String appName, @JsonProperty("appURL") String appURL, String senderName, String senderAddress,
            boolean hideControls) {
        public Meta {
            appName = orEmpty(appName);
            appURL = orEmpty(appURL);
            senderName = orEmpty(senderName);
            senderAddress = orEmpty(senderAddress);
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Logs(int maxDays, int minLevel, @JsonProperty("logIP") boolean logIP, boolean logAuthId) {}

    /**
     * SMTP: {@code authMethod} is {@code ""} (PLAIN), {@code PLAIN} or {@code LOGIN}; {@code tls}
     * true means implicit TLS, false means STARTTLS when the server offers it; {@code localName}
     * is the EHLO name ("" for localhost).
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonPropertyOrder({"enabled", "port", "host", "username", "password", "authMethod", "tls", "localName"})
    public record Smtp(boolean enabled, String host, int port, String username,
            @JsonInclude(JsonInclude.Include.NON_EMPTY) String password,
            String authMethod, boolean tls, String localName) {
        public Smtp {
            host = orEmpty(host);
            username = orEmpty(username);
            password = orEmpty(password);
            authMethod = orEmpty(authMethod);
            localName = orEmpty(localName);
        }

        public Smtp withPassword(String password) {
            return new Smtp(enabled, host, port, username, password, authMethod, tls, localName);
        }

        @Override
        public String toString() {
            return "Smtp[enabled=" + enabled + ", host=" + host + ", port=" + port + ", username=" + username
                    + ", authMethod=" + authMethod + ", tls=" + tls + ", localName=" + localName + "]";
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonPropertyOrder({"enabled", "bucket", "region", "endpoint", "accessKey", "secret", "forcePathStyle"})
    public record S3(boolean enabled, String bucket, String region, String endpoint, String accessKey,
            @JsonInclude(JsonInclude.Include.NON_EMPTY) String secret, boolean forcePathStyle) {

        static final S3 NONE = new S3(false, "", "", "", "", "", false);

        public S3 {
            bucket = orEmpty(bucket);
            region = orEmpty(region);
            endpoint = orEmpty(endpoint);
            accessKey = orEmpty(accessKey);
            secret = orEmpty(secret);
        }

        public S3 withSecret(String secret) {
            return new S3(enabled, bucket, region, endpoint, accessKey, secret, forcePathStyle);
        }

        @Override
        public String toString() {
            return "S3[enabled=" + enabled + ", bucket=" + bucket + ", region=" + region + ", endpoint=" + endpoint
                    + ", accessKey=" + accessKey + ", forcePathStyle=" + forcePathStyle + "]";
        }
    }

    /** Automatic backups: a 5-field cron ("" disables them) and how many cron backups to keep. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Backups(String cron, int cronMaxKeep, S3 s3) {
        public Backups {
            cron = orEmpty(cron);
            s3 = s3 == null ? S3.NONE : s3;
        }
    }

    /** Batch API: {@code timeout} in seconds; {@code maxBodySize} in bytes, 0 meaning PocketBase's 128 MiB. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Batch(boolean enabled, int maxRequests, long timeout, long maxBodySize) {}

    /** Rate limiting: rules matched by label (API.md §1.11); {@code excludedIPs} are never limited. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonPropertyOrder({"enabled", "excludedIPs", "rules"})
    public record RateLimits(boolean enabled, @JsonProperty("excludedIPs") List<String> excludedIPs,
            List<RateLimitRule> rules) {
        public RateLimits {
            excludedIPs = excludedIPs == null ? List.of() : List.copyOf(excludedIPs);
            rules = rules == null ? List.of() : List.copyOf(rules);
        }

        /**
         * The first rule for these labels (tried in order) whose audience admits the requester.
         * For each label an exact match wins over a prefix rule (a label ending with {@code /}
         * matches any path label it prefixes), as PocketBase's {@code FindRateLimitRule} does.
         */
        public Optional<RateLimitRule> findRule(List<String> labels, boolean authenticated) {
            for (String label : labels) {
                for (RateLimitRule rule : rules) {
                    if (rule.label().equals(label) && rule.appliesTo(authenticated)) {
                        return Optional.of(rule);
                    }
                }
                for (RateLimitRule rule : rules) {
                    String prefix = rule.label();
                    if (prefix.endsWith("/") && rule.appliesTo(authenticated)
                            && (label.startsWith(prefix)
                                    || (label.length() + 1 == prefix.length() && prefix.startsWith(label)))) {
                        return Optional.of(rule);
                    }
                }
            }
            return Optional.empty();
        }
    }

    /**
     * One rate-limit rule: at most {@code maxRequests} per {@code duration} seconds per client,
     * for requests whose labels include {@code label}; {@code audience} is {@code ""} (everyone),
     * {@code @guest} or {@code @auth}.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonPropertyOrder({"label", "audience", "duration", "maxRequests"})
    public record RateLimitRule(String label, String audience, long duration, int maxRequests) {
        public static final String AUDIENCE_ALL = "";
        public static final String AUDIENCE_GUEST = "@guest";
        public static final String AUDIENCE_AUTH = "@auth";

        public RateLimitRule {
            label = orEmpty(label);
            audience = orEmpty(audience);
        }

        /** Whether this rule applies to a guest ({@code authenticated} false) or an auth record. */
        public boolean appliesTo(boolean authenticated) {
            return audience.isEmpty() || audience.equals(authenticated ? AUDIENCE_AUTH : AUDIENCE_GUEST);
        }
    }

    /**
     * The proxy headers holding the client IP, trusted only when listed here; the last value of
     * the first present header is read, right-most valid IP first unless {@code useLeftmostIP}.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record TrustedProxy(List<String> headers, @JsonProperty("useLeftmostIP") boolean useLeftmostIP) {
        public TrustedProxy {
            headers = headers == null ? List.of() : List.copyOf(headers);
        }
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
