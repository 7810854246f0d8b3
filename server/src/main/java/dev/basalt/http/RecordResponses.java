package dev.basalt.http;

import dev.basalt.records.ExpandedRecord;
import dev.basalt.records.Expander;
import dev.basalt.records.Record;
import dev.basalt.records.RecordService;
import dev.basalt.records.RequestInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Records as response bodies: expanded as the {@code expand} parameter asks, then serialised by
 * {@link RecordJson} for the requester, the {@code email} of auth records shown by their
 * collection's manageRule. Shared by the records API and the batch API, so a record reads the same
 * from both.
 */
final class RecordResponses {

    private final RecordService records;
    private final Expander expander;

    RecordResponses(RecordService records, Expander expander) {
        this.records = records;
        this.expander = expander;
    }

    /**
     * The wire form of the records, in order.
     *
     * @param expand the raw {@code expand} parameter, null or blank for none
     */
    List<Map<String, Object>> render(List<Record> items, String expand, RequestInfo info) {
        List<ExpandedRecord> expanded = expander.expand(items, expand, info);
        List<Record> all = new ArrayList<>();
        expanded.forEach(e -> collect(e, all));
        // One manageRule query per auth collection on the page, not one per record.
        Predicate<Record> manages = records.managed(all, info);
        return expanded.stream().map(e -> RecordJson.of(e, info, manages)).toList();
    }

    /** The record and every record expanded under it, for the email visibility of auth records. */
    private static void collect(ExpandedRecord e, List<Record> out) {
        out.add(e.record());
        for (Object value : e.expand().values()) {
            if (value instanceof ExpandedRecord one) {
                collect(one, out);
            } else if (value instanceof List<?> many) {
                many.forEach(item -> collect((ExpandedRecord) item, out));
            }
        }
    }
}
