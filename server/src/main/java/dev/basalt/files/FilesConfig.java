package dev.basalt.files;

import java.nio.file.Path;

/**
 * Where uploaded files are kept.
 *
 * @param storageDir the local storage root ({@code <dataDir>/storage}, PocketBase's {@code pb_data/storage})
 */
public record FilesConfig(Path storageDir) {

    public FilesConfig {
        if (storageDir == null) {
            throw new IllegalArgumentException("storageDir is required");
        }
    }

    /** The default layout: {@code storage} under the data directory. */
    public static FilesConfig of(Path dataDir) {
        return new FilesConfig(dataDir.resolve("storage"));
    }
}
