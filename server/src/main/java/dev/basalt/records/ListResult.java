package dev.basalt.records;

import java.util.List;

/**
 * One page of records. {@code totalItems} and {@code totalPages} are -1 when the request skipped
 * the count.
 */
public record ListResult(int page, int perPage, long totalItems, long totalPages, List<Record> items) {

    public ListResult {
        items = List.copyOf(items);
    }
}
