package dev.basalt.settings;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.basalt.error.ApiException;
import dev.basalt.store.Database;
import dev.basalt.store.Tx;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.jooq.Field;
import org.jooq.Table;

/**
 * The settings as one JSON row of {@code _params} (id {@code settings}), loaded at startup and
 * served from an in-memory snapshot: {@link #current()} is a volatile read, cheap enough for every
 * request. {@link #update(JsonNode)} deep-merges a partial settings object (PocketBase's PATCH
 * semantics), validates, saves and then tells the {@link #onChange listeners}.
 *
 * <p>Secrets are stored as given (PocketBase's optional encryption at rest is not implemented).
 * In a cluster, a node that saves tells its {@link #onCommitted} listeners, which app turns into a
 * message on which every other node calls {@link #reload}.
 */
public final class SettingsService {

    static final String ROW_ID = "settings";
    private static final Table<?> PARAMS = table(name("_params"));
    private static final Field<String> ID = field(name("id"), String.class);
    private static final Field<String> VALUE = field(name("value"), String.class);
    private static final Field<String> CREATED = field(name("created"), String.class);
    private static final Field<String> UPDATED = field(name("updated"), String.class);
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, true);

    private final Database database;
    private final List<Consumer<Settings>> listeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<Settings>> committedListeners = new CopyOnWriteArrayList<>();
    // Written after a save of this node and by reload (another node saved), read by every request;
    // apply orders the two.
    private volatile Settings current;
    private final java.util.concurrent.atomic.AtomicLong tickets = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.locks.ReentrantLock applying = new java.util.concurrent.locks.ReentrantLock();
    private long applied;

    private SettingsService(Database database, Settings current) {
        this.database = database;
        this.current = current;
    }

    /** Reads the stored settings over the defaults (fields missing from the row keep their default). */
    public static SettingsService load(Database database) {
        return new SettingsService(database, read(database));
    }

    private static Settings read(Database database) {
        return parse(database.read(dsl -> dsl.select(VALUE).from(PARAMS).where(ID.eq(ROW_ID)).fetchOne(VALUE)));
    }

    /**
     * The stored settings, the row locked until the transaction ends (where the engine has row
     * locks): a save on another node waits instead of being overwritten by a merge into an older value.
     */
    private Settings readForUpdate(Tx tx) {
        // The row must exist to be locked; two first saves race here, and one insert does nothing.
        String now = TIMESTAMP.format(Instant.now());
        tx.dsl().insertInto(PARAMS, ID, VALUE, CREATED, UPDATED).values(ROW_ID, null, now, now)
                .onConflictDoNothing().execute();
        var select = tx.dsl().select(VALUE).from(PARAMS).where(ID.eq(ROW_ID));
        return parse(tx.dsl().fetchOne(database.dialect().lockForUpdate(select)).get(VALUE));
    }

    private static Settings parse(String stored) {
        Settings settings = Settings.defaults();
        if (stored != null && !stored.isBlank()) {
            try {
                settings = merge(settings, MAPPER.readTree(stored));
            } catch (JsonProcessingException | IllegalArgumentException e) {
                throw new IllegalStateException("the stored settings (_params row \"settings\") are not valid JSON", e);
            }
        }
        return settings;
    }

    /**
     * Reads the stored settings again (another node saved them) and, if they differ from those in
     * force, tells the {@link #onChange} listeners (not the {@link #onCommitted} ones).
     */
    public Settings reload() {
        long ticket = tickets.incrementAndGet();
        Settings settings = read(database);
        apply(ticket, settings);
        return settings;
    }

    // A reload on the bus thread may have read the row before a save of this node committed; each
    // read or save takes a ticket first, and a value older than the one in force is dropped.
    private void apply(long ticket, Settings settings) {
        applying.lock();
        try {
            if (ticket <= applied) {
                return;
            }
            applied = ticket;
            if (settings.equals(current)) {
                return;
            }
            current = settings;
            listeners.forEach(l -> l.accept(settings));
        } finally {
            applying.unlock();
        }
    }

    /** The settings in force, secrets included: never send this value to a client as it is. */
    public Settings current() {
        return current;
    }

    /** Called with the settings in force whenever they change: after a save here, or a {@link #reload}. */
    public void onChange(Consumer<Settings> listener) {
        listeners.add(listener);
    }

    /** Called with the new settings after a save of this node has committed (after the onChange listeners). */
    public void onCommitted(Consumer<Settings> listener) {
        committedListeners.add(listener);
    }

    /**
     * Deep-merges a partial settings object into the stored settings (objects merge key by key,
     * arrays and values replace, {@code null} clears an array and leaves anything else), validates
     * the result and saves it. A body that does not fit the model is a 400 "An error occurred while
     * loading the submitted data."; failed validation a 400 with the field errors.
     *
     * <p>The merge starts from the row as stored, read under a lock, not from this node's cache:
     * in a cluster another node may have saved a moment ago, and its change must survive this one.
     */
    public Settings update(JsonNode patch) {
        if (patch == null || !patch.isObject()) {
            throw ApiException.badRequest("An error occurred while loading the submitted data.");
        }
        return database.transaction(tx -> {
            Settings merged;
            try {
                merged = merge(readForUpdate(tx), patch);
            } catch (JsonProcessingException | IllegalArgumentException e) {
                throw ApiException.badRequest("An error occurred while loading the submitted data.");
            }
            return save(merged);
        });
    }

    /** Validates and saves a whole settings value (for code and tests; the API uses {@link #update}). */
    public Settings replace(Settings settings) {
        return save(settings);
    }

    private Settings save(Settings settings) {
        Map<String, Object> errors = SettingsValidator.validate(settings);
        if (!errors.isEmpty()) {
            throw ApiException.badRequest("An error occurred while saving the new settings.", errors);
        }
        String json;
        try {
            json = MAPPER.writeValueAsString(settings);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("settings could not be serialised", e);
        }
        String now = TIMESTAMP.format(Instant.now());
        return database.transaction(tx -> {
            int updated = tx.dsl().update(PARAMS).set(VALUE, json).set(UPDATED, now).where(ID.eq(ROW_ID)).execute();
            if (updated == 0) {
                tx.dsl().insertInto(PARAMS, ID, VALUE, CREATED, UPDATED).values(ROW_ID, json, now, now).execute();
            }
            tx.afterCommit(() -> publish(settings));
            committedListeners.forEach(l -> tx.afterCommit(() -> l.accept(settings)));
            return settings;
        });
    }

    private void publish(Settings settings) {
        apply(tickets.incrementAndGet(), settings);
    }

    private static Settings merge(Settings base, JsonNode patch) throws JsonProcessingException {
        ObjectNode tree = MAPPER.valueToTree(base);
        deepMerge(tree, patch);
        return MAPPER.treeToValue(tree, Settings.class);
    }

    // Go's json.Unmarshal into an existing struct: objects merge, everything else replaces, and a
    // null only resets slices (to empty); a null anywhere else leaves the value as it was.
    private static void deepMerge(ObjectNode target, JsonNode patch) {
        Iterator<Map.Entry<String, JsonNode>> fields = patch.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> e = fields.next();
            JsonNode existing = target.get(e.getKey());
            JsonNode value = e.getValue();
            if (value.isNull()) {
                if (existing != null && existing.isArray()) {
                    target.putArray(e.getKey());
                }
            } else if (existing instanceof ObjectNode o && value.isObject()) {
                deepMerge(o, value);
            } else if (existing == null || !existing.isObject()) {
                target.set(e.getKey(), value);
            } else {
                throw new IllegalArgumentException("\"" + e.getKey() + "\" must be an object");
            }
        }
    }
}
