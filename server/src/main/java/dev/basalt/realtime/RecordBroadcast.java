package dev.basalt.realtime;

import dev.basalt.collections.Collection;
import dev.basalt.collections.Rule;
import dev.basalt.error.ApiException;
import dev.basalt.records.Record;
import dev.basalt.records.RecordSearch;
import dev.basalt.records.RequestInfo;
import dev.basalt.store.Database;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one record change to the clients whose subscriptions match it and whose rules allow it.
 * Clients that look at the record the same way (same rule, auth and subscription options) share
 * one rule check and one rendering, so a thousand guests on {@code posts/*} cost one of each; a
 * public rule with no filter needs no query at all.
 */
final class RecordBroadcast {

    private static final Logger log = LoggerFactory.getLogger(RecordBroadcast.class);

    static final String CONTEXT_REALTIME = "realtime";
    private static final List<String> SUPERUSER_ONLY_FILTER_PARTS = List.of("@request.", "@collection.");

    private final Database db;
    private final RecordSearch search;
    private final RecordRenderer renderer;
    private final Function<Client, Record> currentAuth;

    RecordBroadcast(Database db, RecordSearch search, RecordRenderer renderer, Function<Client, Record> currentAuth) {
        this.db = db;
        this.search = search;
        this.renderer = renderer;
        this.currentAuth = currentAuth;
    }

    /** Which rule a topic is gated by. */
    private enum Gate { LIST, VIEW }

    /** How a client looks at the record: everything the rule check depends on. */
    private record View(Gate gate, String auth, Map<String, String> query, Map<String, String> headers) {}

    /** Everything the rendered JSON depends on. */
    private record Rendering(String auth, Map<String, String> query, Map<String, String> headers) {}

    void send(String action, Record record, Iterable<Client> clients) {
        Map<View, Boolean> allowed = new HashMap<>();
        Map<Rendering, String> rendered = new HashMap<>();
        Collection c = record.collection();
        for (Client client : clients) {
            Record auth = null;
            boolean authResolved = false;
            for (Subscription sub : client.subscriptions()) {
                Gate gate = gate(sub.topic(), c, record.id());
                if (gate == null) {
                    continue;
                }
                if (!authResolved) {
                    auth = currentAuth.apply(client);
                    authResolved = true;
                }
                String authKey = auth == null ? "" : auth.collection().id() + "/" + auth.id();
                RequestInfo viewer = new RequestInfo(auth, "GET", sub.query(), sub.headers(), Map.of(), CONTEXT_REALTIME);
                boolean ok = allowed.computeIfAbsent(new View(gate, authKey, sub.query(), sub.headers()),
                        v -> canAccess(record, gate, sub, viewer));
                if (!ok) {
                    continue;
                }
                String data = rendered.computeIfAbsent(new Rendering(authKey, sub.query(), sub.headers()),
                        r -> data(action, record, viewer, sub));
                if (data != null) {
                    client.send(sub.raw(), data);
                }
            }
        }
    }

    /** {@code coll/id} is gated by the viewRule; {@code coll/*} and the legacy {@code coll} by the listRule. */
    private static Gate gate(String topic, Collection c, String recordId) {
        if (topic.equals(c.name() + "/" + recordId) || topic.equals(c.id() + "/" + recordId)) {
            return Gate.VIEW;
        }
        if (topic.equals(c.name() + "/*") || topic.equals(c.id() + "/*") || topic.equals(c.name())
                || topic.equals(c.id())) {
            return Gate.LIST;
        }
        return null;
    }

    /**
     * The rule and the subscription's own filter, both checked against the record's values as the
     * change carried them (a virtual row, {@link RecordSearch#matchesDraft}), not against the
     * table: a delete's row is gone, a later change may already have replaced the row, and in a
     * cluster the change may come from a node whose write this node's database view has not seen.
     */
    private boolean canAccess(Record record, Gate gate, Subscription sub, RequestInfo viewer) {
        Rule rule = gate == Gate.VIEW ? record.collection().viewRule() : record.collection().listRule();
        String filter = sub.option("filter");
        if (!viewer.isSuperuser()) {
            if (rule instanceof Rule.SuperusersOnly) {
                return false;
            }
            // PocketBase compat: a non-superuser's subscription filter may not reach into @request or @collection.
            for (String part : SUPERUSER_ONLY_FILTER_PARTS) {
                if (filter.contains(part)) {
                    return false;
                }
            }
        }
        String condition = !viewer.isSuperuser() && rule instanceof Rule.Filter f ? f.expression() : "";
        if (condition.isEmpty() && filter.isEmpty()) {
            return true;
        }
        try {
            return db.read(dsl -> search.matchesDraft(dsl, record, condition, filter, viewer));
        } catch (ApiException e) {
            log.debug("realtime access check failed collection={} subscription={}: {}",
                    record.collection().name(), sub.raw(), e.getMessage());
            return false;
        }
    }

    private String data(String action, Record record, RequestInfo viewer, Subscription sub) {
        try {
            String json = renderer.render(record, viewer, sub.option("expand"), sub.option("fields"));
            return "{\"action\":\"" + action + "\",\"record\":" + json + "}";
        } catch (RuntimeException e) {
            log.warn("realtime record rendering failed collection={} id={}", record.collection().name(), record.id(), e);
            return null;
        }
    }
}
