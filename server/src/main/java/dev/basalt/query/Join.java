package dev.basalt.query;

import org.jooq.Condition;
import org.jooq.Table;

/**
 * A table the main query must LEFT JOIN for an identifier to resolve. {@code table} is already
 * aliased as {@code alias}; joins with the same alias are the same join, so every use of a path in
 * one filter shares one joined row. {@code on} is {@code noCondition()} for an uncorrelated join.
 * {@code toOne} promises that the join adds at most one row per row it joins to (a lookup by a
 * unique key), so it cannot repeat rows of the main table; the query then needs no DISTINCT.
 */
public record Join(String alias, Table<?> table, Condition on, boolean toOne) {

    /** A join that may match several rows per row (json_each, back-relations, cross joins). */
    public Join(String alias, Table<?> table, Condition on) {
        this(alias, table, on, false);
    }
}
