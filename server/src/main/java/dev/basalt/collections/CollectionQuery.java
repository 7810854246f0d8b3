package dev.basalt.collections;

/**
 * A list request for collections, with the raw {@code filter} and {@code sort} parameters.
 *
 * @param page 1-based page, already normalised (values below 1 become 1)
 * @param perPage page size, already normalised (1..1000)
 */
public record CollectionQuery(int page, int perPage, boolean skipTotal, String filter, String sort) {

    public CollectionQuery {
        filter = filter == null ? "" : filter;
        sort = sort == null ? "" : sort;
    }
}
