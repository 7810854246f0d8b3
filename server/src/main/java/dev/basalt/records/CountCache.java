package dev.basalt.records;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.basalt.store.Database;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;
import org.jooq.Query;

/**
 * The totals of list requests, remembered until the next write: a page of a large collection is
 * cheap to read, but its {@code totalItems} is a count over every matching row. A count is served
 * from here only while {@link Database#readGeneration()} is what it was before the count was read,
 * that is while no write transaction has ended since, so a cached total is exactly what counting
 * again would give. Where the database cannot promise that (PostgreSQL, inside a transaction) every
 * count runs.
 */
final class CountCache {

    private record Key(String sql, List<Object> binds) {}

    private record Entry(long generation, long count) {}

    private final Database db;
    private final Cache<Key, Entry> counts = Caffeine.newBuilder().maximumSize(2_000).build();

    CountCache(Database db) {
        this.db = db;
    }

    /** The result of {@code count}, a query returning one number, from the cache when still exact. */
    long count(Query query, LongSupplier count) {
        long generation = db.readGeneration();
        if (generation < 0) {
            return count.getAsLong();
        }
        String sql = query.getSQL();
        if (!deterministic(sql)) {
            return count.getAsLong();
        }
        Key key = new Key(sql, query.getBindValues());
        Entry cached = counts.getIfPresent(key);
        if (cached != null && cached.generation() == generation) {
            return cached.count();
        }
        long fresh = count.getAsLong();
        counts.put(key, new Entry(generation, fresh));
        return fresh;
    }

    // Identifiers are quoted, so a function call is the only place these names meet a '('.
    private static boolean deterministic(String sql) {
        String lower = sql.toLowerCase(Locale.ROOT);
        return !lower.contains("random(") && !lower.contains("strftime(") && !lower.contains("date(")
                && !lower.contains("time(") && !lower.contains("julianday(") && !lower.contains("now(");
    }
}
