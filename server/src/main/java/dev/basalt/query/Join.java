package dev.basalt.query;

import org.jooq.Condition;
import org.jooq.Table;

/**
 * A table the main query must LEFT JOIN for an identifier to resolve. {@code table} is already
 * aliased as {@code alias}; joins with the same alias are the same join, so every use of a path in
 * one filter shares one joined row. {@code on} is {@code noCondition()} for an uncorrelated join.
 */
public record Join(String alias, Table<?> table, Condition on) {}
