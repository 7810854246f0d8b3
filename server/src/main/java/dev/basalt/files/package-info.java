/**
 * Uploaded and stored files: the {@link dev.basalt.files.FileStore} seam (local disk, an
 * S3-compatible bucket, and a store that switches between the two as a supplied configuration
 * says), the storage key layout, content type detection, thumbnails and file names. Knows nothing
 * of HTTP or settings; {@code records} uses it to store a record's files, {@code app} wires it.
 */
package dev.basalt.files;
