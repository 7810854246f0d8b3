package dev.basalt.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.basalt.collections.Collection;
import dev.basalt.collections.CollectionService;
import dev.basalt.collections.CollectionType;
import dev.basalt.collections.Rule;
import dev.basalt.collections.fields.FileField;
import dev.basalt.records.Record;
import dev.basalt.records.RecordRepository;
import dev.basalt.settings.Settings;
import dev.basalt.testing.Scenario;
import dev.basalt.testing.TestServer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Downloads (API.md §7.2, §10 scenarios 39 and 40): lookup, headers, protected files; file tokens (38). */
class FilesApiTest {

    static TestServer server;
    static Collection pub;
    static TestServer.AuthRecord owner;
    static TestServer.AuthRecord stranger;

    static final byte[] TEXT = "just some notes\n".getBytes(StandardCharsets.UTF_8);
    static final byte[] SVG = "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>"
            .getBytes(StandardCharsets.UTF_8);
    static final byte[] PDF = "%PDF-1.4\n%\u00e2\u00e3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n".getBytes(StandardCharsets.ISO_8859_1);

    @BeforeAll
    static void start() {
        server = TestServer.start();
        owner = server.createAuthRecord("users", "owner@example.com", "1234567890");
        stranger = server.createAuthRecord("users", "stranger@example.com", "1234567890");

        pub = FilesFixtures.createPublic(server, "files_public", "");
        FilesFixtures.insert(server, pub, "pub000000000001", Map.of("doc", "tall.png",
                "gallery", List.of("notes.txt", "drawing.svg", "doc.pdf", "ghost.png")));
        FilesFixtures.put(server, pub, "pub000000000001", "tall.png", FilesFixtures.bands(100, 300, "png"));
        FilesFixtures.put(server, pub, "pub000000000001", "notes.txt", TEXT);
        FilesFixtures.put(server, pub, "pub000000000001", "drawing.svg", SVG);
        FilesFixtures.put(server, pub, "pub000000000001", "doc.pdf", PDF);
        FilesFixtures.insert(server, pub, "pub000000000002", Map.of("doc", "other.png"));
        FilesFixtures.put(server, pub, "pub000000000002", "other.png", FilesFixtures.bands(10, 10, "png"));
        // Stored names that would leave the record's directory: never served.
        FilesFixtures.insert(server, pub, "pub000000000003", Map.of("gallery", List.of("../../../data.db", "..")));

        Collection locked = FilesFixtures.createPublic(server, "files_locked", null);
        FilesFixtures.insert(server, locked, "lock00000000001", Map.of("doc", "open.txt"));
        FilesFixtures.put(server, locked, "lock00000000001", "open.txt", TEXT);

        Collection owned = FilesFixtures.createProtected(server, "files_owned", "owner = @request.auth.id");
        FilesFixtures.insert(server, owned, "own000000000001", Map.of("owner", owner.id(), "secret", "secret.txt"));
        FilesFixtures.put(server, owned, "own000000000001", "secret.txt", TEXT);

        Collection superOnly = FilesFixtures.createProtected(server, "files_superusers", null);
        FilesFixtures.insert(server, superOnly, "sup000000000001", Map.of("secret", "secret.txt"));
        FilesFixtures.put(server, superOnly, "sup000000000001", "secret.txt", TEXT);

        Collection view = new Collection("pbc_files_view", "files_view", CollectionType.VIEW, false,
                List.of(CollectionService.idField(), new FileField("file_doc", "doc", false, false, false, false, "", 0, 1,
                        List.of(), List.of(), false)), List.of(),
                Rule.EVERYONE, Rule.EVERYONE, Rule.SUPERUSERS_ONLY, Rule.SUPERUSERS_ONLY, Rule.SUPERUSERS_ONLY,
                Map.of("viewQuery", "SELECT id, doc FROM files_public"), "", "");
        server.basalt().database().transaction(tx -> {
            server.basalt().collections().insert(tx, view);
        });

        Collection context = FilesFixtures.createProtected(server, "files_context", "@request.context = 'protectedFile'");
        FilesFixtures.insert(server, context, "ctx000000000001", Map.of("secret", "secret.txt"));
        FilesFixtures.put(server, context, "ctx000000000001", "secret.txt", TEXT);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static final String PUB = "/api/files/files_public/pub000000000001/";
    private static final String OWNED = "/api/files/files_owned/own000000000001/secret.txt";

    @TestFactory
    List<DynamicTest> fileToken() {
        return Scenario.run(server, List.of(
                Scenario.post("/api/files/token", null)
                        .expect(401, "\"data\":{}")
                        .named("a guest cannot get a file token"),
                Scenario.post("/api/files/token", null).as(() -> owner.token())
                        .expect(200, "\"token\":\"")
                        .named("a user gets a file token"),
                Scenario.post("/api/files/token", null).asSuperuser()
                        .expect(200, "\"token\":\"")
                        .named("a superuser gets a file token"),
                Scenario.post("/api/files/token", null).as(() -> "not-a-token")
                        .expect(401)
                        .named("an invalid auth token is a guest")));
    }

    @Test
    void fileTokenIsOfTypeFileForTheRecord() {
        String token = fileToken(owner.token());
        String payload = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
        assertThat(payload).contains("\"type\":\"file\"", "\"id\":\"" + owner.id() + "\"", "\"exp\":");
    }

    @TestFactory
    List<DynamicTest> lookup() {
        return Scenario.run(server, List.of(
                Scenario.get("/api/files/missing/pub000000000001/tall.png")
                        .expect(404, "\"data\":{}")
                        .named("an unknown collection is a 404"),
                Scenario.get("/api/files/files_public/missing00000001/tall.png")
                        .expect(404, "\"data\":{}")
                        .named("an unknown record is a 404"),
                Scenario.get(PUB + "missing.png")
                        .expect(404, "\"data\":{}")
                        .named("a file name no field holds is a 404"),
                Scenario.get(PUB + "other.png")
                        .expect(404)
                        .named("another record's file is a 404"),
                Scenario.get(PUB + "ghost.png")
                        .expect(404, "\"data\":{}")
                        .named("a file name held by a field but not stored is a 404"),
                Scenario.get(PUB + "tall.png")
                        .expect(200)
                        .expectHeader("Content-Type", "image/png")
                        .named("a stored file is served"),
                Scenario.get("/api/files/" + pub.id() + "/pub000000000001/tall.png")
                        .expect(200)
                        .named("the collection can be named by id"),
                Scenario.get(PUB + "notes.txt")
                        .expect(200, "just some notes")
                        .named("a file of a multiple file field is served"),
                Scenario.get("/api/files/files_locked/lock00000000001/open.txt")
                        .expect(200, "just some notes")
                        .named("a file that is not protected is public, whatever the viewRule"),
                Scenario.get("/api/files/files_view/pub000000000001/tall.png")
                        .expect(404, "\"data\":{}")
                        .named("a view collection's file is a 404 (views have no rows yet)")));
    }

    @TestFactory
    List<DynamicTest> pathTraversal() {
        return Scenario.run(server, List.of(
                Scenario.get(PUB + "..%2F..%2F..%2Fdata.db")
                        .expect(404)
                        .named("encoded slashes in the file name are a 404"),
                Scenario.get("/api/files/files_public/pub000000000003/..%2F..%2F..%2Fdata.db")
                        .expect(404)
                        .named("a stored name leaving the record directory is a 404"),
                Scenario.get("/api/files/files_public/pub000000000003/..%2F..%2F..%2Fdata.db?thumb=100x100")
                        .expect(404)
                        .named("a stored name leaving the record directory is a 404 with a thumb too"),
                Scenario.get("/api/files/files_public/pub000000000003/%2E%2E")
                        .expect(404)
                        .named("a dot-dot file name is a 404"),
                Scenario.get(PUB + "%2E%2E%2Ftall.png")
                        .expect(404)
                        .named("a dot-dot prefix is a 404")));
    }

    @TestFactory
    List<DynamicTest> headers() {
        String csp = "default-src 'none'; media-src 'self'; style-src 'unsafe-inline'; sandbox";
        return Scenario.run(server, List.of(
                Scenario.get(PUB + "tall.png")
                        .expect(200)
                        .expectHeader("Content-Disposition", "inline; filename=tall.png")
                        .expectHeader("Content-Security-Policy", csp)
                        .expectHeader("Cache-Control", "max-age=2592000, stale-while-revalidate=86400")
                        .expectHeader("Accept-Ranges", "bytes")
                        .expectHeaderMatching("Content-Length", "\\d+")
                        .expectHeaderMatching("Last-Modified", ".+ GMT")
                        .expectHeaderMatching("ETag", "\"[0-9a-f]+-[0-9a-f]+\"")
                        .named("an image is inline with PocketBase's headers"),
                Scenario.get(PUB + "tall.png?download=1")
                        .expect(200)
                        .expectHeader("Content-Disposition", "attachment; filename=tall.png")
                        .named("download=1 forces an attachment"),
                Scenario.get(PUB + "tall.png?download=true")
                        .expect(200)
                        .expectHeader("Content-Disposition", "attachment; filename=tall.png")
                        .named("download=true forces an attachment"),
                Scenario.get(PUB + "tall.png?download=0")
                        .expect(200)
                        .expectHeader("Content-Disposition", "inline; filename=tall.png")
                        .named("download=0 keeps an image inline"),
                Scenario.get(PUB + "notes.txt")
                        .expect(200)
                        .expectHeader("Content-Type", "text/plain")
                        .expectHeader("Content-Disposition", "attachment; filename=notes.txt")
                        .named("a text file is an attachment"),
                Scenario.get(PUB + "drawing.svg")
                        .expect(200)
                        .expectHeader("Content-Type", "image/svg+xml")
                        .expectHeader("Content-Disposition", "attachment; filename=drawing.svg")
                        .named("an svg is image/svg+xml and an attachment"),
                Scenario.get(PUB + "doc.pdf")
                        .expect(200)
                        .expectHeader("Content-Type", "application/pdf")
                        .expectHeader("Content-Disposition", "inline; filename=doc.pdf")
                        .named("a pdf is inline"),
                Scenario.request("HEAD", PUB + "notes.txt")
                        .expect(200)
                        .expectHeader("Content-Length", String.valueOf(TEXT.length))
                        .expectHeader("Content-Disposition", "attachment; filename=notes.txt")
                        .named("HEAD answers the headers without the body")));
    }

    @Test
    void filesMayBeFramed() {
        TestServer.Response r = server.get(PUB + "tall.png", null);
        assertThat(r.header("X-Frame-Options")).isNull();
        assertThat(r.header("X-Content-Type-Options")).isEqualTo("nosniff");
    }

    @Test
    void headHasNoBody() {
        TestServer.Response r = server.send("HEAD", PUB + "notes.txt", null, null);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).isEmpty();
    }

