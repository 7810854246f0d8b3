package dev.basalt.realtime;

import dev.basalt.records.Record;
import dev.basalt.records.RequestInfo;

/**
 * The record JSON of the REST API (hidden fields, email visibility, expand, fields), which the
 * HTTP layer owns; realtime events carry exactly what a GET of the record would show the client.
 */
public interface RecordRenderer {

    /**
     * The JSON text of {@code record} as {@code viewer} sees it.
     *
     * @param expand the subscription's {@code expand} option, blank for none
     * @param fields the subscription's {@code fields} option, blank for all
     */
    String render(Record record, RequestInfo viewer, String expand, String fields);
}
