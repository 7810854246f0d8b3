package dev.basalt.files;

import static org.assertj.core.api.Assertions.assertThat;

import dev.basalt.testing.S3Mock;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link SwitchingFileStore} follows the S3 configuration it is given, call by call. */
class SwitchingFileStoreTest {

    static S3Mock s3;
    static String first;
    static String second;

    @TempDir
    Path root;

    @BeforeAll
    static void start() {
        s3 = S3Mock.shared();
        first = s3.createBucket("switching-first");
        second = s3.createBucket("switching-second");
    }

    @Test
    void writesLocallyWhileS3IsOffAndToTheBucketOnceItIsOn() throws IOException {
        AtomicReference<Optional<S3Config>> settings = new AtomicReference<>(Optional.empty());
        try (SwitchingFileStore store = new SwitchingFileStore(new LocalFileStore(root), settings::get)) {
            store.put("c1/r1/local.txt", bytes("local"));
            assertThat(root.resolve("c1/r1/local.txt")).exists();

            settings.set(Optional.of(s3.config(first)));
            store.put("c1/r1/remote.txt", bytes("remote"));

            assertThat(s3.keys(first, "c1/")).containsExactly("c1/r1/remote.txt");
            assertThat(root.resolve("c1/r1/remote.txt")).doesNotExist();
            assertThat(store.find("c1/r1/local.txt")).as("files are not moved between stores").isEmpty();
            assertThat(read(store.find("c1/r1/remote.txt").orElseThrow())).isEqualTo("remote");

            settings.set(Optional.empty());
            assertThat(store.current()).isInstanceOf(LocalFileStore.class);
            assertThat(read(store.find("c1/r1/local.txt").orElseThrow())).isEqualTo("local");
        }
    }

    @Test
    void keepsOneClientWhileTheConfigurationStaysAndBuildsANewOneWhenItChanges() throws IOException {
        AtomicReference<Optional<S3Config>> settings = new AtomicReference<>(Optional.of(s3.config(first)));
        try (SwitchingFileStore store = new SwitchingFileStore(new LocalFileStore(root), settings::get)) {
            FileStore a = store.current();
            settings.set(Optional.of(s3.config(first)));
            assertThat(store.current()).as("an equal configuration keeps the client").isSameAs(a);

            settings.set(Optional.of(s3.config(second)));
            store.put("c2/r1/b.txt", bytes("b"));
            assertThat(store.current()).isNotSameAs(a);
            assertThat(s3.keys(second, "c2/")).containsExactly("c2/r1/b.txt");
            assertThat(s3.keys(first, "c2/")).isEmpty();
        }
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
