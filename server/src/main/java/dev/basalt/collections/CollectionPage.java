package dev.basalt.collections;

import java.util.List;

/**
 * One page of collections, as the list envelope carries it; {@code totalItems} and
 * {@code totalPages} are -1 when the count was skipped.
 */
public record CollectionPage(int page, int perPage, int totalItems, int totalPages, List<Collection> items) {

    public CollectionPage {
        items = List.copyOf(items);
    }
}
