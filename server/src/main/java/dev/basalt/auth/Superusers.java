package dev.basalt.auth;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.lower;
import static org.jooq.impl.DSL.name;

import dev.basalt.collections.Collection;
import dev.basalt.collections.CollectionRegistry;
import dev.basalt.collections.Ids;
import dev.basalt.collections.SystemCollections;
import dev.basalt.collections.Timestamps;
import dev.basalt.records.Record;
import dev.basalt.records.RecordRepository;
import dev.basalt.store.Database;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Superuser accounts as the CLI manages them ({@code basalt superuser upsert|delete}). */
public final class Superusers {

    private final Database db;
    private final CollectionRegistry registry;
    private final PasswordHasher hasher;
    private final RecordRepository records = new RecordRepository();

    public Superusers(Database db, CollectionRegistry registry, PasswordHasher hasher) {
        this.db = db;
        this.registry = registry;
        this.hasher = hasher;
    }

    /** Creates the superuser, or sets the password of the existing one with that email. */
    public Record upsert(String email, String password) {
        if (email == null || !email.contains("@")) {
            throw new IllegalArgumentException("invalid email \"" + email + "\"");
        }
        if (password == null || password.length() < 8) {
            throw new IllegalArgumentException("the password must be at least 8 characters");
        }
        Collection c = collection();
        String hash = hasher.hash(password, PasswordHasher.DEFAULT_COST);
        return db.transaction(tx -> {
            Optional<Record> existing = find(tx.dsl(), c, email);
            String now = Timestamps.now();
            if (existing.isPresent()) {
                Record updated = existing.get()
                        .with("password", hash)
                        .with("tokenKey", Ids.random(50))
                        .with("updated", now);
                records.update(tx.dsl(), updated);
                return updated;
            }
            Map<String, Object> values = new LinkedHashMap<>();
            values.put("id", Ids.recordId());
            values.put("password", hash);
            values.put("tokenKey", Ids.random(50));
            values.put("email", email);
            values.put("emailVisibility", false);
            values.put("verified", true);
            values.put("created", now);
            values.put("updated", now);
            Record created = new Record(c, values);
            records.insert(tx.dsl(), created);
            return created;
        });
    }

    /** Deletes the superuser with that email; false when there is none. */
    public boolean delete(String email) {
        Collection c = collection();
        return db.transaction(tx -> {
            Optional<Record> existing = find(tx.dsl(), c, email);
            existing.ifPresent(r -> records.delete(tx.dsl(), r));
            return existing.isPresent();
        });
    }

    private Optional<Record> find(org.jooq.DSLContext dsl, Collection c, String email) {
        return records.findFirst(dsl, c,
                lower(field(name(c.name(), "email"), String.class)).eq(email.toLowerCase(Locale.ROOT)));
    }

    private Collection collection() {
        return registry.find(SystemCollections.SUPERUSERS).orElseThrow();
    }
}
