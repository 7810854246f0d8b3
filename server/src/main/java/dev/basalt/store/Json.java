package dev.basalt.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** JSON texts for the database: what the engine can parse as a document. */
final class Json {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private Json() {}

    /** The value as a JSON document: itself when it is valid JSON text, otherwise a JSON string of its text. */
    static String documentOrString(Object value) {
        String text = value == null ? "" : value.toString();
        try {
            MAPPER.readTree(text);
            if (!text.isBlank()) {
                return text;
            }
        } catch (JsonProcessingException e) {
            // not JSON: quoted below
        }
        try {
            return MAPPER.writeValueAsString(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
