package dev.basalt.records;

import static org.jooq.impl.DSL.count;
import static org.jooq.impl.DSL.countDistinct;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;

import dev.basalt.collections.Collection;
import dev.basalt.collections.CollectionRegistry;
import dev.basalt.collections.Ids;
import dev.basalt.collections.Rule;
import dev.basalt.collections.SystemCollections;
import dev.basalt.collections.Timestamps;
import dev.basalt.collections.fields.AutodateField;
import dev.basalt.collections.fields.Field;
import dev.basalt.collections.fields.PasswordField;
import dev.basalt.collections.fields.TextField;
import dev.basalt.error.ApiException;
import dev.basalt.error.FieldError;
import dev.basalt.files.FileStore;
import dev.basalt.store.Database;
import dev.basalt.store.Tx;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Predicate;
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
    static final String LAST_SUPERUSER = "You can't delete the only existing superuser.";
    private static final String RANDOM_ID_PATTERN = "[a-z0-9]{15}";
    private static final List<String> SUPERUSER_ONLY_PARAMS = List.of("@collection.", "@request.");

    private final Database db;
    private final CollectionRegistry registry;
    private final RecordSearch search;
    private final RecordRepository repository = new RecordRepository();
    private final RecordValidator validator;
    private final RecordReferences references;
    private final UniqueIndexes uniqueIndexes;
    private final PasswordHashing passwords;
    private final RecordFileStorage files;
    private final List<Consumer<RecordEvent>> listeners = new CopyOnWriteArrayList<>();
    private final CountCache counts;
    private final PageQueries pageQueries = new PageQueries();

    public RecordService(Database db, CollectionRegistry registry, RecordSearch search, PasswordHashing passwords,
            FileStore files) {
        this.db = db;
        this.files = new RecordFileStorage(files);
        this.registry = registry;
        this.search = search;
        this.passwords = passwords;
        this.validator = new RecordValidator(registry);
        this.references = new RecordReferences(registry, repository, db.dialect());
        this.uniqueIndexes = new UniqueIndexes(db.dialect());
        this.counts = new CountCache(db);
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
        String rule = ruleCondition(c.listRule(), info);
        // The generation is read before anything is built from the database's state.
        PageQueries.Key key = PageQueries.key(db.readGeneration(), c, rule, request, info);
        PageQueries.Sql known = pageQueries.find(key);
        return db.read(dsl -> page(dsl, c, known != null ? known : pageSql(dsl, key, c, rule, request, info), request));
    }

    private PageQueries.Sql pageSql(DSLContext dsl, PageQueries.Key key, Collection c, String rule, ListRequest request,
            RequestInfo info) {
        SearchQuery q = search.build(c, List.of(rule), request.filter(), request.sort(), info);
        var columns = RecordRepository.columns(c);
        var select = q.distinct() ? dsl.selectDistinct(columns) : dsl.select(columns);
        var items = select.from(q.from()).where(q.where()).orderBy(q.orderBy())
                .limit(request.perPage()).offset((long) (request.page() - 1) * request.perPage());
        // Joins may repeat a row; without them every row counts once, and count(*) reads the
        // narrowest index instead of sorting the ids.
        var count = dsl.select(q.distinct() ? countDistinct(idColumn(c)) : count()).from(q.from()).where(q.where());
        return pageQueries.render(dsl, key, items, count);
    }

    private ListResult page(DSLContext dsl, Collection c, PageQueries.Sql sql, ListRequest request) {
        List<Record> items = RecordRepository.fetchRecords(dsl, c, sql.items(), sql.itemValues());
        if (request.skipTotal()) {
            return new ListResult(request.page(), request.perPage(), -1, -1, items);
        }
        long total = counts.count(sql.count().sql(), sql.countValues(),
                () -> sql.count().fetchLong(dsl, sql.countValues()));
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
        Map<String, String> plain = plainPasswords(c, body, info);
        Map<String, String> hashes = hashes(c, plain);
        return db.transaction(tx -> {
            WriteModifiers.Result input = WriteModifiers.apply(blank(c), body, info.isSuperuser());
            RequestInfo ruleInfo = info.withBody(ruleBody(c, input, body));
            boolean generatedId = input.record().id().isEmpty() && generatesRandomIds(c);
            Record draft = withAuthDefaults(withGeneratedValues(withAutodates(input.record(), true)));
            // PocketBase compat: the rule is checked on the would-be record before validation, and
            // a failure is a 400 with empty data, so a requester the rule refuses learns nothing
            // from field errors or unique violations. The createRule of an auth collection sees
            // verified false, so a rule that trusts verified users cannot be met by a body that
            // verifies itself.
            Record ruleDraft = c.isAuth() ? draft.with(AuthRecordForm.VERIFIED, false) : draft;
            if (!satisfiesDraft(tx.dsl(), c.createRule(), ruleDraft, ruleInfo)) {
                throw ApiException.badRequest(CREATE_FAILED);
            }
            if (c.isAuth()) {
                checkAuthForm(tx.dsl(), CREATE_FAILED, input, draft, Optional.empty(), body, ruleInfo);
            }
            throwIfInvalid(CREATE_FAILED, input.errors(),
                    validator.validate(tx.dsl(), draft, Optional.empty(), plain, input.uploads(), generatedId));
            Record hashed = withHashes(draft, hashes);
            files.store(tx, hashed, input.uploads(),
                    () -> uniqueIndexes.guard(CREATE_FAILED, c, () -> repository.insert(tx.dsl(), hashed)));
            return committed(tx, RecordEvent.Action.CREATE, reload(tx.dsl(), hashed));
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
        Map<String, String> plain = plainPasswords(c, body, info);
        Map<String, String> hashes = hashes(c, plain);
        return db.transaction(tx -> {
            Record stored = repository.findByIdForUpdate(tx.dsl(), db.dialect(), c, id).orElseThrow(ApiException::notFound);
            WriteModifiers.Result input = WriteModifiers.apply(stored, body, info.isSuperuser());
            RequestInfo ruleInfo = info.withBody(ruleBody(c, input, body));
            if (!satisfies(tx.dsl(), c.updateRule(), stored, ruleInfo)) {
                throw ApiException.notFound();
            }
            Record draft = withAuthDefaults(withAutodates(input.record(), false));
            if (c.isAuth()) {
                checkAuthForm(tx.dsl(), UPDATE_FAILED, input, draft, Optional.of(stored), body, ruleInfo);
            }
            throwIfInvalid(UPDATE_FAILED, input.errors(),
                    validator.validate(tx.dsl(), draft, Optional.of(stored), plain, input.uploads()));
            Record hashed = withHashes(draft, hashes);
            // A new password or email invalidates every token of the record (they are signed with
            // its tokenKey), unless the body set a tokenKey of its own.
            boolean emailChanged = !draft.getString(AuthRecordForm.EMAIL).equals(stored.getString(AuthRecordForm.EMAIL));
            boolean tokenKeyKept = hashed.getString(AuthRecordForm.TOKEN_KEY).equals(stored.getString(AuthRecordForm.TOKEN_KEY));
            Record written = c.isAuth() && tokenKeyKept && (emailChanged || plain.containsKey(AuthRecordForm.PASSWORD))
                    ? hashed.with(AuthRecordForm.TOKEN_KEY, Ids.randomSecret(AuthRecordForm.TOKEN_KEY_LENGTH))
                    : hashed;
            files.store(tx, written, input.uploads(),
                    () -> uniqueIndexes.guard(UPDATE_FAILED, c, () -> repository.update(tx.dsl(), written)));
            files.deleteDropped(tx, stored, written);
            return committed(tx, RecordEvent.Action.UPDATE, reload(tx.dsl(), written));
        });
    }

    /** Deletes a record and resolves the relations that reference it ({@link RecordReferences}). */
    public void delete(String collection, String id, RequestInfo info) {
        Collection c = writable(collection);
        requireRuleAccess(c.deleteRule(), info);
        db.transaction(tx -> {
            Record stored = repository.findByIdForUpdate(tx.dsl(), db.dialect(), c, id)
                    .filter(r -> satisfies(tx.dsl(), c.deleteRule(), r, info))
                    .orElseThrow(ApiException::notFound);
            if (c.name().equals(SystemCollections.SUPERUSERS) && tx.dsl().fetchCount(RecordRepository.table(c)) <= 1) {
                throw ApiException.badRequest(LAST_SUPERUSER);
            }
            references.delete(tx.dsl(), stored, event -> changed(tx, event));
        });
    }

    /**
     * Deletes every record of a collection, each as {@link #delete} would (cascades, relation
     * clean-up, the required-reference check, events), in one transaction: PocketBase's
     * TruncateCollection. Superusers only; the caller checks.
     */
    public void truncate(String collection) {
        Collection c = registry.find(collection).orElseThrow(ApiException::notFound);
        if (c.isView()) {
            throw ApiException.badRequest("View collections cannot be truncated since they don't store their own records.");
        }
        if (SystemCollections.SUPERUSERS.equals(c.name())) {
            // Deleting every superuser would delete the last one, which a record delete refuses.
            throw ApiException.badRequest(LAST_SUPERUSER);
        }
        db.transaction(tx -> {
            List<String> ids = tx.dsl().select(idColumn(c)).from(RecordRepository.table(c)).fetch(0, String.class);
            for (String id : ids) {
                // An earlier delete may already have cascaded to this record.
                repository.findById(tx.dsl(), c, id).ifPresent(r -> references.delete(tx.dsl(), r, event -> changed(tx, event)));
            }
        });
    }

    /**
     * Which of these records (and none other) the requester manages (§4.4): all of them for a
     * superuser; for an authenticated requester, the auth records whose collection's non-empty
     * manageRule holds, evaluated with one query per collection. Used to show {@code email}.
     */
    public Predicate<Record> managed(java.util.Collection<Record> records, RequestInfo info) {
        if (info.isSuperuser()) {
            return r -> true;
        }
        if (info.auth() == null) {
            return r -> false;
        }
        Map<String, List<Record>> byCollection = new LinkedHashMap<>();
        for (Record r : records) {
            if (manageRule(r.collection()).isPresent()) {
                byCollection.computeIfAbsent(r.collection().id(), k -> new ArrayList<>()).add(r);
            }
        }
        if (byCollection.isEmpty()) {
            return r -> false;
        }
        Set<String> managed = new HashSet<>();
        db.read(dsl -> {
            for (List<Record> group : byCollection.values()) {
                Collection c = group.getFirst().collection();
                SearchQuery q = search.build(c, List.of(manageRule(c).orElseThrow()), "", info);
                List<String> ids = group.stream().map(Record::id).distinct().toList();
                dsl.selectDistinct(idColumn(c)).from(q.from()).where(q.where().and(idColumn(c).in(ids)))
                        .fetch(0, String.class)
                        .forEach(id -> managed.add(c.id() + "/" + id));
            }
            return null;
        });
        return r -> managed.contains(r.collection().id() + "/" + r.id());
    }

    /** The non-empty manageRule of an auth collection. */
    private static Optional<String> manageRule(Collection c) {
        if (!c.isAuth() || !(c.options().get("manageRule") instanceof String rule) || rule.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(rule);
    }

    /**
     * The auth form checks of §4.5, before any field validator (which do not run when these fail).
     * Manager rights are only looked up when the body asks for something that needs them.
     */
    private void checkAuthForm(DSLContext dsl, String message, WriteModifiers.Result input, Record draft,
            Optional<Record> stored, Map<String, Object> body, RequestInfo info) {
        AuthRecordForm form = AuthRecordForm.of(body);
        boolean manager;
        if (info.isSuperuser()) {
            manager = true;
        } else if (stored.isEmpty()) {
            manager = isVerified(draft) && managesDraft(dsl, draft, info);
        } else {
            Record before = stored.get();
            boolean needsRights = !draft.getString(AuthRecordForm.EMAIL).equals(before.getString(AuthRecordForm.EMAIL))
                    || isVerified(draft) != isVerified(before) || form.touchesPassword();
            manager = needsRights && manages(dsl, before, info);
        }
        throwIfInvalid(message, input.errors(), form.check(draft, stored, manager, passwords));
    }

    /** Whether an authenticated requester passes the manageRule for the stored record. */
    private boolean manages(DSLContext dsl, Record stored, RequestInfo info) {
        Optional<String> rule = manageRule(stored.collection());
        return info.auth() != null && rule.isPresent()
                && search.matches(dsl, stored.collection(), stored.id(), rule.get(), info);
    }

    /** As {@link #manages}, for a record not written yet (checked as a virtual row, never verified). */
    private boolean managesDraft(DSLContext dsl, Record draft, RequestInfo info) {
        Optional<String> rule = manageRule(draft.collection());
        return info.auth() != null && rule.isPresent()
                && search.matchesDraft(dsl, draft.with(AuthRecordForm.VERIFIED, false), rule.get(), info);
    }

    private static boolean isVerified(Record r) {
        return Boolean.TRUE.equals(r.get(AuthRecordForm.VERIFIED));
    }

    /** PocketBase compat: superusers are always verified, whatever the body says. */
    private static Record withAuthDefaults(Record r) {
        return r.collection().name().equals(SystemCollections.SUPERUSERS) ? r.with(AuthRecordForm.VERIFIED, true) : r;
    }

    /**
     * The new plain values of password fields, by field name (empty values are no new value).
     * Hidden password fields are the superuser's, except the auth {@code password} every user sets.
     */
    private static Map<String, String> plainPasswords(Collection c, Map<String, Object> body, RequestInfo info) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Field f : c.fields()) {
            boolean authPassword = c.isAuth() && f.name().equals(AuthRecordForm.PASSWORD);
            if (f instanceof PasswordField && body.containsKey(f.name())
                    && (authPassword || !f.hidden() || info.isSuperuser())) {
                String plain = FieldValues.text(body.get(f.name()));
                if (!plain.isEmpty()) {
                    out.put(f.name(), plain);
                }
            }
        }
        return out;
    }

    /**
     * The bcrypt hashes of the new plain passwords, by field name. Computed before the transaction
     * opens (as PocketBase hashes when the value is set): a hash takes tens of milliseconds of CPU,
     * and on SQLite the transaction holds the one writer lock all other writes wait for.
     */
    private Map<String, String> hashes(Collection c, Map<String, String> plain) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : plain.entrySet()) {
            PasswordField f = (PasswordField) c.field(e.getKey()).orElseThrow();
            out.put(f.name(), passwords.hash(e.getValue(), f.cost()));
        }
        return out;
    }

    private static Record withHashes(Record draft, Map<String, String> hashes) {
        Record out = draft;
        for (Map.Entry<String, String> e : hashes.entrySet()) {
            out = out.with(e.getKey(), e.getValue());
        }
        return out;
    }

    /**
     * What {@code @request.body} shows rules: the resolved field values and, as PocketBase passes
     * the submitted body, the plain password keys of an auth form.
     */
    private static Map<String, Object> ruleBody(Collection c, WriteModifiers.Result input, Map<String, Object> body) {
        Map<String, Object> out = new LinkedHashMap<>(input.changed());
        for (Field f : c.fields()) {
            if (f instanceof PasswordField && body.containsKey(f.name())) {
                out.put(f.name(), FieldValues.text(body.get(f.name())));
            }
        }
        if (c.isAuth()) {
            for (String key : List.of(AuthRecordForm.PASSWORD_CONFIRM, AuthRecordForm.OLD_PASSWORD)) {
                if (body.containsKey(key)) {
                    out.put(key, FieldValues.text(body.get(key)));
                }
            }
        }
        return out;
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
                if (t.primaryKey() && t.autogeneratePattern().equals(RANDOM_ID_PATTERN)) {
                    out = out.with(t.name(), Ids.recordId());
                } else if (!t.autogeneratePattern().isEmpty()) {
                    out = out.with(t.name(), generate(t));
                } else if (t.primaryKey()) {
                    out = out.with(t.name(), Ids.recordId());
                }
            }
        }
        return out;
    }

    /**
     * Whether ids this collection generates are random enough not to be looked up before the
     * insert: the default 15 characters of {@code [a-z0-9]} (77 bits). A custom pattern may be
     * short, so its ids are checked as submitted ones are.
     */
    private static boolean generatesRandomIds(Collection c) {
        return c.field("id").orElse(null) instanceof TextField t
                && (t.autogeneratePattern().isEmpty() || t.autogeneratePattern().equals(RANDOM_ID_PATTERN));
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
        return repository.stored(dsl, db.dialect(), written);
    }

    /**
     * Deletes every stored file of a collection. {@code app} calls it once a collection's delete
     * has committed.
     */
    public void deleteFiles(Collection deleted) {
        files.deleteAll(deleted);
    }

    /** A record a delete changed: its event, and for a deleted record its files, after the commit. */
    private void changed(Tx tx, RecordEvent event) {
        if (event.action() == RecordEvent.Action.DELETE) {
            files.deleteAll(tx, event.record());
        }
        committed(tx, event.action(), event.record());
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
