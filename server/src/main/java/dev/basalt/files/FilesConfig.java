package dev.basalt.files;

import java.nio.file.Path;

/**
 * Where uploaded files are kept while S3 is off in the settings.
 *
 * @param storageDir the local storage root ({@code <dataDir>/storage}, PocketBase's {@code pb_data/storage})
 * @param shared     the operator vouches that {@code storageDir} is one volume shared by every node
 *                   (NFS, EFS, ...), so cluster mode may keep files there ({@code --storage-shared})
 */
public record FilesConfig(Path storageDir, boolean shared) {

    public FilesConfig {
        if (storageDir == null) {
            throw new IllegalArgumentException("storageDir is required");
        }
    }

    /** A storage directory of this node alone. */
    public FilesConfig(Path storageDir) {
        this(storageDir, false);
    }

    /** The default layout: {@code storage} under the data directory. */
    public static FilesConfig of(Path dataDir) {
        return new FilesConfig(dataDir.resolve("storage"));
    }

    public FilesConfig withShared(boolean newShared) {
        return new FilesConfig(storageDir, newShared);
    }

    /**
     * Refuses local storage for cluster mode unless it is shared: each node would otherwise keep
     * its own uploads, and a file written through one node would be missing on the others.
     *
     * @param s3Enabled whether the settings store files in S3
     * @throws IllegalArgumentException with a one-line, user-facing message
     */
    public void requireSharedOrS3(boolean s3Enabled) {
        if (!s3Enabled && !shared) {
            throw new IllegalArgumentException("cluster mode needs shared file storage: enable S3 in the settings,"
                    + " or put " + storageDir + " on a volume every node mounts and pass --storage-shared"
                    + " (BASALT_STORAGE_SHARED=true)");
        }
    }
}
