package dev.basalt.records;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.basalt.collections.Collection;
import dev.basalt.store.Database;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.Locale;
import java.util.Objects;
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

    // A total belongs to the database state it was counted in: a key of an older generation is
    // never asked for again and ages out.
    private record Key(long generation, Object query, List<Object> binds) {}

    /**
     * A list request whose total is a function of its texts alone, so the texts stand for the
     * count query and it need not be rendered to look the total up. That holds when nothing in
     * them reaches beyond the collection's own columns or asks for a value of the moment: no
     * {@code @} (request values, macros such as {@code @now}, {@code @collection}, {@code @random}),
     * no {@code .} (relation paths, whose joined listRules may read the request) and no
     * {@code strftime}. The collection is compared by identity: the registry replaces it when it
     * changes.
     */
    static final class Shape {
        private final Collection collection;
        private final String rule;
        private final String filter;
        private final String sort;
        private final boolean superuser;
        private final boolean distinct;
        private final int hash;

        private Shape(Collection collection, String rule, String filter, String sort, boolean superuser,
                boolean distinct) {
            this.collection = collection;
            this.rule = rule;
            this.filter = filter;
            this.sort = sort;
            this.superuser = superuser;
            this.distinct = distinct;
            this.hash = Objects.hash(System.identityHashCode(collection), rule, filter, sort, superuser, distinct);
        }

        /** The shape of a list request, or null when its total must be keyed by its rendered SQL. */
        static Shape of(Collection collection, String rule, String filter, String sort, boolean superuser,
                boolean distinct) {
            if (!selfContained(rule) || !selfContained(filter) || !selfContained(sort)) {
                return null;
            }
            return new Shape(collection, rule, filter, sort, superuser, distinct);
        }

        private static boolean selfContained(String text) {
            return text.indexOf('@') < 0 && text.indexOf('.') < 0 && !text.toLowerCase(Locale.ROOT).contains("strftime");
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Shape s && s.collection == collection && s.superuser == superuser
                    && s.distinct == distinct && s.rule.equals(rule) && s.filter.equals(filter) && s.sort.equals(sort);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    private final Database db;
    private final Cache<Key, CompletableFuture<Long>> counts = Caffeine.newBuilder().maximumSize(2_000)
            .expireAfterAccess(Duration.ofMinutes(10)).build();

    CountCache(Database db) {
        this.db = db;
    }

    /**
     * The result of {@code count}, a query returning one number, from the cache when still exact.
     *
     * @param shape what {@code query} was built from when that determines it ({@link Shape#of}), or
     *              null to key the count by the query's SQL and bind values
     */
    long count(Shape shape, Query query, LongSupplier count) {
        long generation = db.readGeneration();
        if (generation < 0) {
            return count.getAsLong();
        }
        Key key;
        if (shape != null) {
            key = new Key(generation, shape, List.of());
        } else {
            String sql = query.getSQL();
            if (!deterministic(sql)) {
                return count.getAsLong();
            }
            key = new Key(generation, sql, query.getBindValues());
        }
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
