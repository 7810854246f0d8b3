package dev.basalt.query;

import java.util.Optional;

/** The comparison operators; the {@code ANY_} forms match when at least one value satisfies them. */
public enum Operator {
    EQ("="), NEQ("!="), LIKE("~"), NLIKE("!~"), LT("<"), LTE("<="), GT(">"), GTE(">="),
    ANY_EQ("?="), ANY_NEQ("?!="), ANY_LIKE("?~"), ANY_NLIKE("?!~"),
    ANY_LT("?<"), ANY_LTE("?<="), ANY_GT("?>"), ANY_GTE("?>=");

    private final String sign;

    Operator(String sign) {
        this.sign = sign;
    }

    public String sign() {
        return sign;
    }

    public boolean isAny() {
        return sign.startsWith("?");
    }

    /** The plain operator this one is the any-of form of (itself when plain). */
    public Operator plain() {
        return isAny() ? of(sign.substring(1)).orElseThrow() : this;
    }

    public static Optional<Operator> of(String sign) {
        for (Operator op : values()) {
            if (op.sign.equals(sign)) {
                return Optional.of(op);
            }
        }
        return Optional.empty();
    }
}
