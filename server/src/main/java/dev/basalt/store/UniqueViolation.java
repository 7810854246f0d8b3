package dev.basalt.store;

import java.util.List;

/**
 * A write that broke a unique index, as the engine reported it: the columns when it names them,
 * otherwise the index name (SQLite names the index for expression indexes).
 */
public record UniqueViolation(List<String> columns, String index) {

    public UniqueViolation {
        columns = List.copyOf(columns);
        index = index == null ? "" : index;
    }
}
