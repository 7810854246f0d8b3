package dev.basalt.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LocalFileStoreTest {

    @TempDir
    Path root;

    @Test
    void storesReadsAndReplacesAFile() throws IOException {
        LocalFileStore store = new LocalFileStore(root);
        store.put("c1/r1/a.txt", bytes("first"));
        store.put("c1/r1/a.txt", bytes("second"));

        StoredFile file = store.find("c1/r1/a.txt").orElseThrow();
        assertThat(file.size()).isEqualTo(6);
        try (InputStream in = file.content().open()) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("second");
        }
        assertThat(store.find("c1/r1/missing.txt")).isEmpty();
        assertThat(store.find("c1/r1")).as("a directory is not a file").isEmpty();
    }

    @Test
    void aFailedWriteLeavesNeitherTheFileNorATemporaryOne() throws IOException {
        LocalFileStore store = new LocalFileStore(root);
        InputStream failing = new InputStream() {
            private int left = 1000;

            @Override
            public int read() throws IOException {
                if (left-- <= 0) {
                    throw new IOException("client went away");
                }
                return 'x';
            }
        };
        assertThatThrownBy(() -> store.put("c1/r1/b.bin", failing)).isInstanceOf(IOException.class);
        try (Stream<Path> files = Files.walk(root)) {
            assertThat(files.filter(Files::isRegularFile)).isEmpty();
        }
    }

    @Test
    void deletesOneFileOrAWholePrefix() throws IOException {
        LocalFileStore store = new LocalFileStore(root);
        store.put(FileKeys.file("c1", "r1", "a.png"), bytes("a"));
        store.put(FileKeys.thumb("c1", "r1", "a.png", "100x100"), bytes("t"));
        store.put(FileKeys.file("c1", "r2", "b.png"), bytes("b"));

        store.delete(FileKeys.file("c1", "r2", "b.png"));
        store.delete(FileKeys.file("c1", "r2", "b.png"));
        assertThat(store.find(FileKeys.file("c1", "r2", "b.png"))).isEmpty();

        store.deleteAll(FileKeys.record("c1", "r1"));
        assertThat(store.find(FileKeys.file("c1", "r1", "a.png"))).isEmpty();
        assertThat(store.find(FileKeys.thumb("c1", "r1", "a.png", "100x100"))).isEmpty();
        store.deleteAll(FileKeys.record("c1", "missing"));
    }

    @Test
    void deletesAnEmptyPrefixOnly() throws IOException {
        LocalFileStore store = new LocalFileStore(root);
        store.put(FileKeys.file("c1", "r1", "a.png"), bytes("a"));
        store.deleteIfEmpty(FileKeys.record("c1", "r1"));
        assertThat(store.find(FileKeys.file("c1", "r1", "a.png"))).isPresent();
        store.delete(FileKeys.file("c1", "r1", "a.png"));
        store.deleteIfEmpty(FileKeys.record("c1", "r1"));
        assertThat(root.resolve("c1/r1")).doesNotExist();
        store.deleteIfEmpty(FileKeys.record("c1", "missing"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/etc/passwd", "../x", "c1/../../x", "c1/./x", "c1//x", "c1\\x", "c1/x/", "..", "a\0b"})
    void refusesKeysThatCouldLeaveTheRoot(String key) {
        LocalFileStore store = new LocalFileStore(root.resolve("storage"));
        assertThatThrownBy(() -> store.put(key, bytes("x"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.find(key)).isInstanceOf(IllegalArgumentException.class);
        assertThat(root.resolve("x")).doesNotExist();
    }

    @Test
    void detectsTypesFromContentNotFromTheName() {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
        assertThat(MimeTypes.detect(png, "picture.txt")).isEqualTo("image/png");
        assertThat(MimeTypes.detect("hello".getBytes(StandardCharsets.UTF_8), "notes.txt")).isEqualTo("text/plain");
        assertThat(MimeTypes.detect("%PDF-1.4\n".getBytes(StandardCharsets.UTF_8), "x")).isEqualTo("application/pdf");
    }

    private static InputStream bytes(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }
}
