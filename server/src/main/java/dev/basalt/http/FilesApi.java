package dev.basalt.http;

import dev.basalt.auth.TokenType;
import dev.basalt.auth.Tokens;
import dev.basalt.auth.VerifiedToken;
import dev.basalt.files.FileDownload;
import dev.basalt.records.Record;
import dev.basalt.records.RecordFiles;
import dev.basalt.records.RequestInfo;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The files API (API.md §7): downloads (originals and thumbnails) and file tokens. */
final class FilesApi {

    private static final String DOWNLOAD = "/api/files/{collection}/{recordId}/{filename}";

    // strconv.ParseBool's true values, which PocketBase accepts for ?download.
    private static final Set<String> TRUE_VALUES = Set.of("1", "t", "true");

    private final RecordFiles files;
    private final Tokens tokens;
    private final SuperuserIps superuserIps;

    FilesApi(RecordFiles files, Tokens tokens, SuperuserIps superuserIps) {
        this.files = files;
        this.tokens = tokens;
        this.superuserIps = superuserIps;
    }

    void routes(RoutesConfig r) {
        r.post("/api/files/token", this::token);
        r.get(DOWNLOAD, this::download);
        r.head(DOWNLOAD, this::download);
    }

    private void token(Context ctx) {
        Record auth = AuthGuards.requireAuth(ctx);
        Responses.json(ctx, Map.of("token", tokens.issueFileToken(auth)));
    }

    private void download(Context ctx) throws IOException {
        FileDownload download = files.download(ctx.pathParam("collection"), ctx.pathParam("recordId"),
                ctx.pathParam("filename"), queryParam(ctx, "thumb"), fileAccess(ctx));
        String force = queryParam(ctx, "download").toLowerCase(Locale.ROOT);
        FileResponses.send(ctx, download, TRUE_VALUES.contains(force));
    }

    /**
     * The requester a protected file sees: the auth record of the {@code ?token} file token only.
     * A superuser's token from outside the superuser IP allowlist counts for nothing.
     */
    private RequestInfo fileAccess(Context ctx) {
        Record auth = tokens.verify(queryParam(ctx, "token").strip(), TokenType.FILE)
                .map(VerifiedToken::record)
                .filter(record -> superuserIps.allows(ctx, record))
                .orElse(null);
        RequestInfo request = Requests.requestInfo(ctx);
        return new RequestInfo(auth, request.method(), request.query(), request.headers(), Map.of(), request.context());
    }

    private static String queryParam(Context ctx, String name) {
        String value = ctx.queryParam(name);
        return value == null ? "" : value;
    }
}
