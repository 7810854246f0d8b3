package dev.basalt.files;

import java.io.IOException;
import java.security.SecureRandom;
import java.util.Locale;
import java.util.regex.Pattern;
import org.apache.tika.mime.MimeTypeException;

/**
 * The name an upload is stored under, PocketBase's way: the client's name reduced to a safe
 * snake_case base and a cleaned extension, with a random suffix so names never collide and cannot
 * be guessed: {@code Photo 1.PNG} becomes {@code photo_1_a1b2c3d4e5.PNG}. The result matches
 * {@code [a-z0-9_]+_[a-z0-9]{10}(\.[\w.*\-+=#]+)?}: no path separators, never a leading dot, at
 * most 131 characters.
 */
public final class FileNames {

    /** PocketBase cuts longer client names before looking at them. */
    static final int MAX_ORIGINAL = 300;
    static final int MAX_BASE = 100;
    static final int MIN_BASE = 3;
    static final int MAX_EXTENSION = 20;
    static final int RANDOM_LENGTH = 10;

    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();
    // Java's \w is ASCII-only by default, as Go's is.
    private static final Pattern EXTENSION_INVALID = Pattern.compile("[^\\w.*\\-+=#]+");
    private static final Pattern WORD_SEPARATORS = Pattern.compile("[\\W_]+");
    private static final Pattern EDGE_DOTS = Pattern.compile("^\\.+|\\.+$");
    private static final String OCTET_STREAM = "application/octet-stream";

    private FileNames() {}

    /** A fresh stored name for an upload; the content decides the extension when the name has none. */
    public static String of(FileUpload upload) throws IOException {
        return of(upload.originalName(), upload.content());
    }

    static String of(String originalName, FileUpload.Content content) throws IOException {
        String name = lastSegment(originalName);
        if (name.length() > MAX_ORIGINAL) {
            name = name.substring(name.length() - MAX_ORIGINAL);
        }
        String extension = extension(name);
        String cleanExtension = "." + trimDots(EXTENSION_INVALID.matcher(extension).replaceAll(""));
        if (cleanExtension.equals(".")) {
            cleanExtension = detectedExtension(content, name);
        }
        if (cleanExtension.length() > MAX_EXTENSION) {
            cleanExtension = "." + trimDots(cleanExtension.substring(cleanExtension.length() - MAX_EXTENSION));
        }
        // A leading dot is dropped: sync tools treat "hidden" files specially.
        String base = snakeCase(trimDots(name.substring(0, name.length() - extension.length())));
        if (base.length() < MIN_BASE) {
            base += random(RANDOM_LENGTH);
        } else if (base.length() > MAX_BASE) {
            base = base.substring(0, MAX_BASE);
        }
        return base + "_" + random(RANDOM_LENGTH) + cleanExtension;
    }

    /**
     * The file name without any directory part, as Go's multipart reader hands PocketBase the
     * submitted name ({@code ../etc/passwd} is {@code passwd}).
     */
    static String lastSegment(String name) {
        String trimmed = name;
        while (trimmed.length() > 1 && trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        int slash = trimmed.lastIndexOf('/');
        return slash < 0 || trimmed.length() == 1 ? trimmed : trimmed.substring(slash + 1);
    }

    /** The extension with its dot, up to two parts ({@code .tar.gz}); empty when there is none. */
    static String extension(String name) {
        int primary = name.lastIndexOf('.');
        if (primary < 0) {
            return "";
        }
        int secondary = name.lastIndexOf('.', primary - 1);
        return secondary >= 0 ? name.substring(secondary) : name.substring(primary);
    }

    /**
     * Lower snake_case of the ASCII words of a name; a capital starts a new word unless it follows
     * another ({@code myTestDB} is {@code my_test_db}). Everything else separates words.
     */
    static String snakeCase(String s) {
        StringBuilder out = new StringBuilder();
        for (String word : WORD_SEPARATORS.split(s)) {
            if (word.isEmpty()) {
                continue;
            }
            if (!out.isEmpty()) {
                out.append('_');
            }
            for (int i = 0; i < word.length(); i++) {
                char c = word.charAt(i);
                if (isUpper(c) && i > 0 && !isUpper(word.charAt(i - 1))) {
                    out.append('_');
                }
                out.append(c);
            }
        }
        return out.toString().toLowerCase(Locale.ROOT);
    }

    private static boolean isUpper(char c) {
        return c >= 'A' && c <= 'Z';
    }

    private static String trimDots(String s) {
        return EDGE_DOTS.matcher(s).replaceAll("");
    }

    /** The usual extension of the detected content type, with its dot; empty for unknown binary content. */
    private static String detectedExtension(FileUpload.Content content, String name) throws IOException {
        String type = MimeTypes.detect(content, name);
        if (type.equals(OCTET_STREAM)) {
            return "";
        }
        try {
            return org.apache.tika.mime.MimeTypes.getDefaultMimeTypes().forName(type).getExtension();
        } catch (MimeTypeException e) {
            return "";
        }
    }

    /** {@code length} random characters of {@code [a-z0-9]}, PocketBase's pseudorandom string alphabet. */
    static String random(int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return out.toString();
    }
}
