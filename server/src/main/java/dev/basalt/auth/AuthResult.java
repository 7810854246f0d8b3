package dev.basalt.auth;

import dev.basalt.records.Record;
import java.util.Map;

/**
 * A successful authentication: the token, the record it was issued for and, for OAuth2, the
 * provider's user as {@code meta} (empty otherwise: the wire then carries no {@code meta} key).
 */
public record AuthResult(String token, Record record, Map<String, Object> meta) implements AuthOutcome {

    public AuthResult {
        meta = meta == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(meta));
    }

    public AuthResult(String token, Record record) {
        this(token, record, Map.of());
    }
}
