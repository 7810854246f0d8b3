package dev.basalt.files;

import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A stored file about to be served: the object, the name it is served under (a thumbnail is
 * {@code <size>_<filename>}) and the content type it is served with.
 *
 * @param contentType the type detected from the content, or the one its extension requires
 */
public record FileDownload(StoredFile file, String name, String contentType) {

    /** Types a browser may show in place; everything else is offered as a download. */
    private static final Set<String> INLINE_TYPES = Set.of(
            "image/png", "image/jpg", "image/jpeg", "image/gif", "image/webp", "image/x-icon", "image/bmp",
            "video/webm", "video/mp4", "video/3gpp", "video/quicktime", "video/x-ms-wmv",
            "audio/basic", "audio/aiff", "audio/mpeg", "audio/midi", "audio/mp3", "audio/wave",
            "audio/wav", "audio/x-wav", "audio/x-mpeg", "audio/x-m4a", "audio/aac",
            "application/pdf", "application/x-pdf");

    // PocketBase compat: these extensions are served with a fixed type whatever the content says,
    // so browsers load them (an SVG is still not inline: it can carry scripts).
    private static final Map<String, String> EXTENSION_TYPES = Map.of(
            ".svg", "image/svg+xml",
            ".css", "text/css",
            ".js", "text/javascript",
            ".mjs", "text/javascript");

    /** The download of {@code file} under {@code name}, its type detected from its leading bytes. */
    public static FileDownload of(StoredFile file, String name) throws IOException {
        return new FileDownload(file, name, servedType(detect(file, name), name));
    }

    /** The type detected from the content of a stored file, e.g. {@code image/png}. */
    public static String detect(StoredFile file, String name) throws IOException {
        return MimeTypes.detect(file.content(), name);
    }

    /** Whether the type is one a browser may display in place ({@code Content-Disposition: inline}). */
    public boolean isInline() {
        return INLINE_TYPES.contains(contentType);
    }

    private static String servedType(String detected, String name) {
        int dot = name.lastIndexOf('.');
        String ext = dot < 0 ? "" : name.substring(dot).toLowerCase(Locale.ROOT);
        return EXTENSION_TYPES.getOrDefault(ext, detected);
    }
}