    @TestFactory
    List<DynamicTest> protectedFiles() {
        return Scenario.run(server, List.of(
                Scenario.get(OWNED)
                        .expect(404, "\"data\":{}")
                        .named("a protected file without a token is a 404"),
                Scenario.get(OWNED).as(() -> owner.token())
                        .expect(404)
                        .named("the Authorization header does not open a protected file"),
                Scenario.get(OWNED + "?token=" + "x")
                        .expect(404)
                        .named("an invalid token is a 404"),
                Scenario.get(OWNED + "?token=").as(s -> null)
                        .expect(404)
                        .named("an empty token is a 404")));
    }

    @Test
    void ownersFileTokenOpensTheProtectedFile() {
        TestServer.Response r = server.get(OWNED + "?token=" + fileToken(owner.token()), null);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("just some notes\n");
    }

    @Test
    void anotherUsersFileTokenIsA404() {
        assertThat(server.get(OWNED + "?token=" + fileToken(stranger.token()), null).status()).isEqualTo(404);
    }

    @Test
    void anAuthTokenInTheQueryIsA404() {
        assertThat(server.get(OWNED + "?token=" + owner.token(), null).status()).isEqualTo(404);
    }

    @Test
    void anExpiredFileTokenIsA404() throws Exception {
        assertThat(server.get(OWNED + "?token=" + expiredFileToken(owner.id()), null).status()).isEqualTo(404);
    }

