package dev.basalt.records;

import dev.basalt.collections.Collection;
import dev.basalt.collections.Index;
import dev.basalt.error.ApiException;
import dev.basalt.error.FieldError;
import dev.basalt.store.Dialect;
import dev.basalt.store.UniqueViolation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.exception.DataAccessException;

/**
 * Turns a write that breaks one of a collection's unique indexes into field errors
 * ({@code validation_not_unique} on every field of the index) instead of a server error.
 */
final class UniqueIndexes {

    private final Dialect dialect;

    UniqueIndexes(Dialect dialect) {
        this.dialect = dialect;
    }

    /** Runs a write; a unique violation becomes a 400 with {@code message} and field errors. */
    void guard(String message, Collection c, Runnable write) {
        try {
            write.run();
        } catch (DataAccessException e) {
            Optional<UniqueViolation> violation = dialect.uniqueViolation(e);
            if (violation.isEmpty()) {
                throw e;
            }
            Map<String, FieldError> errors = new LinkedHashMap<>();
            for (String column : columns(c, violation.get())) {
                if (c.field(column).isPresent()) {
                    errors.put(column, new FieldError("validation_not_unique", "Value must be unique."));
                }
            }
            throw ApiException.badRequest(message, errors);
        }
    }

    private static List<String> columns(Collection c, UniqueViolation violation) {
        if (!violation.columns().isEmpty()) {
            return violation.columns();
        }
        for (String statement : c.indexes()) {
            Optional<Index> index = Index.parse(statement).filter(i -> i.name().equalsIgnoreCase(violation.index()));
            if (index.isPresent()) {
                return index.get().columns().stream().map(Index.Column::name).toList();
            }
        }
        return List.of();
    }
}
