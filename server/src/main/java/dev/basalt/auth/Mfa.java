package dev.basalt.auth;

import dev.basalt.collections.AuthSystemCollections;
import dev.basalt.collections.Collection;
import dev.basalt.collections.CollectionRegistry;
import dev.basalt.collections.Ids;
import dev.basalt.collections.Timestamps;
import dev.basalt.error.ApiException;
import dev.basalt.records.Record;
import dev.basalt.records.RecordRepository;
import dev.basalt.records.RecordSearch;
import dev.basalt.records.RequestInfo;
import dev.basalt.store.Database;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The MFA step (§5.4), independent of which methods exist: a method is only a name stored in the
 * {@code _mfas} row. The first factor opens a session; a second, different method within
 * {@code mfa.duration} closes it.
 */
final class Mfa {

    private final Database db;
    private final CollectionRegistry registry;
    private final RecordSearch search;
    private final RecordRepository records = new RecordRepository();

    Mfa(Database db, CollectionRegistry registry, RecordSearch search) {
        this.db = db;
        this.registry = registry;
        this.search = search;
    }

    /**
     * Runs the MFA step for a record that passed {@code method}.
     *
     * @param mfaId the session of an earlier factor, or {@code ""} for a first factor
     * @return the id of a new session when a second factor is required; empty when the record may
     *         be authenticated now
     * @throws ApiException 400 for an unknown, expired or foreign session or a repeated method
     */
    Optional<String> check(Record record, String method, String mfaId, RequestInfo request) {
        Collection c = record.collection();
        Map<String, Object> options = options(c);
        if (!Boolean.TRUE.equals(options.get("enabled")) || !ruleApplies(record, options.get("rule"), request)) {
            return Optional.empty();
        }
        Collection mfas = registry.find(AuthSystemCollections.MFAS).orElseThrow();
        if (mfaId == null || mfaId.isEmpty()) {
            return Optional.of(open(mfas, record, method));
        }
        Record session = db.read(dsl -> records.findById(dsl, mfas, mfaId))
                .orElseThrow(() -> ApiException.badRequest("Invalid or expired MFA session."));
        if (expired(session, duration(options))) {
            delete(session);
            throw ApiException.badRequest("Invalid or expired MFA session.");
        }
        if (!session.getString("recordRef").equals(record.id()) || !session.getString("collectionRef").equals(c.id())) {
            throw ApiException.badRequest("Invalid MFA session.");
        }
        if (session.getString("method").equals(method)) {
            throw ApiException.badRequest("A different authentication method is required.");
        }
        delete(session);
        return Optional.empty();
    }

    private void delete(Record session) {
        db.transaction(tx -> {
            records.delete(tx.dsl(), session);
            return null;
        });
    }

    private String open(Collection mfas, Record record, String method) {
        String now = Timestamps.now();
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("id", Ids.recordId());
        values.put("collectionRef", record.collection().id());
        values.put("recordRef", record.id());
        values.put("method", method);
        values.put("created", now);
        values.put("updated", now);
        Record session = new Record(mfas, values);
        db.transaction(tx -> {
            records.insert(tx.dsl(), session);
            return null;
        });
        return session.id();
    }

    private boolean ruleApplies(Record record, Object rule, RequestInfo request) {
        if (!(rule instanceof String expression) || expression.isBlank()) {
            return true;
        }
        return db.read(dsl -> search.matches(dsl, record.collection(), record.id(), expression, request));
    }

    private static boolean expired(Record session, long seconds) {
        try {
            Instant created = Instant.from(Timestamps.WIRE.parse(session.getString("created")));
            return !created.plusSeconds(seconds).isAfter(Instant.now());
        } catch (DateTimeParseException e) {
            return true;
        }
    }

    private static long duration(Map<String, Object> options) {
        return options.get("duration") instanceof Number n ? n.longValue() : 0;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> options(Collection c) {
        return c.options().get("mfa") instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }
}
