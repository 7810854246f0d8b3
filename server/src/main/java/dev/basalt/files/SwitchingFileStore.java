package dev.basalt.files;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store the settings currently ask for: S3 while the supplier gives an {@link S3Config}, the
 * local store otherwise. PocketBase switches storage at runtime when its {@code s3} settings
 * change, so each call asks the supplier (a volatile read of the settings snapshot) and the S3
 * client is rebuilt only when the configuration differs from the one in use; the replaced client
 * is closed.
 *
 * <p>Files are not moved: after a switch, files written to the other store are not found, as in
 * PocketBase.
 */
public final class SwitchingFileStore implements FileStore, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SwitchingFileStore.class);

    private final FileStore local;
    private final Supplier<Optional<S3Config>> s3;
    private final ReentrantLock switching = new ReentrantLock();
    // Written only under the lock, read by every call.
    private volatile S3FileStore active;

    /**
     * @param local where files go while S3 is off
     * @param s3    the S3 configuration in force, empty while S3 is off; asked on every call
     */
    public SwitchingFileStore(FileStore local, Supplier<Optional<S3Config>> s3) {
        this.local = local;
        this.s3 = s3;
    }

    @Override
    public void put(String key, InputStream content) throws IOException {
        current().put(key, content);
    }

    @Override
    public Optional<StoredFile> find(String key) throws IOException {
        return current().find(key);
    }

    @Override
    public void delete(String key) throws IOException {
        current().delete(key);
    }

    @Override
    public void deleteAll(String prefix) throws IOException {
        current().deleteAll(prefix);
    }

    @Override
    public void deleteIfEmpty(String prefix) throws IOException {
        current().deleteIfEmpty(prefix);
    }

    /** The store a call made now goes to. */
    FileStore current() {
        Optional<S3Config> wanted = s3.get();
        S3FileStore in = active;
        return serves(in, wanted) ? (in == null ? local : in) : switchTo(wanted);
    }

    private FileStore switchTo(Optional<S3Config> wanted) {
        switching.lock();
        try {
            S3FileStore old = active;
            if (serves(old, wanted)) {
                return old == null ? local : old; // another call switched first
            }
            active = wanted.map(S3FileStore::new).orElse(null);
            if (wanted.isPresent()) {
                log.info("file storage switched to S3 bucket={} endpoint={}", wanted.get().bucket(),
                        wanted.get().endpoint());
            } else {
                log.info("file storage switched to local disk");
            }
            if (old != null) {
                // The url-connection client pools nothing, so a download still streaming from the
                // old client finishes; calls started from now on go to the new store.
                old.close();
            }
            return active == null ? local : active;
        } finally {
            switching.unlock();
        }
    }

    private static boolean serves(S3FileStore store, Optional<S3Config> wanted) {
        return store == null ? wanted.isEmpty() : wanted.isPresent() && store.config().equals(wanted.get());
    }

    @Override
    public void close() {
        switching.lock();
        try {
            if (active != null) {
                active.close();
                active = null;
            }
        } finally {
            switching.unlock();
        }
    }
}
