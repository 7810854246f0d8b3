package dev.basalt.http;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import dev.basalt.collections.Collection;
import dev.basalt.collections.CollectionRegistry;
import dev.basalt.collections.SystemCollections;
import dev.basalt.error.ApiException;
import dev.basalt.records.Record;
import dev.basalt.settings.IpRange;
import dev.basalt.settings.Settings;
import dev.basalt.settings.SettingsService;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.javalin.http.Context;
import io.javalin.router.Endpoint;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The rate-limit middleware (API.md §1.11): when {@code settings.rateLimits.enabled}, each request
 * of a guest or a non-superuser is matched to the first rule of its labels
 * ({@code <collectionName>:<tag>}, {@code *:<tag>}, {@code "<METHOD> <path>"}, {@code <path>}) and
 * consumes one token of that rule's window for its client IP; an empty window answers 429.
 *
 * <p>Each window is a Bucket4j bucket of {@code maxRequests} tokens refilled all at once every
 * {@code duration} seconds, kept in a Caffeine cache per (limiter, client IP) until it has been
 * idle for its duration plus 30 minutes (PocketBase's clean-up age). A settings change drops every
 * window, as PocketBase resets its limiters on a settings reload.
 */
final class RateLimiter {

    // Bounds memory when many addresses appear; an evicted client merely starts a fresh window.
    private static final long MAX_WINDOWS = 100_000;
    private static final long IDLE_SECONDS = 1800;

    private final SettingsService settings;
    private final CollectionRegistry collections;
    private final Cache<WindowKey, Window> windows = Caffeine.newBuilder()
            .maximumSize(MAX_WINDOWS)
            .expireAfter(Expiry.<WindowKey, Window>accessing((k, w) -> Duration.ofSeconds(w.seconds() + IDLE_SECONDS)))
            .build();
    // Parsed from settings.rateLimits.excludedIPs; replaced on every settings change.
    private volatile List<IpRange> excluded;

    RateLimiter(SettingsService settings, CollectionRegistry collections) {
        this.settings = settings;
        this.collections = collections;
        this.excluded = IpRange.parseAll(settings.current().rateLimits().excludedIPs());
        settings.onChange(s -> {
            excluded = IpRange.parseAll(s.rateLimits().excludedIPs());
            windows.invalidateAll();
        });
    }

    /** The shape of a request as far as rate limiting cares. */
    record Request(String method, String path, String route, List<String> tags, Optional<Collection> collection,
            boolean authenticated, String ip) {}

    /** Middleware: run after the token is resolved and the route is matched. */
    void check(Context ctx) {
        Settings current = settings.current();
        if (!current.rateLimits().enabled()) {
            return;
        }
        Record auth = Requests.auth(ctx);
        if (auth != null && SystemCollections.SUPERUSERS.equals(auth.collection().name())) {
            return;
        }
        Endpoint endpoint = ctx.endpoints().matchedHttpEndpoint();
        String route = endpoint == null ? ctx.path() : endpoint.path;
        String method = ctx.method().name();
        List<String> tags = RouteTags.of(method + " " + route);
        Optional<Collection> collection = tags.isEmpty() ? Optional.empty()
                : collections.find(ctx.pathParam("collection"));
        Request request = new Request(method, ctx.path(), route, tags, collection, auth != null,
                ClientIp.of(ctx, current.trustedProxy()));
        if (!tryAcquire(current.rateLimits(), request)) {
            throw new ApiException(429, "Too Many Requests.");
        }
    }

    /** Whether the request may pass; consumes a token of its window when a rule applies. */
    boolean tryAcquire(Settings.RateLimits limits, Request request) {
        if (IpRange.anyContains(excluded, request.ip())) {
            return true;
        }
        List<String> labels = labels(request);
        Optional<Settings.RateLimitRule> found = limits.findRule(labels, request.authenticated());
        if (found.isEmpty()) {
            return true;
        }
        Settings.RateLimitRule rule = found.get();
        // PocketBase compat: a collection route keeps one window per collection and route whichever
        // rule matched, so "*:auth" limits users and _superusers logins separately.
        String limiter = request.collection()
                .map(c -> c.id() + request.route() + String.join("", request.tags()) + rule.audience())
                .orElse(rule.label() + rule.audience());
        Window window = windows.get(new WindowKey(limiter, request.ip()), k -> Window.of(rule));
        return window.bucket().tryConsume(1);
    }

    private static List<String> labels(Request request) {
        List<String> labels = new ArrayList<>(2 + 2 * request.tags().size());
        request.collection().ifPresent(c -> {
            for (String tag : request.tags()) {
                labels.add(c.name() + ":" + tag);
            }
            for (String tag : request.tags()) {
                labels.add("*:" + tag);
            }
        });
        labels.add(request.method() + " " + request.path());
        labels.add(request.path());
        return labels;
    }

    private record WindowKey(String limiter, String ip) {}

    private record Window(Bucket bucket, long seconds) {
        static Window of(Settings.RateLimitRule rule) {
            Duration duration = Duration.ofSeconds(rule.duration());
            Bucket bucket = Bucket.builder()
                    .addLimit(Bandwidth.builder().capacity(rule.maxRequests())
                            .refillIntervally(rule.maxRequests(), duration).build())
                    .build();
            return new Window(bucket, rule.duration());
        }
    }
}
