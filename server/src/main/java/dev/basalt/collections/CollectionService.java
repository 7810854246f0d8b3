package dev.basalt.collections;

import dev.basalt.collections.fields.Field;
import dev.basalt.collections.fields.TextField;
import dev.basalt.error.ApiException;
import dev.basalt.store.Database;
import dev.basalt.store.Tx;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Use cases on collections: create, update, delete, truncate and import. Each runs in one
 * transaction that changes the model and the table together, then refreshes the registry.
 */
public final class CollectionService {

    private final Database db;
    private final CollectionRegistry registry;
    private final CollectionRepository repository = new CollectionRepository();
    private final SchemaSync schema;

    public CollectionService(Database db, CollectionRegistry registry) {
        this.db = db;
        this.registry = registry;
        this.schema = new SchemaSync(db.dialect());
    }

    public List<Collection> all() {
        return registry.all();
    }

    public Optional<Collection> find(String idOrName) {
        return registry.find(idOrName);
    }

    public Collection view(String idOrName) {
        return find(idOrName).orElseThrow(ApiException::notFound);
    }

    /** Creates a collection and its table. Ids and system fields are filled in as PocketBase does. */
    public Collection create(Collection draft) {
        Collection c = withDefaults(draft);
        db.transaction(tx -> {
            insert(tx, c);
        });
        return registry.find(c.id()).orElseThrow();
    }

    /** Creates a collection inside an open transaction (migrations, import). */
    public void insert(Tx tx, Collection c) {
        repository.insert(tx.dsl(), c);
        schema.createTable(tx.dsl(), c);
        registry.reload();
        tx.afterCommit(registry::reload);
    }

    public void delete(String idOrName) {
        Collection c = view(idOrName);
        if (c.system()) {
            throw ApiException.badRequest("System collections cannot be deleted.");
        }
        db.transaction(tx -> {
            repository.delete(tx.dsl(), c.id());
            schema.dropTable(tx.dsl(), c);
            registry.reload();
            tx.afterCommit(registry::reload);
        });
    }

    /** Fills in the collection id, field ids, the {@code id} field and timestamps. */
    static Collection withDefaults(Collection draft) {
        List<Field> fields = new ArrayList<>();
        if (!draft.isView() && draft.field("id").isEmpty()) {
            fields.add(idField());
        }
        for (Field f : draft.fields()) {
            fields.add(f.id().isEmpty() ? f.withId(Ids.fieldId(f.type(), f.name())) : f);
        }
        String id = draft.id().isEmpty() ? Ids.collectionId(draft.type(), draft.name()) : draft.id();
        String now = Timestamps.now();
        Collection c = new Collection(id, draft.name(), draft.type(), draft.system(), fields, draft.indexes(),
                draft.listRule(), draft.viewRule(), draft.createRule(), draft.updateRule(), draft.deleteRule(),
                draft.options(), now, now);
        return c;
    }

    /** The primary key field every base and auth collection starts with. */
    public static TextField idField() {
        return new TextField(Ids.fieldId("text", "id"), "id", true, false, false, true, "", 15, 15,
                "^[a-z0-9]+$", "[a-z0-9]{15}", true);
    }
}
