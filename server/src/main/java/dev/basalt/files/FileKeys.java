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

    /**
     * Returns the key when it is safe in every store, else throws: no empty, {@code .} or
     * {@code ..} segments (so no leading or trailing {@code /}), no backslash and no NUL. A local
     * key could otherwise escape the storage root; an S3 key would name an object no local
     * store could hold, so a switch of stores would strand it.
     *
     * @throws IllegalArgumentException naming the key
     */
    static String requireValid(String key) {
        if (key == null || key.isEmpty() || key.indexOf('\\') >= 0 || key.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("invalid storage key \"" + key + "\"");
        }
        for (String segment : key.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw new IllegalArgumentException("invalid storage key \"" + key + "\"");
            }
        }
        return key;
    }
}
