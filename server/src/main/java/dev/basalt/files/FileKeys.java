package dev.basalt.files;

/**
 * PocketBase's storage key layout: {@code <collectionId>/<recordId>/<filename>} and, for
 * thumbnails, {@code <collectionId>/<recordId>/thumbs_<filename>/<size>_<filename>}.
 */
public final class FileKeys {

    private FileKeys() {}

    /** The prefix holding every file of a collection. */
    public static String collection(String collectionId) {
        return collectionId;
    }

    /** The prefix holding every file (and thumbnail) of a record. */
    public static String record(String collectionId, String recordId) {
        return collectionId + "/" + recordId;
    }

    /** The key of a record's file. */
    public static String file(String collectionId, String recordId, String filename) {
        return record(collectionId, recordId) + "/" + filename;
    }

    /** The prefix holding every thumbnail of one file. */
    public static String thumbs(String collectionId, String recordId, String filename) {
        return record(collectionId, recordId) + "/thumbs_" + filename;
    }

    /** The key of one thumbnail size ({@code 100x100}, {@code 70x50t}, ...) of a file. */
    public static String thumb(String collectionId, String recordId, String filename, String size) {
        return thumbs(collectionId, recordId, filename) + "/" + size + "_" + filename;
    }
}
