package dev.basalt.records;

import dev.basalt.collections.fields.FileField;
import dev.basalt.error.FieldError;
import dev.basalt.files.FileUpload;
import dev.basalt.files.MimeTypes;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Checks a file field's value on write, in PocketBase's order: required; names that are neither
 * stored already nor new uploads; the count; then each upload's size and detected content type.
 */
final class FileValidator {

    static final long MAX_SIZE_DEFAULT = 5L << 20;
    private static final int MAX_REPORTED_NAME = 250;

    private FileValidator() {}

    /** The effective per-file limit of a field (0 means PocketBase's default of 5 MiB). */
    static long maxSize(FileField f) {
        return f.maxSize() <= 0 ? MAX_SIZE_DEFAULT : f.maxSize();
    }

    /** The effective file count limit of a field (a single file field holds one). */
    static int maxSelect(FileField f) {
        return Math.max(f.maxSelect(), 1);
    }

    /**
     * @param names   the field's value after the write (stored names and names given to new uploads)
     * @param stored  the field's names before the write
     * @param uploads the new uploads of the whole write, by the name given to them
     */
    static Optional<FieldError> check(FileField f, List<String> names, List<String> stored, Map<String, FileUpload> uploads) {
        if (names.isEmpty()) {
            return f.required() ? Optional.of(FieldError.required()) : Optional.empty();
        }
        // PocketBase compat: a client can keep or reorder stored files by name but cannot name a
        // file into the record that is not there.
        List<String> unknown = new ArrayList<>();
        for (String name : names) {
            if (!uploads.containsKey(name) && !stored.contains(name)) {
                unknown.add(name.length() > MAX_REPORTED_NAME ? name.substring(0, MAX_REPORTED_NAME) : name);
            }
        }
        if (!unknown.isEmpty()) {
            return Optional.of(new FieldError("validation_invalid_file",
                    "Invalid new files: [" + String.join(" ", unknown) + "].", Map.of("invalidFiles", unknown)));
        }
        int max = maxSelect(f);
        if (names.size() > max) {
            return Optional.of(new FieldError("validation_too_many_files",
                    "The maximum allowed files is " + max, Map.of("maxSelect", max)));
        }
        for (String name : names) {
            FileUpload upload = uploads.get(name);
            if (upload != null) {
                Optional<FieldError> error = upload(f, name, upload);
                if (error.isPresent()) {
                    return error;
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<FieldError> upload(FileField f, String name, FileUpload upload) {
        long max = maxSize(f);
        if (upload.size() > max) {
            return Optional.of(new FieldError("validation_file_size_limit",
                    "Failed to upload \"" + upload.originalName() + "\" - the maximum allowed file size is " + max + " bytes.",
                    Map.of("file", upload.originalName(), "maxSize", max)));
        }
        if (f.mimeTypes().isEmpty()) {
            return Optional.empty();
        }
        String type;
        try {
            type = MimeTypes.detect(upload.content(), upload.originalName());
        } catch (IOException e) {
            return Optional.of(new FieldError("validation_invalid_mime_type",
                    "Failed to upload \"" + upload.originalName() + "\" due to unsupported file type."));
        }
        for (String allowed : f.mimeTypes()) {
            if (allowed.strip().toLowerCase(Locale.ROOT).equals(type)) {
                return Optional.empty();
            }
        }
        return Optional.of(new FieldError("validation_invalid_mime_type",
                "\"" + name + "\" mime type must be one of: " + String.join(", ", f.mimeTypes()) + "."));
    }
}
