package dev.basalt.auth;

import dev.basalt.records.Record;

/** A successful authentication: the token and the record it was issued for. */
public record AuthResult(String token, Record record) {}
