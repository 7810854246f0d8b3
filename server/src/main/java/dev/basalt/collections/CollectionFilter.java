package dev.basalt.collections;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;

import dev.basalt.error.ApiException;
import dev.basalt.query.Compiler;
import dev.basalt.query.Filter;
import dev.basalt.query.FilterException;
import dev.basalt.query.Resolved;
import dev.basalt.query.Resolver;
import dev.basalt.store.Dialect;
import java.util.List;
import java.util.Set;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.impl.DSL;

/**
 * Compiles the {@code filter} parameter of {@code GET /api/collections} into a condition on the
 * {@code _collections} table. As in PocketBase, only the plain columns {@code id, created,
 * updated, name, system, type} can be filtered on.
 */
final class CollectionFilter {

    private static final Set<String> COLUMNS = Set.of("id", "created", "updated", "name", "system", "type");

    private final Dialect dialect;

    CollectionFilter(Dialect dialect) {
        this.dialect = dialect;
    }

    /** The condition for the filter ({@code noCondition} for a blank one); 400 for an invalid one. */
    Condition compile(String filter) {
        if (filter == null || filter.isEmpty()) {
            return DSL.noCondition();
        }
        if (!Filter.isWithinClientLimit(filter)) {
            throw ApiException.badRequest("Invalid filter parameters.");
        }
        try {
            return new Compiler(new ColumnResolver()).compile(Filter.parse(filter));
        } catch (FilterException e) {
            throw ApiException.badRequest("Invalid filter parameters.");
        }
    }

    private final class ColumnResolver implements Resolver {

        @Override
        public Resolved resolve(String identifier) {
            if (!COLUMNS.contains(identifier)) {
                throw new FilterException("unknown field \"" + identifier + "\" of collections", 0);
            }
            Class<?> type = identifier.equals("system") ? Boolean.class : String.class;
            return Resolved.column(field(name("_collections", identifier), type));
        }

        @Override
        public Condition like(Field<?> value, Field<?> pattern, boolean negated) {
            return dialect.like(value, pattern, negated);
        }

        @Override
        public Field<?> random() {
            return dialect.random();
        }

        @Override
        public Field<?> rowid() {
            return dialect.rowid("_collections");
        }

        @Override
        public Field<?> strftime(List<Field<?>> args) {
            return dialect.strftime(args);
        }

        @Override
        public Condition compare(org.jooq.Comparator op, Field<?> left, Field<?> right) {
            return dialect.compare(op, left, right);
        }

        @Override
        public Field<?> emptyIfNull(Field<?> value) {
            return dialect.emptyIfNull(value);
        }

        @Override
        public Field<String> text(Field<?> value) {
            return dialect.text(value);
        }

        @Override
        public Field<? extends Number> number(Field<?> value) {
            return dialect.number(value);
        }
    }
}
