package dev.basalt.files;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Thumbnails of stored images, generated on first request and kept in the {@link FileStore} under
 * {@link FileKeys#thumb}. Concurrent requests for the same missing thumbnail share one generation,
 * and a semaphore bounds how many are rendered at once (decoding is memory- and CPU-heavy).
 */
public final class Thumbnails {

    private static final Logger log = LoggerFactory.getLogger(Thumbnails.class);

    /** The detected types PocketBase makes thumbnails of; anything else is served as it is. */
    private static final Set<String> SOURCE_TYPES = Set.of("image/png", "image/jpg", "image/jpeg", "image/gif",
            "image/webp");

    private static final long MAX_WAIT_SECONDS = 60;

    private final FileStore store;
    private final Semaphore renderers = new Semaphore(Math.max(2, Runtime.getRuntime().availableProcessors()));
    // Generations in progress by thumb key; an entry is removed by the thread that ran it.
    private final ConcurrentHashMap<String, FutureTask<Optional<StoredFile>>> pending = new ConcurrentHashMap<>();

    public Thumbnails(FileStore store) {
        this.store = store;
    }

    /** Whether a file of this detected content type can have thumbnails. */
    public static boolean isThumbable(String contentType) {
        return SOURCE_TYPES.contains(contentType);
    }

    /**
     * The thumbnail of {@code original} at {@code thumbKey}, rendered and stored first when it is
     * missing. Empty when it cannot be made (undecodable or oversized image, store failure, too
     * long a wait): the caller serves the original then.
     *
     * @param filename the original's file name, whose extension picks the output format
     */
    public Optional<StoredFile> thumbnail(StoredFile original, String thumbKey, ThumbSize size, String filename) {
        try {
            Optional<StoredFile> stored = store.find(thumbKey);
            if (stored.isPresent()) {
                return stored;
            }
        } catch (IOException e) {
            log.warn("thumb lookup failed key={}", thumbKey, e);
            return Optional.empty();
        }
        FutureTask<Optional<StoredFile>> task = new FutureTask<>(() -> generate(original, thumbKey, size, filename));
        FutureTask<Optional<StoredFile>> running = pending.putIfAbsent(thumbKey, task);
        if (running == null) {
            try {
                task.run();
            } finally {
                pending.remove(thumbKey, task);
            }
            running = task;
        }
        try {
            return running.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (ExecutionException e) {
            log.warn("thumb generation failed key={}", thumbKey, e.getCause());
            return Optional.empty();
        }
    }

    private Optional<StoredFile> generate(StoredFile original, String thumbKey, ThumbSize size, String filename)
            throws IOException, InterruptedException {
        // A generation that finished between our lookup and taking the slot already stored it.
        Optional<StoredFile> stored = store.find(thumbKey);
        if (stored.isPresent()) {
            return stored;
        }
        if (!renderers.tryAcquire(MAX_WAIT_SECONDS, TimeUnit.SECONDS)) {
            log.warn("thumb generation skipped, too many in progress key={}", thumbKey);
            return Optional.empty();
        }
        byte[] bytes;
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ThumbImages.render(original.content(), size, filename, out);
            bytes = out.toByteArray();
        } catch (IOException | RuntimeException e) {
            // PocketBase compat: a thumbnail that cannot be made falls back to the original.
            log.warn("thumb not created, serving the original key={} reason={}", thumbKey, e.toString());
            return Optional.empty();
        } finally {
            renderers.release();
        }
        store.put(thumbKey, new ByteArrayInputStream(bytes));
        log.debug("thumb created key={} bytes={}", thumbKey, bytes.length);
        return store.find(thumbKey);
    }
}
