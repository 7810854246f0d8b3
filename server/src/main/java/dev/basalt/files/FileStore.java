package dev.basalt.files;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * Where files live, by key ({@link FileKeys}). Writes are atomic: a reader sees the whole file
 * or none of it. Keys are validated by the store (no {@code ..}, no absolute paths), so a bad
 * key fails instead of escaping the storage root.
 */
public interface FileStore {

    /** Writes the content under the key, replacing any file there. */
    void put(String key, InputStream content) throws IOException;

    /** The file under the key, if there is one. */
    Optional<StoredFile> find(String key) throws IOException;

    /** Deletes the file under the key; a missing file is no error. */
    void delete(String key) throws IOException;

    /** Deletes every file whose key starts with {@code prefix + "/"} (a record's or collection's files). */
    void deleteAll(String prefix) throws IOException;

    /**
     * Removes what is left of a prefix that holds no file any more (an empty directory); a prefix
     * that still holds files is left alone. Stores without directories have nothing to do.
     */
    default void deleteIfEmpty(String prefix) throws IOException {}
}
