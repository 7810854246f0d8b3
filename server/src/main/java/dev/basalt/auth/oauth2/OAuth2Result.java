package dev.basalt.auth.oauth2;

import dev.basalt.records.Record;
import java.util.Map;

/**
 * A successful OAuth2 sign-in: the auth token, the record and the {@code meta} of the auth
 * response (the provider user, {@code isNew}).
 */
public record OAuth2Result(String token, Record record, Map<String, Object> meta) {

    @Override
    public String toString() {
        return "OAuth2Result[record=" + record.id() + "]";
    }
}
