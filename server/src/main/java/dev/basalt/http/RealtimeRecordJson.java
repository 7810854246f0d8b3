package dev.basalt.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.basalt.error.ApiException;
import dev.basalt.realtime.RecordRenderer;
import dev.basalt.records.Expander;
import dev.basalt.records.Record;
import dev.basalt.records.RecordService;
import dev.basalt.records.RequestInfo;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The record JSON of realtime events: exactly what the records API would answer the subscriber. */
public final class RealtimeRecordJson implements RecordRenderer {

    private static final Logger log = LoggerFactory.getLogger(RealtimeRecordJson.class);

    private final RecordResponses responses;

    public RealtimeRecordJson(RecordService records, Expander expander) {
        this.responses = new RecordResponses(records, expander);
    }

    @Override
    public String render(Record record, RequestInfo viewer, String expand, String fields) {
        JsonNode json = Json.MAPPER.valueToTree(responses.render(List.of(record), expand, viewer).getFirst());
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
