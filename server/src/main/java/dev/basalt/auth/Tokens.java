package dev.basalt.auth;

import dev.basalt.records.Record;
import java.util.Optional;

/** Issues and verifies the JWTs of auth records. */
public final class Tokens {

    /** The auth record a valid {@code auth} token belongs to; empty for any invalid token. */
    public Optional<Record> verifyAuthToken(String token) {
        return Optional.empty();
    }
}
