package dev.basalt.collections;

import dev.basalt.store.Database;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The cached collection model, looked up on every request. Written by {@link CollectionService}
 * after a committed change and, in a cluster, by app when another node reports one
 * ({@link #reload}); read by everyone.
 */
public final class CollectionRegistry {

    private record Snapshot(List<Collection> all, Map<String, Collection> byId, Map<String, Collection> byName) {}

    private final Database db;
    private final CollectionRepository repository;
    private volatile Snapshot snapshot = new Snapshot(List.of(), Map.of(), Map.of());
    // Reloads race (a request thread after its commit, the bus thread for another node's change):
    // each takes a ticket before it reads, and a snapshot read before one already in force is dropped,
    // so an older read never replaces a newer one.
    private final AtomicLong tickets = new AtomicLong();
    private final ReentrantLock applying = new ReentrantLock();
    private long applied;

    public CollectionRegistry(Database db) {
        this(db, new CollectionRepository());
    }

    CollectionRegistry(Database db, CollectionRepository repository) {
        this.db = db;
        this.repository = repository;
    }

    /** Reloads the model from the database (inside the current transaction when there is one). */
    public void reload() {
        long ticket = tickets.incrementAndGet();
        List<Collection> all = db.read(repository::findAll);
        Snapshot read = new Snapshot(
                all,
                all.stream().collect(Collectors.toUnmodifiableMap(Collection::id, Function.identity())),
                all.stream().collect(Collectors.toUnmodifiableMap(c -> c.name().toLowerCase(Locale.ROOT), Function.identity())));
        applying.lock();
        try {
            if (ticket > applied) {
                applied = ticket;
                snapshot = read;
            }
        } finally {
            applying.unlock();
        }
    }

    public List<Collection> all() {
        return snapshot.all();
    }

    /** The collection with this id, or else this name (case-insensitive), as PocketBase looks it up. */
    public Optional<Collection> find(String idOrName) {
        Snapshot s = snapshot;
        Collection byId = s.byId().get(idOrName);
        if (byId != null) {
            return Optional.of(byId);
        }
        return Optional.ofNullable(s.byName().get(idOrName.toLowerCase(Locale.ROOT)));
    }
}
