package dev.basalt.files;

import dev.basalt.error.ApiException;
import java.io.InputStream;
import java.util.Optional;

/**
 * The file store of a cluster node while S3 is off and its local disk is not a volume every node
 * shares: uploads are refused with a message saying what to configure (a file written to one
 * node's disk would be missing on the others), reads find nothing and deletes have nothing to do.
 */
public final class RefusingFileStore implements FileStore {

    private final String reason;

    public RefusingFileStore(String reason) {
        this.reason = reason;
    }

    @Override
    public void put(String key, InputStream content) {
        throw ApiException.badRequest(reason);
    }

    @Override
    public Optional<StoredFile> find(String key) {
        return Optional.empty();
    }

    @Override
    public void delete(String key) {}

    @Override
    public void deleteAll(String prefix) {}
}
