/**
 * Uploaded and stored files: the {@link dev.basalt.files.FileStore} seam (local disk now,
 * S3-compatible storage later), the storage key layout, content type detection, thumbnails and
 * file names. Knows nothing of HTTP; {@code records} uses it to store a record's files.
 */
package dev.basalt.files;
