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
     * The local store of this node, or, in cluster mode on a directory no one vouched for, a store
     * that refuses uploads until S3 is on: each node would otherwise keep its own uploads, and a
     * file written through one node would be missing on the others.
     */
    public FileStore localStore(boolean cluster) {
        if (cluster && !shared) {
            return new RefusingFileStore("File storage is not set up for a cluster: enable S3 in the settings,"
                    + " or put " + storageDir + " on a volume every node mounts and start the nodes with"
                    + " --storage-shared (BASALT_STORAGE_SHARED=true).");
        }
        return new LocalFileStore(storageDir);
    }
}
