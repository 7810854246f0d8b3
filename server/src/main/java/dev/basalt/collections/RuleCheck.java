package dev.basalt.collections;

import java.util.Optional;
import java.util.function.Function;

/**
 * Checks that an API rule expression compiles against a collection, so a broken rule is refused
 * when the collection is saved ({@code validation_invalid_rule}) instead of failing every request.
 * The filter compiler lives in {@code query}; {@code app} wires it in. Until then
 * {@link #ACCEPT_ALL} accepts every expression.
 */
@FunctionalInterface
public interface RuleCheck {

    /**
     * Why the expression is invalid for the collection, or empty when it compiles.
     *
     * @param collections finds other collections by id or name (for relations and
     *                    {@code @collection.*}), including ones saved in the same import
     */
    Optional<String> problem(Collection collection, String expression, Function<String, Optional<Collection>> collections);

    RuleCheck ACCEPT_ALL = (collection, expression, collections) -> Optional.empty();
}
