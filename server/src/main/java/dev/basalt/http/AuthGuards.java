package dev.basalt.http;

import dev.basalt.collections.SystemCollections;
import dev.basalt.error.ApiException;
import dev.basalt.records.Record;
import io.javalin.http.Context;

/**
 * The auth-gating checks of §1.2, called first thing by the handlers that need them. A missing,
 * tampered, expired or foreign token was already turned into a guest by {@link TokenAuth}, so
 * every such token meets the same 401.
 */
final class AuthGuards {

    static final String UNAUTHORIZED = "The request requires valid record authorization token.";
    static final String NOT_ALLOWED = "The authorized record is not allowed to perform this action.";

    private AuthGuards() {}

    /** Any auth record. */
    static Record requireAuth(Context ctx) {
        Record auth = Requests.auth(ctx);
        if (auth == null) {
            throw ApiException.unauthorized(UNAUTHORIZED);
        }
        return auth;
    }

    /** A record of {@code _superusers}. */
    static Record requireSuperuserAuth(Context ctx) {
        Record auth = requireAuth(ctx);
        if (!SystemCollections.SUPERUSERS.equals(auth.collection().name())) {
            throw ApiException.forbidden(NOT_ALLOWED);
        }
        return auth;
    }

    /**
     * A record of the collection named by the {@code {collection}} path parameter (by id or name),
     * superusers included in that rule.
     */
    static Record requireSameCollectionContextAuth(Context ctx) {
        Record auth = requireAuth(ctx);
        String collection = ctx.pathParam("collection");
        if (!auth.collection().id().equals(collection) && !auth.collection().name().equalsIgnoreCase(collection)) {
            // PocketBase compat: the message names the token's collection, not the requested one.
            throw ApiException.forbidden("The request requires auth record from " + auth.collection().name() + " collection.");
        }
        return auth;
    }
}
