package dev.basalt.auth;

/**
 * How an authentication attempt ends once its method has identified the record: authenticated, or
 * a second factor is required first.
 */
public sealed interface AuthOutcome permits AuthResult, MfaRequired {}
