package dev.basalt.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.basalt.error.ApiException;
import dev.basalt.realtime.RecordRenderer;
import dev.basalt.records.ExpandedRecord;
import dev.basalt.records.Expander;
import dev.basalt.records.Record;
import dev.basalt.records.RecordService;
import dev.basalt.records.RequestInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The record JSON of realtime events: exactly what the records API would answer the subscriber. */
public final class RealtimeRecordJson implements RecordRenderer {

    private static final Logger log = LoggerFactory.getLogger(RealtimeRecordJson.class);

    private final RecordService records;
    private final Expander expander;

    public RealtimeRecordJson(RecordService records, Expander expander) {
        this.records = records;
        this.expander = expander;
    }

    @Override
    public String render(Record record, RequestInfo viewer, String expand, String fields) {
        ExpandedRecord expanded = expander.expand(List.of(record), expand, viewer).getFirst();
        List<Record> all = new ArrayList<>();
        RecordsApi.collect(expanded, all);
        Predicate<Record> manages = records.managed(all, viewer);
        JsonNode json = Json.MAPPER.valueToTree(RecordJson.of(expanded, viewer, manages));
        if (!fields.isBlank()) {
            try {
                json = FieldsProjection.parse(fields).apply(json);
            } catch (ApiException e) {
                // PocketBase compat: a malformed fields option sends the whole record.
                log.debug("realtime fields option ignored fields={}: {}", fields, e.getMessage());
            }
        }
        try {
            return Json.MAPPER.writeValueAsString(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise record " + record.id(), e);
        }
    }
}
