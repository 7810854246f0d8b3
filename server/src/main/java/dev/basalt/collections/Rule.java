package dev.basalt.collections;

/**
 * An API rule as PocketBase has it: {@code null} on the wire is superusers-only, {@code ""} is
 * everyone, anything else is a filter expression a record must match.
 */
public sealed interface Rule {

    record SuperusersOnly() implements Rule {}

    record Everyone() implements Rule {}

    record Filter(String expression) implements Rule {
        public Filter {
            if (expression == null || expression.isBlank()) {
                throw new IllegalArgumentException("a filter rule needs an expression");
            }
        }
    }

    Rule SUPERUSERS_ONLY = new SuperusersOnly();
    Rule EVERYONE = new Everyone();

    /** The rule for a wire value: {@code null}, {@code ""} or an expression. */
    static Rule of(String wire) {
        if (wire == null) {
            return SUPERUSERS_ONLY;
        }
        return wire.isBlank() ? EVERYONE : new Filter(wire);
    }

    /** The wire value of this rule. */
    default String wire() {
        return switch (this) {
            case SuperusersOnly s -> null;
            case Everyone e -> "";
            case Filter f -> f.expression();
        };
    }
}
