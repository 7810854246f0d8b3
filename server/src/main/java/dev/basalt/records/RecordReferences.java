package dev.basalt.records;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;

import dev.basalt.collections.Collection;
import dev.basalt.collections.CollectionRegistry;
import dev.basalt.collections.fields.Field;
import dev.basalt.collections.fields.RelationField;
import dev.basalt.error.ApiException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import dev.basalt.store.Dialect;
import org.jooq.Condition;
import org.jooq.DSLContext;

/**
 * Deletes a record together with what points at it: every relation field of every collection that
 * targets the record's collection loses the id; a {@code cascadeDelete} relation left empty deletes
 * its record (recursively), a required one left empty stops the delete.
 */
final class RecordReferences {

    static final String REQUIRED_REFERENCE =
            "Failed to delete record. Make sure that the record is not part of a required relation reference.";

    private final CollectionRegistry registry;
    private final RecordRepository repository;
    private final Dialect dialect;

    RecordReferences(CollectionRegistry registry, RecordRepository repository, Dialect dialect) {
        this.registry = registry;
        this.repository = repository;
        this.dialect = dialect;
    }

    /**
     * Deletes {@code record} and resolves its references inside the caller's transaction.
     *
     * @param changes receives every record this changed: the deleted ones and the updated referrers
     */
    void delete(DSLContext dsl, Record record, Consumer<RecordEvent> changes) {
        delete(dsl, record, changes, new HashSet<>());
    }

    private void delete(DSLContext dsl, Record record, Consumer<RecordEvent> changes, Set<String> deleting) {
        deleting.add(key(record));
        for (Collection c : registry.all()) {
            if (c.isView()) {
                continue;
            }
            for (Field f : c.fields()) {
                if (f instanceof RelationField r && r.collectionId().equals(record.collection().id())) {
                    release(dsl, c, r, record.id(), changes, deleting);
                }
            }
        }
        repository.delete(dsl, record);
        changes.accept(new RecordEvent(RecordEvent.Action.DELETE, record));
    }

    private void release(DSLContext dsl, Collection c, RelationField r, String id, Consumer<RecordEvent> changes,
            Set<String> deleting) {
        for (Record referrer : referrers(dsl, c, r, id)) {
            if (deleting.contains(key(referrer))) {
                continue;
            }
            List<String> left = FieldValues.subtract(FieldValues.uniqueStrings(referrer.get(r.name())), List.of(id));
            if (left.isEmpty() && r.cascadeDelete()) {
                delete(dsl, referrer, changes, deleting);
                continue;
            }
            if (left.isEmpty() && r.required()) {
                throw ApiException.badRequest(REQUIRED_REFERENCE);
            }
            Record updated = referrer.with(r.name(), FieldValues.prepare(r, left));
            repository.update(dsl, updated);
            changes.accept(new RecordEvent(RecordEvent.Action.UPDATE, updated));
        }
    }

    private List<Record> referrers(DSLContext dsl, Collection c, RelationField r, String id) {
        Condition where = r.isMultiple()
                ? dialect.jsonArrayContainsAny(field(name(c.name(), r.name()), org.jooq.JSONB.class), List.of(id))
                : field(name(c.name(), r.name()), String.class).eq(id);
        List<Record> out = new ArrayList<>();
        for (var row : dsl.select(RecordRepository.table(c).asterisk()).from(RecordRepository.table(c)).where(where).fetch()) {
            Record referrer = RecordRepository.toRecord(c, row.intoMap());
            if (FieldValues.uniqueStrings(referrer.get(r.name())).contains(id)) {
                out.add(referrer);
            }
        }
        return out;
    }

    private static String key(Record r) {
        return r.collection().id() + "/" + r.id();
    }
}
