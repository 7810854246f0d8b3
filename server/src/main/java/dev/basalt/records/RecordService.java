package dev.basalt.records;

import static org.jooq.impl.DSL.countDistinct;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;

import dev.basalt.collections.Collection;
import dev.basalt.collections.CollectionRegistry;
import dev.basalt.collections.Ids;
import dev.basalt.collections.Rule;
import dev.basalt.collections.Timestamps;
import dev.basalt.collections.fields.AutodateField;
import dev.basalt.collections.fields.Field;
import dev.basalt.collections.fields.TextField;
import dev.basalt.error.ApiException;
import dev.basalt.error.FieldError;
import dev.basalt.store.Database;
import dev.basalt.store.Tx;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The record use cases: list, view, create, update, delete. Each checks the collection's rule for
 * the requester, validates, writes in one transaction and publishes a {@link RecordEvent} to the
 * {@link #onCommitted} listeners once the transaction has committed.
 */
public final class RecordService {

    private static final Logger log = LoggerFactory.getLogger(RecordService.class);

    static final String ONLY_SUPERUSERS = "Only superusers can perform this action.";
    static final String CREATE_FAILED = "Failed to create record.";
    static final String UPDATE_FAILED = "Failed to update record.";
    private static final List<String> SUPERUSER_ONLY_PARAMS = List.of("@collection.", "@request.");

    private final Database db;
    private final CollectionRegistry registry;
    private final RecordSearch search;
    private final RecordRepository repository = new RecordRepository();
    private final RecordValidator validator;
    private final RecordReferences references;
    private final UniqueIndexes uniqueIndexes;
    private final List<Consumer<RecordEvent>> listeners = new CopyOnWriteArrayList<>();

    public RecordService(Database db, CollectionRegistry registry, RecordSearch search) {
        this.db = db;
        this.registry = registry;
        this.search = search;
        this.validator = new RecordValidator(registry);
        this.references = new RecordReferences(registry, repository);
        this.uniqueIndexes = new UniqueIndexes(db.dialect());
    }

    /**
     * Subscribes to committed changes. Listeners run on the writing thread after the commit; they
     * must be quick and must not throw (a failure is logged and the others still run).
     */
    public void onCommitted(Consumer<RecordEvent> listener) {
        listeners.add(listener);
    }

    /** The collection a records route names, by id or name. */
    public Collection collection(String idOrName) {
        return registry.find(idOrName).orElseThrow(() -> ApiException.notFound("Missing collection context."));
    }

    public ListResult list(String collection, ListRequest request, RequestInfo info) {
        Collection c = collection(collection);
        requireRuleAccess(c.listRule(), info);
        if (!info.isSuperuser()) {
            for (String param : List.of(request.filter(), request.sort())) {
                for (String special : SUPERUSER_ONLY_PARAMS) {
                    if (param.contains(special)) {
                        throw ApiException.forbidden("Only superusers can filter by " + special);
                    }
                }
            }
        }
        SearchQuery q = search.build(c, List.of(ruleCondition(c.listRule(), info)), request.filter(), request.sort(), info);
        return db.read(dsl -> page(dsl, c, q, request));
    }

    private ListResult page(DSLContext dsl, Collection c, SearchQuery q, ListRequest request) {
        var columns = RecordRepository.table(c).asterisk();
        var select = q.distinct() ? dsl.selectDistinct(columns) : dsl.select(columns);
        List<Record> items = select.from(q.from()).where(q.where()).orderBy(q.orderBy())
                .limit(request.perPage()).offset((long) (request.page() - 1) * request.perPage())
                .fetch(row -> RecordRepository.toRecord(c, row.intoMap()));
        if (request.skipTotal()) {
            return new ListResult(request.page(), request.perPage(), -1, -1, items);
        }
        long total = dsl.select(countDistinct(idColumn(c))).from(q.from()).where(q.where()).fetchOne(0, Long.class);
        long pages = (total + request.perPage() - 1) / request.perPage();
        return new ListResult(request.page(), request.perPage(), total, pages, items);
    }

    public Record view(String collection, String id, RequestInfo info) {
        Collection c = collection(collection);
        requireRuleAccess(c.viewRule(), info);
        return db.read(dsl -> repository.findById(dsl, c, id)
                .filter(r -> satisfies(dsl, c.viewRule(), r, info))
                .orElseThrow(ApiException::notFound));
    }

    /**
     * Creates a record from a request body (JSON values as Jackson maps them; modifier keys
     * allowed). A non-empty createRule is checked against the inserted row inside the transaction.
     */
    public Record create(String collection, Map<String, Object> body, RequestInfo info) {
        return create(collection, () -> body, info);
    }

    /**
     * As {@link #create(String, Map, RequestInfo)}, reading the body only once the collection
     * accepts the write: PocketBase answers a view collection (400) and a null createRule (403)
     * before it looks at the body, so a malformed body does not change those answers.
     */
    public Record create(String collection, Supplier<Map<String, Object>> bodyReader, RequestInfo info) {
        Collection c = writable(collection);
        requireRuleAccess(c.createRule(), info);
        Map<String, Object> body = bodyReader.get();
        return db.transaction(tx -> {
            WriteModifiers.Result input = WriteModifiers.apply(blank(c), body, info.isSuperuser());
            Record draft = withGeneratedValues(withAutodates(input.record(), true));
            // PocketBase compat: the rule is checked on the would-be record before validation, and
            // a failure is a 400 with empty data, so a requester the rule refuses learns nothing
            // from field errors or unique violations.
            if (!satisfiesDraft(tx.dsl(), c.createRule(), draft, info.withBody(input.changed()))) {
                throw ApiException.badRequest(CREATE_FAILED);
            }
            throwIfInvalid(CREATE_FAILED, input.errors(), validator.validate(tx.dsl(), draft, Optional.empty()));
            uniqueIndexes.guard(CREATE_FAILED, c, () -> repository.insert(tx.dsl(), draft));
            return committed(tx, RecordEvent.Action.CREATE, reload(tx.dsl(), draft));
        });
    }

    /** Changes the submitted keys of a record (PATCH semantics). */
    public Record update(String collection, String id, Map<String, Object> body, RequestInfo info) {
        return update(collection, id, () -> body, info);
    }

    /** As {@link #update(String, String, Map, RequestInfo)}, reading the body once the collection accepts the write. */
    public Record update(String collection, String id, Supplier<Map<String, Object>> bodyReader, RequestInfo info) {
        Collection c = writable(collection);
        requireRuleAccess(c.updateRule(), info);
        Map<String, Object> body = bodyReader.get();
        return db.transaction(tx -> {
            Record stored = repository.findById(tx.dsl(), c, id).orElseThrow(ApiException::notFound);
            WriteModifiers.Result input = WriteModifiers.apply(stored, body, info.isSuperuser());
            if (!satisfies(tx.dsl(), c.updateRule(), stored, info.withBody(input.changed()))) {
                throw ApiException.notFound();
            }
            Record draft = withAutodates(input.record(), false);
            throwIfInvalid(UPDATE_FAILED, input.errors(), validator.validate(tx.dsl(), draft, Optional.of(stored)));
            uniqueIndexes.guard(UPDATE_FAILED, c, () -> repository.update(tx.dsl(), draft));
            return committed(tx, RecordEvent.Action.UPDATE, reload(tx.dsl(), draft));
        });
    }

    /** Deletes a record and resolves the relations that reference it ({@link RecordReferences}). */
    public void delete(String collection, String id, RequestInfo info) {
        Collection c = writable(collection);
        requireRuleAccess(c.deleteRule(), info);
        db.transaction(tx -> {
            Record stored = repository.findById(tx.dsl(), c, id)
                    .filter(r -> satisfies(tx.dsl(), c.deleteRule(), r, info))
                    .orElseThrow(ApiException::notFound);
            references.delete(tx.dsl(), stored, event -> committed(tx, event.action(), event.record()));
        });
    }

    private Collection writable(String idOrName) {
        Collection c = collection(idOrName);
        if (c.isView()) {
            throw ApiException.badRequest("Unsupported collection type.");
        }
        return c;
    }

    private static void requireRuleAccess(Rule rule, RequestInfo info) {
        if (rule instanceof Rule.SuperusersOnly && !info.isSuperuser()) {
            throw ApiException.forbidden(ONLY_SUPERUSERS);
        }
    }

    /** The rule's expression as an extra filter for this requester; blank when nothing is added. */
    private static String ruleCondition(Rule rule, RequestInfo info) {
        return rule instanceof Rule.Filter f && !info.isSuperuser() ? f.expression() : "";
    }

    /** Whether the stored row of {@code record} matches the rule for this requester. */
    private boolean satisfies(DSLContext dsl, Rule rule, Record record, RequestInfo info) {
        String condition = ruleCondition(rule, info);
        if (condition.isEmpty()) {
            return true;
        }
        return search.matches(dsl, record.collection(), record.id(), condition, info);
    }

    /** Whether a record not stored yet matches the rule for this requester (create rules). */
    private boolean satisfiesDraft(DSLContext dsl, Rule rule, Record draft, RequestInfo info) {
        String condition = ruleCondition(rule, info);
        if (condition.isEmpty()) {
            return true;
        }
        // PocketBase compat: an auth record is checked as unverified, so a createRule (or a
        // manageRule) relying on `verified` cannot be satisfied by submitting verified=true.
        Record checked = draft.collection().isAuth() ? draft.with("verified", false) : draft;
        return search.matchesDraft(dsl, checked, condition, info);
    }

    private static void throwIfInvalid(String message, Map<String, FieldError> first, Map<String, FieldError> second) {
        Map<String, FieldError> errors = new LinkedHashMap<>(second);
        errors.putAll(first);
        if (!errors.isEmpty()) {
            throw ApiException.badRequest(message, errors);
        }
    }

    private static Record blank(Collection c) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (Field f : c.fields()) {
            values.put(f.name(), FieldValues.empty(f));
        }
        return new Record(c, values);
    }

    private static Record withAutodates(Record r, boolean create) {
        String now = Timestamps.now();
        Record out = r;
        for (Field f : r.collection().fields()) {
            if (f instanceof AutodateField a && (create || a.onUpdate())) {
                out = out.with(a.name(), now);
            }
        }
        return out;
    }

    /** Fills empty text fields that have an autogenerate pattern (the id above all). */
    private static Record withGeneratedValues(Record r) {
        Record out = r;
        for (Field f : r.collection().fields()) {
            if (f instanceof TextField t && r.getString(t.name()).isEmpty()) {
                if (!t.autogeneratePattern().isEmpty()) {
                    out = out.with(t.name(), generate(t));
                } else if (t.primaryKey()) {
                    out = out.with(t.name(), Ids.recordId());
                }
            }
        }
        return out;
    }

    private static String generate(TextField t) {
        try {
            return RandomPattern.generate(t.autogeneratePattern());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("Failed to autogenerate the value of " + t.name() + ".",
                    Map.of(t.name(), FieldError.invalid("Invalid autogenerate pattern.")));
        }
    }

    private Record reload(DSLContext dsl, Record written) {
        return repository.findById(dsl, written.collection(), written.id()).orElseThrow();
    }

    private Record committed(Tx tx, RecordEvent.Action action, Record record) {
        RecordEvent event = new RecordEvent(action, record);
        tx.afterCommit(() -> publish(event));
        return record;
    }

    private void publish(RecordEvent event) {
        for (Consumer<RecordEvent> listener : listeners) {
            try {
                listener.accept(event);
            } catch (RuntimeException e) {
                log.error("record event listener failed action={} collection={} id={}",
                        event.action().wire(), event.record().collection().name(), event.record().id(), e);
            }
        }
    }

    private static org.jooq.Field<String> idColumn(Collection c) {
        return field(name(c.name(), "id"), String.class);
    }
}
