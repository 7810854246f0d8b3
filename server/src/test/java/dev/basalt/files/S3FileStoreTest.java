package dev.basalt.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.basalt.testing.S3Mock;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link S3FileStore} against a real S3-compatible server (S3Mock), one bucket for the class. */
class S3FileStoreTest {

    static S3Mock s3;
    static String bucket;
    static S3FileStore store;

    @BeforeAll
    static void start() {
        s3 = S3Mock.shared();
        bucket = s3.createBucket("s3-file-store-test");
        store = new S3FileStore(s3.config(bucket));
    }

    @AfterAll
    static void stop() {
        store.close();
    }

    @Test
    void storesAndFindsAFileWithItsSizeAndTime() throws IOException {
        Instant before = Instant.now().minusSeconds(5);
        store.put("c1/r1/a.txt", bytes("hello"));

        StoredFile file = store.find("c1/r1/a.txt").orElseThrow();
        assertThat(file.key()).isEqualTo("c1/r1/a.txt");
        assertThat(file.size()).isEqualTo(5);
        assertThat(file.modified()).isBetween(before, Instant.now().plusSeconds(5));
        assertThat(read(file)).isEqualTo("hello");
        assertThat(read(file)).as("the content opens more than once").isEqualTo("hello");
    }

    @Test
    void putReplacesAnObject() throws IOException {
        store.put("c1/r2/a.txt", bytes("first"));
        store.put("c1/r2/a.txt", bytes("second"));
        assertThat(read(store.find("c1/r2/a.txt").orElseThrow())).isEqualTo("second");
        assertThat(s3.keys(bucket, "c1/r2/")).containsExactly("c1/r2/a.txt");
    }

    @Test
    void aLargeUploadArrivesByteForByte() throws IOException {
        byte[] content = new byte[3 * S3FileStore.MEMORY_UPLOAD_BYTES + 17];
        new Random(42).nextBytes(content);
        store.put("c1/r3/big.bin", new ByteArrayInputStream(content));

        StoredFile file = store.find("c1/r3/big.bin").orElseThrow();
        assertThat(file.size()).isEqualTo(content.length);
        try (InputStream in = file.content().open()) {
            assertThat(in.readAllBytes()).isEqualTo(content);
        }
    }

    @Test
    void anUploadOfExactlyTheMemoryLimitAndAnEmptyOneArriveWhole() throws IOException {
        byte[] content = new byte[S3FileStore.MEMORY_UPLOAD_BYTES];
        new Random(7).nextBytes(content);
        store.put("c1/r4/edge.bin", new ByteArrayInputStream(content));
        store.put("c1/r4/empty.txt", new ByteArrayInputStream(new byte[0]));

        try (InputStream in = store.find("c1/r4/edge.bin").orElseThrow().content().open()) {
            assertThat(in.readAllBytes()).isEqualTo(content);
        }
        assertThat(store.find("c1/r4/empty.txt").orElseThrow().size()).isZero();
    }

    @Test
    void aMissingKeyIsEmpty() throws IOException {
        assertThat(store.find("c1/nope/missing.txt")).isEmpty();
    }

    @Test
    void deleteRemovesAnObjectAndAMissingOneIsNoError() throws IOException {
        store.put("c1/r5/a.txt", bytes("a"));
        store.delete("c1/r5/a.txt");
        store.delete("c1/r5/a.txt");
        assertThat(store.find("c1/r5/a.txt")).isEmpty();
    }

    @Test
    void deleteAllRemovesThePrefixAndNothingThatMerelyStartsLikeIt() throws IOException {
        store.put(FileKeys.file("c2", "r1", "a.png"), bytes("a"));
        store.put(FileKeys.thumb("c2", "r1", "a.png", "100x100"), bytes("t"));
        store.put(FileKeys.file("c2", "r10", "b.png"), bytes("b"));

        store.deleteAll(FileKeys.record("c2", "r1"));
        store.deleteAll(FileKeys.record("c2", "missing"));

        assertThat(s3.keys(bucket, "c2/")).containsExactly("c2/r10/b.png");
    }

    @Test
    void deleteAllPagesThroughMoreKeysThanOneListingOrDeleteCallHolds() throws Exception {
        int count = S3FileStore.DELETE_BATCH + 5;
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            List<Future<?>> puts = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String key = FileKeys.file("c3", "r" + (i % 3), "f" + i + ".txt");
                puts.add(pool.submit(() -> {
                    try {
                        store.put(key, bytes("x"));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }));
            }
            for (Future<?> put : puts) {
                put.get();
            }
        }
        store.put("c3x/r0/kept.txt", bytes("k"));
        assertThat(s3.keys(bucket, "c3/")).hasSize(count);

        store.deleteAll(FileKeys.collection("c3"));

        assertThat(s3.keys(bucket, "c3")).containsExactly("c3x/r0/kept.txt");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/etc/passwd", "../x", "c1/../../x", "c1/./x", "c1//x", "c1\\x", "c1/x/", "..", "a\0b"})
    void refusesKeysThatNoStoreCouldHold(String key) {
        assertThatThrownBy(() -> store.put(key, bytes("x"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.find(key)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.delete(key)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.deleteAll(key)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void checkWritesAndRemovesATestFile() throws IOException {
        store.check();
        assertThat(s3.keys(bucket, "pb_settings_test_")).isEmpty();
    }

    @Test
    void checkOfAMissingBucketSaysTheUploadFailed() {
        try (S3FileStore missing = new S3FileStore(s3.config("no-such-bucket"))) {
            assertThatThrownBy(missing::check)
                    .isInstanceOf(IOException.class)
                    .hasMessageStartingWith("failed to upload a test file: S3 put failed bucket=no-such-bucket")
                    .hasMessageNotContaining(S3Mock.SECRET);
        }
    }

    @Test
    void anUnreachableServerFailsAsAnIOException() {
        S3Config closed = new S3Config(bucket, S3Mock.REGION, "http://127.0.0.1:1", S3Mock.ACCESS_KEY,
                S3Mock.SECRET, true);
        try (S3FileStore unreachable = new S3FileStore(closed)) {
            assertThatThrownBy(() -> unreachable.find("c1/r1/a.txt"))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("S3 find failed")
                    .hasMessageNotContaining(S3Mock.SECRET);
        }
    }

    @Test
    void theConfigNeverPrintsItsSecret() {
        assertThat(s3.config(bucket).toString()).doesNotContain(S3Mock.SECRET).contains(bucket);
    }

    private static InputStream bytes(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String read(StoredFile file) throws IOException {
        try (InputStream in = file.content().open()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
