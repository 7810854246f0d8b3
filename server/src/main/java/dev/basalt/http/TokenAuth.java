package dev.basalt.http;

import dev.basalt.auth.Tokens;
import io.javalin.http.Context;

/**
 * Resolves the {@code Authorization} header (raw JWT or {@code Bearer <jwt>}) to an auth record.
 * An absent, malformed, expired or wrongly signed token is never an error by itself: the request
 * continues as a guest and the endpoint decides.
 */
final class TokenAuth {

    private final Tokens tokens;

    TokenAuth(Tokens tokens) {
        this.tokens = tokens;
    }

    void resolve(Context ctx) {
        String token = rawToken(ctx);
        if (token.isEmpty()) {
            return;
        }
        tokens.verifyAuthToken(token).ifPresent(verified -> {
            ctx.attribute(Requests.AUTH_ATTRIBUTE, verified.record());
            ctx.attribute(Requests.TOKEN_ATTRIBUTE, verified);
        });
    }

    /** The token of the {@code Authorization} header without any {@code Bearer } prefix, or {@code ""}. */
    static String rawToken(Context ctx) {
        String header = ctx.header("Authorization");
        if (header == null || header.isBlank()) {
            return "";
        }
        String token = header.strip();
        if (token.regionMatches(true, 0, "Bearer ", 0, 7)) {
            token = token.substring(7).strip();
        }
        return token;
    }
}