    @Test
    void superusersFileTokenOpensAnyProtectedFile() {
        String token = fileToken(server.superuserToken());
        assertThat(server.get(OWNED + "?token=" + token, null).status()).isEqualTo(200);
        assertThat(server.get("/api/files/files_superusers/sup000000000001/secret.txt?token=" + token, null).status())
                .isEqualTo(200);
        assertThat(server.get("/api/files/files_superusers/sup000000000001/secret.txt?token="
                + fileToken(owner.token()), null).status()).isEqualTo(404);
    }

    @Test
    void theViewRuleRunsInTheProtectedFileContext() {
        assertThat(server.get("/api/files/files_context/ctx000000000001/secret.txt", null).status()).isEqualTo(200);
    }

    @Test
    void superusersFileTokenFromOutsideTheAllowlistIsA404() {
        String token = fileToken(server.superuserToken());
        Settings before = server.basalt().settings().current();
        server.basalt().settings().replace(before.withSuperuserIPs(List.of("10.11.12.13")));
        try {
            TestServer.Response r = server.get("/api/files/files_superusers/sup000000000001/secret.txt?token=" + token,
                    null);
            assertThat(r.status()).isEqualTo(404);
        } finally {
            server.basalt().settings().replace(before);
        }
        assertThat(server.get("/api/files/files_superusers/sup000000000001/secret.txt?token=" + token, null).status())
                .isEqualTo(200);
    }

