package dev.basalt.records;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.basalt.collections.Collection;
import dev.basalt.store.RenderedSql;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.jooq.DSLContext;
import org.jooq.Query;

/**
 * The rendered SQL of list requests, with its bound values, kept while everything it was built from
 * still holds: building a list's query from its rule, filter and sort and rendering it (twice with
 * the total) took about a fifth of a list request's CPU, and the same list is asked for again and
 * again.
 *
 * <p>A list's SQL is a function of the collection (compared by identity: the registry replaces it
 * when it changes), the texts of the rule, filter and sort, whether the requester is a superuser,
 * the page, and of the values the texts read. Kept are only lists whose texts read no request
 * values but those of the signed-in record ({@code @request.auth.*}) and of other collections
 * ({@code @collection.*}): those come from the database, so an entry is keyed by
 * {@link dev.basalt.store.Database#readGeneration()} and ends with the next write; the signed-in
 * record is compared by identity (the token cache hands out the same record object until the next
 * write). Texts with any other {@code @} (request headers, query, body, method and context, the
 * time macros such as {@code @now}, {@code @random}) are built and rendered anew each time.
 */
final class PageQueries {

    /** The SQL of one list: its page and its total, each with the values it binds. */
    record Sql(RenderedSql items, List<Object> itemValues, RenderedSql count, List<Object> countValues) {}

    private final Cache<Key, Sql> known = Caffeine.newBuilder().maximumSize(1_000)
            .expireAfterAccess(Duration.ofMinutes(10)).build();

    /**
     * The key of a list request, or null when its SQL must be built anew (see the class comment),
     * including on PostgreSQL, where other nodes write without this node's generation changing.
     */
    static Key key(long generation, Collection c, String rule, ListRequest request, RequestInfo info) {
        if (generation < 0 || !fromDatabaseOnly(rule) || !fromDatabaseOnly(request.filter())
                || !fromDatabaseOnly(request.sort())) {
            return null;
        }
        return new Key(generation, c, rule, request.filter(), request.sort(), info.isSuperuser(), info.auth(),
                request.page(), request.perPage());
    }

    private static boolean fromDatabaseOnly(String text) {
        for (int at = text.indexOf('@'); at >= 0; at = text.indexOf('@', at + 1)) {
            if (!text.startsWith("@request.auth.", at) && !text.startsWith("@collection.", at)) {
                return false;
            }
        }
        return true;
    }

    Sql find(Key key) {
        return key == null ? null : known.getIfPresent(key);
    }

    /** Renders the two queries once; keeps them under {@code key} unless it is null. */
    Sql render(DSLContext dsl, Key key, Query items, Query count) {
        Sql sql = new Sql(RenderedSql.of(dsl, items), values(dsl, items), RenderedSql.of(dsl, count), values(dsl, count));
        if (key != null) {
            known.put(key, sql);
        }
        return sql;
    }

    private static List<Object> values(DSLContext dsl, Query query) {
        // Not List.copyOf: a filter can bind null.
        return Collections.unmodifiableList(new ArrayList<>(dsl.extractBindValues(query)));
    }

    /** What a list's SQL is built from; collection and signed-in record compared by identity. */
    static final class Key {
        private final long generation;
        private final Collection collection;
        private final String rule;
        private final String filter;
        private final String sort;
        private final boolean superuser;
        private final Record auth;
        private final int page;
        private final int perPage;
        private final int hash;

        private Key(long generation, Collection collection, String rule, String filter, String sort,
                boolean superuser, Record auth, int page, int perPage) {
            this.generation = generation;
            this.collection = collection;
            this.rule = rule;
            this.filter = filter;
            this.sort = sort;
            this.superuser = superuser;
            this.auth = auth;
            this.page = page;
            this.perPage = perPage;
            this.hash = Objects.hash(generation, System.identityHashCode(collection), rule, filter, sort, superuser,
                    System.identityHashCode(auth), page, perPage);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.generation == generation && k.collection == collection && k.auth == auth
                    && k.superuser == superuser && k.page == page && k.perPage == perPage && k.rule.equals(rule)
                    && k.filter.equals(filter) && k.sort.equals(sort);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }
}
