package dev.basalt.records;

import dev.basalt.collections.Collection;
import dev.basalt.collections.CollectionRegistry;
import dev.basalt.collections.Rule;
import dev.basalt.collections.fields.Field;
import dev.basalt.collections.fields.FileField;
import dev.basalt.error.ApiException;
import dev.basalt.files.FileDownload;
import dev.basalt.files.FileKeys;
import dev.basalt.files.FileStore;
import dev.basalt.files.StoredFile;
import dev.basalt.files.ThumbSize;
import dev.basalt.files.Thumbnails;
import dev.basalt.store.Database;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;

/**
 * The download use case ({@code GET /api/files/{collection}/{recordId}/{filename}}): finds the
 * record's file field holding the file name, checks a protected field's access, and picks the
 * stored object to serve: the original, or a thumbnail of it made on first request.
 */
public final class RecordFiles {

    /** The {@code @request.context} of the viewRule check that guards a protected file. */
    public static final String CONTEXT_PROTECTED_FILE = "protectedFile";

    /** The thumbnail size every file field allows besides its own {@code thumbs}. */
    static final String DEFAULT_THUMB = "100x100";

    private final Database db;
    private final CollectionRegistry registry;
    private final RecordSearch search;
    private final FileStore store;
    private final Thumbnails thumbnails;
    private final RecordRepository repository = new RecordRepository();

    public RecordFiles(Database db, CollectionRegistry registry, RecordSearch search, FileStore store,
            Thumbnails thumbnails) {
        this.db = db;
        this.registry = registry;
        this.search = search;
        this.store = store;
        this.thumbnails = thumbnails;
    }

    /**
     * The file to serve for a download URL.
     *
     * @param collection the collection id or name
     * @param thumb      the {@code thumb} parameter, or {@code ""}; an unknown size or a file that
     *                   cannot have one gives the original
     * @param access     the requester as a protected file sees it: the auth record of the
     *                   {@code ?token} file token (never the Authorization header), or a guest
     * @throws ApiException 404 when the collection, the record, a file field holding the name or
     *                      the stored object is missing, or a protected file's viewRule is unmet
     */
    public FileDownload download(String collection, String recordId, String filename, String thumb,
            RequestInfo access) {
        Collection c = registry.find(collection).orElseThrow(ApiException::notFound);
        if (c.isView()) {
            // View collections have no rows of their own to read yet; PocketBase serves the file of
            // the record the view row comes from, which needs the view query resolved.
            throw ApiException.notFound();
        }
        RequestInfo info = access.withContext(CONTEXT_PROTECTED_FILE);
        FileField field = db.read(dsl -> {
            Record record = repository.findById(dsl, c, recordId).orElseThrow(ApiException::notFound);
            FileField holder = fieldHolding(record, filename).orElseThrow(ApiException::notFound);
            if (holder.isProtected() && !canView(dsl, c, recordId, info)) {
                throw ApiException.notFound();
            }
            return holder;
        });
        try {
            StoredFile original = find(FileKeys.file(c.id(), recordId, filename)).orElseThrow(ApiException::notFound);
            Optional<ThumbSize> size = allowedThumb(field, thumb);
            if (size.isPresent() && Thumbnails.isThumbable(FileDownload.detect(original, filename))) {
                String thumbKey = FileKeys.thumb(c.id(), recordId, filename, size.get().wire());
                Optional<StoredFile> made = thumbnails.thumbnail(original, thumbKey, size.get(), filename);
                if (made.isPresent()) {
                    return FileDownload.of(made.get(), size.get().wire() + "_" + filename);
                }
            }
            return FileDownload.of(original, filename);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read file " + filename + " of record " + recordId, e);
        }
    }

    /** The first file field of the record whose value holds the file name. */
    static Optional<FileField> fieldHolding(Record record, String filename) {
        if (filename.isEmpty()) {
            return Optional.empty();
        }
        for (Field f : record.collection().fields()) {
            if (f instanceof FileField file && holds(record.get(f.name()), filename)) {
                return Optional.of(file);
            }
        }
        return Optional.empty();
    }

    private static boolean holds(Object value, String filename) {
        return switch (value) {
            case String s -> s.equals(filename);
            case List<?> list -> list.contains(filename);
            case null, default -> false;
        };
    }

    private static Optional<ThumbSize> allowedThumb(FileField field, String thumb) {
        if (thumb == null || thumb.isEmpty() || !(thumb.equals(DEFAULT_THUMB) || field.thumbs().contains(thumb))) {
            return Optional.empty();
        }
        return ThumbSize.parse(thumb);
    }

    // PocketBase compat: a protected file is visible to whoever may view the record, superusers
    // always; a rule that fails to compile denies (404) rather than erring.
    private boolean canView(DSLContext dsl, Collection c, String recordId, RequestInfo info) {
        if (info.isSuperuser()) {
            return true;
        }
        return switch (c.viewRule()) {
            case Rule.SuperusersOnly s -> false;
            case Rule.Everyone e -> true;
            case Rule.Filter f -> {
                try {
                    yield search.matches(dsl, c, recordId, f.expression(), info);
                } catch (ApiException e) {
                    yield false;
                }
            }
        };
    }

    /** The stored object; a key the store refuses (a name that could leave the storage root) is absent. */
    private Optional<StoredFile> find(String key) throws IOException {
        try {
            return store.find(key);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