    @Test
    void downloadsAreRateLimitedByTheFileTag() {
        Settings before = server.basalt().settings().current();
        server.basalt().settings().replace(before.withRateLimits(new Settings.RateLimits(true, List.of(),
                List.of(new Settings.RateLimitRule("files_public:file", "", 60, 1)))));
        try {
            assertThat(server.get(PUB + "notes.txt", null).status()).isEqualTo(200);
            TestServer.Response limited = server.get(PUB + "notes.txt", null);
            assertThat(limited.status()).isEqualTo(429);
            assertThat(limited.body()).contains("\"data\":{}");
            assertThat(server.get("/api/files/files_locked/lock00000000001/open.txt", null).status()).isEqualTo(200);
        } finally {
            server.basalt().settings().replace(before);
        }
    }

    static String fileToken(String authToken) {
        TestServer.Response r = server.post("/api/files/token", null, authToken);
        assertThat(r.status()).isEqualTo(200);
        return r.json().get("token").asText();
    }

    /** A file token of the record signed as Basalt signs it, expired a minute ago. */
    @SuppressWarnings("unchecked")
    private static String expiredFileToken(String userId) throws Exception {
        Collection users = server.basalt().collections().view("users");
        Record user = server.basalt().database().read(dsl -> new RecordRepository().findById(dsl, users, userId))
                .orElseThrow();
        String secret = String.valueOf(((Map<String, Object>) users.options().get("fileToken")).get("secret"));
        JWTClaimsSet claims = new JWTClaimsSet.Builder().claim("id", userId).claim("collectionId", users.id())
                .claim("type", "file").expirationTime(Date.from(Instant.now().minusSeconds(60))).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        jwt.sign(new MACSigner((user.getString("tokenKey") + secret).getBytes(StandardCharsets.UTF_8)));
        return jwt.serialize();
    }
}
