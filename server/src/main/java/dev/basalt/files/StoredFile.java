package dev.basalt.files;

import java.time.Instant;

/**
 * A file in the {@link FileStore}: what a download needs to answer headers (length, conditional
 * and range requests) before it streams the content.
 *
 * @param key      the storage key
 * @param size     length in bytes
 * @param modified last modification time
 * @param content  opens the content from the start
 */
public record StoredFile(String key, long size, Instant modified, FileUpload.Content content) {}
