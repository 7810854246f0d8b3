package dev.basalt.records;

import dev.basalt.collections.Collection;
import dev.basalt.collections.fields.Field;
import dev.basalt.collections.fields.FileField;
import dev.basalt.files.FileKeys;
import dev.basalt.files.FileStore;
import dev.basalt.files.FileUpload;
import dev.basalt.store.Tx;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A record's files in the {@link FileStore}, kept in step with its row: new uploads are written
 * inside the transaction before the row, and deleted again when the write or the (outermost)
 * transaction fails; files a write drops, and all files of a deleted record, are deleted only once
 * the transaction has committed, so a rolled-back write never loses a file.
 */
final class RecordFileStorage {

    private static final Logger log = LoggerFactory.getLogger(RecordFileStorage.class);

    private final FileStore store;

    RecordFileStorage(FileStore store) {
        this.store = store;
    }

    /**
     * Stores the uploads under the record's keys, then runs the row write. If storing or the write
     * fails, or the transaction later rolls back, the stored uploads are deleted.
     */
    void store(Tx tx, Record record, Map<String, FileUpload> uploads, Runnable write) {
        if (uploads.isEmpty()) {
            write.run();
            return;
        }
        List<String> written = new ArrayList<>();
        tx.afterRollback(() -> delete(record, written));
        try {
            for (Map.Entry<String, FileUpload> e : uploads.entrySet()) {
                String key = FileKeys.file(record.collection().id(), record.id(), e.getKey());
                written.add(key);
                try (InputStream in = e.getValue().content().open()) {
                    store.put(key, in);
                }
            }
            write.run();
        } catch (IOException e) {
            delete(record, written);
            throw new UncheckedIOException("cannot store the uploads of record " + record.id(), e);
        } catch (RuntimeException | Error e) {
            // The caller may recover from a failed write and commit its transaction anyway.
            delete(record, written);
            throw e;
        }
    }

    /** After the commit, deletes the files (and their thumbnails) that {@code before} had and {@code after} has not. */
    void deleteDropped(Tx tx, Record before, Record after) {
        Collection c = after.collection();
        List<String> dropped = new ArrayList<>();
        for (Field f : c.fields()) {
            if (f instanceof FileField) {
                dropped.addAll(FieldValues.subtract(FieldValues.uniqueStrings(before.get(f.name())),
                        FieldValues.uniqueStrings(after.get(f.name()))));
            }
        }
        if (dropped.isEmpty()) {
            return;
        }
        tx.afterCommit(() -> {
            for (String name : dropped) {
                try {
                    store.delete(FileKeys.file(c.id(), after.id(), name));
                    store.deleteAll(FileKeys.thumbs(c.id(), after.id(), name));
                } catch (IOException | RuntimeException e) {
                    log.warn("cannot delete a dropped file collection={} record={} file={}", c.id(), after.id(), name, e);
                }
            }
        });
    }

    /** After the commit, deletes every file of a deleted record (its whole key prefix). */
    void deleteAll(Tx tx, Record deleted) {
        String prefix = FileKeys.record(deleted.collection().id(), deleted.id());
        tx.afterCommit(() -> deletePrefix(prefix));
    }

    /** Deletes every file of a collection; called once the collection's delete has committed. */
    void deleteAll(Collection deleted) {
        deletePrefix(FileKeys.collection(deleted.id()));
    }

    private void deletePrefix(String prefix) {
        try {
            store.deleteAll(prefix);
        } catch (IOException | RuntimeException e) {
            log.warn("cannot delete stored files prefix={}", prefix, e);
        }
    }

    /**
     * Deletes the uploads of a failed write, and the record's directory when that leaves it empty
     * (a failed create). Runs under the write lock, so no other write adds to the directory meanwhile.
     */
    private void delete(Record record, List<String> keys) {
        for (String key : keys) {
            try {
                store.delete(key);
            } catch (IOException | RuntimeException e) {
                log.warn("cannot delete an upload of a failed write key={}", key, e);
            }
        }
        String prefix = FileKeys.record(record.collection().id(), record.id());
        try {
            store.deleteIfEmpty(prefix);
        } catch (IOException | RuntimeException e) {
            log.warn("cannot delete the empty directory of a failed write prefix={}", prefix, e);
        }
    }
}
