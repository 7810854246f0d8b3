package dev.basalt.records;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.basalt.store.Database;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * The totals of list requests, remembered until the next write: a page of a large collection is
 * cheap to read, but its {@code totalItems} is a count over every matching row. A count is served
 * from here only while {@link Database#readGeneration()} is what it was before the count was read,
 * that is while no write transaction has ended since, so a cached total is exactly what counting
 * again would give. Where the database cannot promise that (PostgreSQL, inside a transaction) every
 * count runs.
 */
final class CountCache {

    // A total belongs to the database state it was counted in: a key of an older generation is
    // never asked for again and ages out.
    private record Key(long generation, String sql, List<Object> values) {}

    private final Database db;
    private final Cache<Key, CompletableFuture<Long>> counts = Caffeine.newBuilder().maximumSize(2_000)
            .expireAfterAccess(Duration.ofMinutes(10)).build();

    CountCache(Database db) {
        this.db = db;
    }

    /**
     * The result of {@code count}, which runs {@code sql} with {@code values} (a query returning
     * one number), from the cache when still exact.
     */
    long count(String sql, List<Object> values, LongSupplier count) {
        long generation = db.readGeneration();
        if (generation < 0 || !deterministic(sql)) {
            return count.getAsLong();
        }
        Key key = new Key(generation, sql, values);
        // Concurrent requests for one total wait for a single count rather than each running it.
        CompletableFuture<Long> mine = new CompletableFuture<>();
        CompletableFuture<Long> known = counts.asMap().putIfAbsent(key, mine);
        if (known != null) {
            try {
                return known.join();
            } catch (CompletionException | CancellationException failed) {
                return count.getAsLong();
            }
        }
        try {
            long fresh = count.getAsLong();
            mine.complete(fresh);
            return fresh;
        } catch (RuntimeException | Error e) {
            counts.asMap().remove(key, mine);
            mine.completeExceptionally(e);
            throw e;
        }
    }

    // Identifiers are quoted, so a function call is the only place these names meet a '('.
    private static boolean deterministic(String sql) {
        String lower = sql.toLowerCase(Locale.ROOT);
        return !lower.contains("random(") && !lower.contains("strftime(") && !lower.contains("date(")
                && !lower.contains("time(") && !lower.contains("julianday(") && !lower.contains("now(");
    }
}
