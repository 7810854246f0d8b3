package dev.basalt.auth;

import dev.basalt.records.Record;
import java.time.Instant;

/**
 * A token whose signature, type and expiry checked out, and the record it belongs to.
 *
 * @param refreshable the {@code refreshable} claim of an auth token (false for impersonation tokens
 *                    and for every other type)
 * @param email       the {@code email} claim of verification, password reset and email change tokens, or {@code ""}
 * @param newEmail    the {@code newEmail} claim of an email change token, or {@code ""}
 */
public record VerifiedToken(Record record, TokenType type, boolean refreshable, String email, String newEmail,
        Instant expires) {}
