package dev.basalt.files;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import org.apache.tika.Tika;

/**
 * Content type detection from a file's leading bytes (its magic numbers), with the file name as
 * a hint where the bytes do not decide (text formats), through Apache Tika's detector. PocketBase
 * validates a file field's {@code mimeTypes} against the detected type, never the one the client
 * claims.
 */
public final class MimeTypes {

    /** Enough for every magic number Tika's default detector reads. */
    private static final int HEAD_BYTES = 64 * 1024;

    private static final Tika TIKA = new Tika();

    private MimeTypes() {}

    /** The detected type of the content, without parameters, e.g. {@code image/png}. */
    public static String detect(FileUpload.Content content, String filename) throws IOException {
        byte[] head;
        try (InputStream in = content.open()) {
            head = in.readNBytes(HEAD_BYTES);
        }
        return detect(head, filename);
    }

    /** As {@link #detect(FileUpload.Content, String)}, from bytes already read. */
    public static String detect(byte[] head, String filename) {
        String type = TIKA.detect(head, filename);
        int semicolon = type.indexOf(';');
        return (semicolon < 0 ? type : type.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
    }
}
