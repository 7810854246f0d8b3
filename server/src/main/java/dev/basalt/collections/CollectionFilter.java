package dev.basalt.collections;

import dev.basalt.error.ApiException;
import org.jooq.Condition;
import org.jooq.impl.DSL;

/**
 * Turns the {@code filter} parameter of {@code GET /api/collections} into a condition on the
 * {@code _collections} table, whose filterable columns are {@code id, created, updated, name,
 * system, type} (PocketBase's simple field resolver). The filter language lives in {@code query};
 * {@code app} wires it in. Until then {@link #UNSUPPORTED} accepts only an empty filter.
 */
@FunctionalInterface
public interface CollectionFilter {

    /** The condition for a non-blank filter; throws an {@link ApiException} (400) for an invalid one. */
    Condition compile(String filter);

    CollectionFilter UNSUPPORTED = filter -> {
        if (filter.isBlank()) {
            return DSL.noCondition();
        }
        throw ApiException.badRequest("Filtering collections is not supported yet.");
    };
}
