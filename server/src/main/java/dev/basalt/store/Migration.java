package dev.basalt.store;

/**
 * One step of the system schema. Steps are listed explicitly in the order they run and are never
 * edited once released: a change is a new step.
 */
public interface Migration {

    /** Stable id recorded in {@code _migrations}, e.g. {@code 0001_system_tables}. */
    String id();

    void apply(Tx tx);
}
