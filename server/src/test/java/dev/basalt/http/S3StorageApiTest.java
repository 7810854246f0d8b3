package dev.basalt.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.basalt.collections.Collection;
import dev.basalt.files.FileKeys;
import dev.basalt.testing.Multipart;
import dev.basalt.testing.S3Mock;
import dev.basalt.testing.TestServer;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Record files in S3-compatible storage, switched on through {@code PATCH /api/settings} as an
 * admin would, against a real server (S3Mock); and {@code POST /api/settings/test/s3} (§8.2).
 */
class S3StorageApiTest {

    static final HttpClient CLIENT = HttpClient.newHttpClient();
    static final byte[] TALL = FilesFixtures.bands(100, 300, "png");

    static S3Mock s3;
    static String bucket;
    static TestServer server;
    static Collection docs;
    static TestServer.Response enabled;

    @BeforeAll
    static void start() {
        s3 = S3Mock.shared();
        bucket = s3.createBucket("s3-storage-api-test");
        server = TestServer.start();
        docs = FilesFixtures.createPublic(server, "s3_docs", "");
        enabled = server.patch("/api/settings", s3Settings("s3", true, bucket), server.superuserToken());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void enablingS3AnswersTheSettingsWithoutTheSecret() {
        assertThat(enabled.status()).isEqualTo(200);
        assertThat(enabled.json().path("s3").path("enabled").asBoolean()).isTrue();
        assertThat(enabled.body()).doesNotContain(S3Mock.SECRET);
        assertThat(server.get("/api/settings", server.superuserToken()).body()).doesNotContain(S3Mock.SECRET);
    }

    @Test
    void anUploadLandsInTheBucketDownloadsByteForByteAndGoesWithItsRecord() {
        JsonNode record = create("tall.png", TALL);
        String id = record.path("id").asText();
        String name = record.path("doc").asText();
        String key = FileKeys.file(docs.id(), id, name);
        assertThat(s3.keys(bucket, FileKeys.record(docs.id(), id) + "/")).containsExactly(key);
        assertThat(localStorage().resolve(key)).doesNotExist();

        HttpResponse<byte[]> download = fetch("/api/files/s3_docs/" + id + "/" + name);
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.body()).isEqualTo(TALL);
        assertThat(download.headers().firstValue("Content-Type")).hasValue("image/png");

        HttpResponse<byte[]> thumb = fetch("/api/files/s3_docs/" + id + "/" + name + "?thumb=70x50");
        assertThat(thumb.statusCode()).isEqualTo(200);
        BufferedImage image = decode(thumb.body());
        assertThat(image.getWidth()).isEqualTo(70);
        assertThat(image.getHeight()).isEqualTo(50);
        assertThat(s3.keys(bucket, FileKeys.record(docs.id(), id) + "/"))
                .containsExactlyInAnyOrder(key, FileKeys.thumb(docs.id(), id, name, "70x50"));

        assertThat(server.delete("/api/collections/s3_docs/records/" + id, server.superuserToken()).status())
                .isEqualTo(204);
        assertThat(s3.keys(bucket, FileKeys.record(docs.id(), id) + "/")).isEmpty();
        assertThat(fetch("/api/files/s3_docs/" + id + "/" + name).statusCode()).isEqualTo(404);
    }

    @Test
    void replacingAFileDeletesTheOldObject() {
        JsonNode record = create("first.txt", "first".getBytes());
        String id = record.path("id").asText();
        String oldKey = FileKeys.file(docs.id(), id, record.path("doc").asText());

        TestServer.Response updated = send("PATCH", "/api/collections/s3_docs/records/" + id,
                Multipart.form().file("doc", "second.txt", "second".getBytes()));
        assertThat(updated.status()).isEqualTo(200);

        String newKey = FileKeys.file(docs.id(), id, updated.json().path("doc").asText());
        assertThat(s3.keys(bucket, FileKeys.record(docs.id(), id) + "/")).containsExactly(newKey).doesNotContain(oldKey);
    }

