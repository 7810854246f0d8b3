package dev.basalt.files;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A file a client submitted (a multipart part), not stored yet. Its content can be opened more
 * than once: to sniff the content type, then to copy it into the {@link FileStore}.
 *
 * @param originalName the file name the client sent, unsanitised (never use it as a path)
 * @param size         the content length in bytes
 * @param content      opens the content from the start
 */
public record FileUpload(String originalName, long size, Content content) {

    /** Opens the upload's bytes from the start; each call returns a new stream. */
    @FunctionalInterface
    public interface Content {
        InputStream open() throws IOException;
    }

    public FileUpload {
        if (originalName == null || content == null) {
            throw new IllegalArgumentException("originalName and content are required");
        }
        if (size < 0) {
            throw new IllegalArgumentException("size must not be negative, got " + size);
        }
    }

    /** An upload held in memory (tests, small generated files). */
    public static FileUpload of(String originalName, byte[] bytes) {
        byte[] copy = bytes.clone();
        return new FileUpload(originalName, copy.length, () -> new ByteArrayInputStream(copy));
    }

    @Override
    public String toString() {
        return "FileUpload[" + originalName + ", " + size + " bytes]";
    }
}
