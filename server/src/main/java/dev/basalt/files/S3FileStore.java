package dev.basalt.files;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Files as objects in an S3-compatible bucket (AWS S3, MinIO, R2, ...), keyed by the
 * {@link FileKeys} layout as PocketBase keys them. A PutObject replaces an object atomically, so
 * readers see the old file or the new one, never a part. Buckets have no directories, so
 * {@link #deleteIfEmpty} has nothing to do.
 *
 * <p>The client is built once per store and must be {@link #close() closed}; SDK errors surface as
 * {@link IOException}s naming the key (the secret is never part of a message).
 */
public final class S3FileStore implements FileStore, AutoCloseable {

    /** Uploads up to this size are sent from memory; larger ones spill to a temporary file. */
    static final int MEMORY_UPLOAD_BYTES = 1 << 20;

    /** The most keys one DeleteObjects call accepts. */
    static final int DELETE_BATCH = 1000;

    private final S3Config config;
    private final S3Client client;

    public S3FileStore(S3Config config) {
        this.config = config;
        this.client = S3Client.builder()
                .endpointOverride(config.endpointUri())
                .region(Region.of(config.region()))
                .forcePathStyle(config.forcePathStyle())
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(config.accessKey(), config.secret())))
                // The SDK's default CRC checksums on every upload are refused by several
                // S3-compatible servers; ask for them only where the API requires one (DeleteObjects).
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(10))
                        .socketTimeout(Duration.ofSeconds(60)))
                .build();
    }

    /** Where this store keeps its objects. */
    S3Config config() {
        return config;
    }

    @Override
    public void put(String key, InputStream content) throws IOException {
        FileKeys.requireValid(key);
        // PutObject needs the length up front: small files are buffered, larger ones go through
        // a temporary file rather than the heap (uploads may be tens of MiB).
        byte[] head = content.readNBytes(MEMORY_UPLOAD_BYTES + 1);
        if (head.length <= MEMORY_UPLOAD_BYTES) {
            send(key, RequestBody.fromBytes(head));
            return;
        }
        Path temp = Files.createTempFile("basalt-s3-", ".upload");
        try {
            try (OutputStream out = Files.newOutputStream(temp)) {
                out.write(head);
                content.transferTo(out);
            }
            send(key, RequestBody.fromFile(temp));
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private void send(String key, RequestBody body) throws IOException {
        try {
            client.putObject(b -> b.bucket(config.bucket()).key(key), body);
        } catch (SdkException e) {
            throw failure("put", key, e);
        }
    }

    @Override
    public Optional<StoredFile> find(String key) throws IOException {
        FileKeys.requireValid(key);
        HeadObjectResponse head;
        try {
            head = client.headObject(b -> b.bucket(config.bucket()).key(key));
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw failure("find", key, e);
        } catch (SdkException e) {
            throw failure("find", key, e);
        }
        String etag = head.eTag();
        // If-Match ties the content to the metadata a download already answered with: an object
        // replaced in between fails the read instead of streaming bytes of another length.
        return Optional.of(new StoredFile(key, head.contentLength(), head.lastModified(), () -> {
            try {
                return client.getObject(b -> b.bucket(config.bucket()).key(key).ifMatch(etag));
            } catch (SdkException e) {
                throw failure("read", key, e);
            }
        }));
    }

    @Override
    public void delete(String key) throws IOException {
        FileKeys.requireValid(key);
        try {
            client.deleteObject(b -> b.bucket(config.bucket()).key(key));
        } catch (SdkException e) {
            throw failure("delete", key, e);
        }
    }

    @Override
    public void deleteAll(String prefix) throws IOException {
        FileKeys.requireValid(prefix);
        // Listed in full before deleting: a continuation token is not guaranteed to survive the
        // deletion of the keys before it on every S3-compatible server.
        List<String> keys = new ArrayList<>();
        try {
            for (S3Object o : client.listObjectsV2Paginator(b -> b.bucket(config.bucket()).prefix(prefix + "/"))
                    .contents()) {
                keys.add(o.key());
            }
            for (int from = 0; from < keys.size(); from += DELETE_BATCH) {
                List<ObjectIdentifier> batch = keys.subList(from, Math.min(keys.size(), from + DELETE_BATCH)).stream()
                        .map(k -> ObjectIdentifier.builder().key(k).build())
                        .toList();
                DeleteObjectsResponse r = client.deleteObjects(b -> b.bucket(config.bucket())
                        .delete(Delete.builder().objects(batch).quiet(true).build()));
                if (r.hasErrors() && !r.errors().isEmpty()) {
                    var first = r.errors().getFirst();
                    throw new IOException("S3 deleteAll failed bucket=" + config.bucket() + " prefix=" + prefix
                            + ": " + r.errors().size() + " keys not deleted, first " + first.key() + " ("
                            + first.code() + " " + first.message() + ")");
                }
            }
        } catch (SdkException e) {
            throw failure("deleteAll", prefix, e);
        }
    }

    /**
     * PocketBase's connection test: writes {@code pb_settings_test_<random>/test.txt} and deletes
     * its prefix again, which needs the put, list and delete permissions the store uses.
     *
     * @throws IOException saying which step failed
     */
    public void check() throws IOException {
        String prefix = "pb_settings_test_" + FileNames.random(5);
        try {
            put(prefix + "/test.txt", new ByteArrayInputStream("test".getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new IOException("failed to upload a test file: " + e.getMessage(), e);
        }
        try {
            deleteAll(prefix);
        } catch (IOException e) {
            throw new IOException("failed to delete a test file: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        client.close();
    }

    private IOException failure(String operation, String key, SdkException e) {
        return new IOException("S3 " + operation + " failed bucket=" + config.bucket() + " key=" + key + ": "
                + e.getMessage(), e);
    }
}
