package dev.basalt.records;

import java.util.List;
import org.jooq.Condition;
import org.jooq.SortField;
import org.jooq.Table;

/**
 * The SQL shape of a filtered, sorted read of one collection: the collection's table (named after
 * the collection, unaliased) joined with whatever the filter and sort paths need, the condition and
 * the order. When {@code distinct} is set the joins can multiply rows, so callers select
 * {@code DISTINCT} main-table columns and count {@code DISTINCT id}.
 */
public record SearchQuery(Table<?> from, Condition where, List<SortField<?>> orderBy, boolean distinct) {

    public SearchQuery {
        orderBy = List.copyOf(orderBy);
    }
}
