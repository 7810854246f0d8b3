package dev.basalt.query;

import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Table;

/**
 * How to list every value of a multi-valued operand for one row of the main table: {@code SELECT
 * value FROM from WHERE where}, where {@code from} repeats the operand's joins under aliases of its
 * own and {@code where} correlates it with the main table. The compiler uses it for the
 * "no value violates the condition" half of a plain operator ({@code NOT EXISTS}).
 */
public record MultiMatch(Table<?> from, Field<?> value, Condition where) {}