    @Test
    void turningS3OffSendsNewUploadsToTheLocalDiskAtOnce() {
        try {
            assertThat(server.patch("/api/settings", "{\"s3\":{\"enabled\":false}}", server.superuserToken()).status())
                    .isEqualTo(200);
            JsonNode record = create("local.txt", "on disk".getBytes());
            String key = FileKeys.file(docs.id(), record.path("id").asText(), record.path("doc").asText());
            assertThat(localStorage().resolve(key)).exists();
            assertThat(s3.keys(bucket, key)).isEmpty();
        } finally {
            server.patch("/api/settings", "{\"s3\":{\"enabled\":true}}", server.superuserToken());
        }
        JsonNode record = create("remote.txt", "in the bucket".getBytes());
        assertThat(s3.keys(bucket, FileKeys.record(docs.id(), record.path("id").asText()) + "/")).hasSize(1);
    }

    // --- POST /api/settings/test/s3 ---

    @Test
    void testingTheEnabledStorageAnswers204AndLeavesNoTestFile() {
        TestServer.Response r = server.post("/api/settings/test/s3", "{\"filesystem\":\"storage\"}",
                server.superuserToken());
        assertThat(r.status()).isEqualTo(204);
        assertThat(s3.keys(bucket, "pb_settings_test_")).isEmpty();
    }

    @Test
    void testingADisabledFilesystemIsA400() {
        TestServer.Response r = server.post("/api/settings/test/s3", "{\"filesystem\":\"backups\"}",
                server.superuserToken());
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().path("message").asText())
                .isEqualTo("Failed to test the S3 filesystem. Raw error: \nS3 storage filesystem is not enabled.");
    }

    @Test
    void aFailingTestCarriesTheRawErrorButNotTheSecret() {
        try {
            assertThat(server.patch("/api/settings", "{\"backups\":" + s3Settings("s3", true, "no-such-bucket") + "}",
                    server.superuserToken()).status()).isEqualTo(200);
            TestServer.Response r = server.post("/api/settings/test/s3", "{\"filesystem\":\"backups\"}",
                    server.superuserToken());
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.json().path("message").asText())
                    .startsWith("Failed to test the S3 filesystem. Raw error: \nfailed to upload a test file: ")
                    .contains("no-such-bucket")
                    .doesNotContain(S3Mock.SECRET);
        } finally {
            server.patch("/api/settings", "{\"backups\":{\"s3\":{\"enabled\":false}}}", server.superuserToken());
        }
    }

    @Test
    void theFilesystemIsRequiredAndMustBeStorageOrBackups() {
        TestServer.Response missing = server.post("/api/settings/test/s3", "{}", server.superuserToken());
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.body()).contains("\"message\":\"Failed to test the S3 filesystem.\"",
                "\"filesystem\":{\"code\":\"validation_required\"");
        TestServer.Response other = server.post("/api/settings/test/s3", "{\"filesystem\":\"nope\"}",
                server.superuserToken());
        assertThat(other.status()).isEqualTo(400);
        assertThat(other.body()).contains("\"filesystem\":{\"code\":\"validation_in_invalid\"");
    }

    @Test
    void onlySuperusersMayTest() {
        assertThat(server.post("/api/settings/test/s3", "{\"filesystem\":\"storage\"}", null).status()).isEqualTo(401);
        String user = server.createUser("s3-tester@example.com", "1234567890");
        assertThat(server.post("/api/settings/test/s3", "{\"filesystem\":\"storage\"}", user).status()).isEqualTo(403);
    }

    private static String s3Settings(String block, boolean on, String bucketName) {
        return "{\"" + block + "\":{\"enabled\":" + on + ",\"bucket\":\"" + bucketName + "\",\"region\":\"" + S3Mock.REGION
                + "\",\"endpoint\":\"" + s3.endpoint() + "\",\"accessKey\":\"" + S3Mock.ACCESS_KEY + "\",\"secret\":\""
                + S3Mock.SECRET + "\",\"forcePathStyle\":true}}";
    }

    private static JsonNode create(String filename, byte[] content) {
        TestServer.Response r = send("POST", "/api/collections/s3_docs/records",
                Multipart.form().file("doc", filename, content));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    private static Path localStorage() {
        return server.dataDir().resolve("storage");
    }

    private static TestServer.Response send(String method, String path, Multipart form) {
        return server.sendMultipart(method, path, form, server.superuserToken());
    }

    private static HttpResponse<byte[]> fetch(String path) {
        try {
            return CLIENT.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + path)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static BufferedImage decode(byte[] png) {
        try {
            return ImageIO.read(new ByteArrayInputStream(png));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
