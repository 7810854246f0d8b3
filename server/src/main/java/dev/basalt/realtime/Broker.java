package dev.basalt.realtime;

import dev.basalt.collections.Collection;
import dev.basalt.collections.CollectionRegistry;
import dev.basalt.collections.Ids;
import dev.basalt.error.ApiException;
import dev.basalt.error.FieldError;
import dev.basalt.records.Record;
import dev.basalt.records.RecordSearch;
import dev.basalt.store.Database;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The realtime clients of this node: connect, set subscriptions (the rules of {@code POST
 * /api/realtime}), and the fan-out of {@link EventBus} messages to them.
 *
 * <p>Bus messages are handed to one fan-out thread, so the publisher (the writer thread, after
 * its commit) returns at once and every client sees the changes in commit order. Timers (idle and
 * lifetime limits) run on one scheduler thread; an idle client costs a map entry and two timers.
 */
public final class Broker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Broker.class);

    public static final String CONNECT_EVENT = "PB_CONNECT";
    public static final String OAUTH2_TOPIC = "@oauth2";
    static final int CLIENT_ID_LENGTH = 40;
    static final int MAX_CLIENT_ID_LENGTH = 255;
    static final int MAX_SUBSCRIPTIONS = 1000;
    static final int MAX_SUBSCRIPTION_LENGTH = 2500;
    private static final String TOKEN_KEY = "tokenKey";

    private final RealtimeConfig config;
    private final CollectionRegistry registry;
    private final EventBus bus;
    private final RecordBroadcast broadcast;
    private final SubscriptionRelay relay;
    private final Map<String, Client> clients = new ConcurrentHashMap<>();
    private final Map<String, ScheduledFuture<?>> lifetimes = new ConcurrentHashMap<>();
    private final ScheduledThreadPoolExecutor timers;
    private final ExecutorService fanout;

    public Broker(RealtimeConfig config, Database db, CollectionRegistry registry, RecordSearch search,
            RecordRenderer renderer, EventBus bus) {
        this.config = config;
        this.registry = registry;
        this.bus = bus;
        this.broadcast = new RecordBroadcast(db, search, renderer, this::currentAuth);
        this.relay = new SubscriptionRelay(db, registry, bus);
        this.timers = new ScheduledThreadPoolExecutor(1, Thread.ofPlatform().name("realtime-timers").daemon().factory());
        this.timers.setRemoveOnCancelPolicy(true);
        this.fanout = Executors.newSingleThreadExecutor(Thread.ofPlatform().name("realtime-fanout").daemon().factory());
        bus.subscribe(this::receive);
    }

    /**
     * Registers a new client on an open SSE response and sends it {@code PB_CONNECT}.
     *
     * @throws IOException when the first message cannot be written (the client is forgotten again)
     */
    public Client connect(String ip, Connection connection) throws IOException {
        Client client = new Client(Ids.randomSecret(CLIENT_ID_LENGTH), ip, connection, this::forget);
        // Registered before PB_CONNECT is written: the peer may subscribe as soon as it reads its id.
        clients.put(client.id(), client);
        try {
            client.sendNow(CONNECT_EVENT, "{\"clientId\":\"" + client.id() + "\"}");
        } catch (IOException | RuntimeException e) {
            client.close();
            throw e;
        }
        try {
            lifetimes.put(client.id(), timers.schedule(client::close, config.maxLifetime().toNanos(), TimeUnit.NANOSECONDS));
        } catch (RejectedExecutionException e) {
            // The broker is closing: the server is stopping.
            client.close();
            throw new IOException("realtime is shutting down", e);
        }
        scheduleIdleCheck(client, config.idleTimeout().toNanos());
        log.debug("realtime client connected clientId={} ip={}", client.id(), ip);
        return client;
    }

    /**
     * Replaces a client's subscriptions and binds its auth ({@code POST /api/realtime}). In a
     * cluster, a client connected to another node is reached through that node
     * ({@link SubscriptionRelay}), which applies the same checks.
     *
     * @param clientId      the submitted {@code clientId} ({@code ""} when missing)
     * @param subscriptions the submitted topics (empty: none)
     * @param ip            the requester's IP, which must be the one the client connected from
     * @param auth          the requester's auth record, or null for a guest
     * @throws ApiException 400 invalid input or another IP, 404 unknown client, 403 another auth
     */
    public void subscribe(String clientId, List<String> subscriptions, String ip, Record auth) {
        validate(clientId, subscriptions);
        Client client = clients.get(clientId);
        if (client != null) {
            apply(client, subscriptions, ip, auth);
        } else if (bus.isClustered()) {
            relay.forward(clientId, subscriptions, ip, auth);
        } else {
            throw ApiException.notFound("Missing or invalid client id.");
        }
    }

    private void apply(Client client, List<String> subscriptions, String ip, Record auth) {
        if (!client.ip().equals(ip)) {
            throw ApiException.badRequest("The request IP doesn't match the IP of the realtime connection.");
        }
        // PocketBase compat: a guest client may become authenticated; any other change of auth is refused.
        Record bound = currentAuth(client);
        if (bound != null && !isSameAuth(bound, auth)) {
            throw ApiException.forbidden("The current and the previous request authorization don't match.");
        }
        client.auth(auth);
        List<Subscription> parsed = new ArrayList<>();
        for (String s : subscriptions) {
            if (!s.isEmpty()) {
                parsed.add(Subscription.parse(s));
            }
        }
        client.subscriptions(parsed);
        log.debug("realtime subscriptions set clientId={} count={}", client.id(), parsed.size());
    }

    private static void validate(String clientId, List<String> subscriptions) {
        Map<String, Object> errors = new LinkedHashMap<>();
        if (clientId.isEmpty()) {
            errors.put("clientId", FieldError.required());
        } else if (clientId.length() > MAX_CLIENT_ID_LENGTH) {
            errors.put("clientId", new FieldError("validation_length_out_of_range",
                    "The length must be between 1 and " + MAX_CLIENT_ID_LENGTH + "."));
        }
        if (subscriptions.size() > MAX_SUBSCRIPTIONS) {
            errors.put("subscriptions", new FieldError("validation_length_too_long",
                    "The length must be no more than " + MAX_SUBSCRIPTIONS + "."));
        } else {
            Map<String, Object> items = new LinkedHashMap<>();
            for (int i = 0; i < subscriptions.size(); i++) {
                if (subscriptions.get(i).length() > MAX_SUBSCRIPTION_LENGTH) {
                    items.put(Integer.toString(i), new FieldError("validation_length_too_long",
                            "The length must be no more than " + MAX_SUBSCRIPTION_LENGTH + "."));
                }
            }
            if (!items.isEmpty()) {
                errors.put("subscriptions", items);
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.badRequest("Something went wrong while processing your request.", errors);
        }
    }

    /**
     * Sends a message to one client if it is subscribed to {@code topic} (on whichever node holds
     * it); {@code @oauth2} is unsubscribed once delivered, as PocketBase does.
     *
     * @param ip the requester's IP the client must have connected from, or {@code ""} for any
     */
    public void sendToClient(String clientId, String topic, String data, String ip) {
        bus.publish(new BusMessage.ClientMessage(clientId, topic, data, ip));
    }

    /** Whether a client with this id is connected to this node. */
    public boolean isConnected(String clientId) {
        return clients.containsKey(clientId);
    }

    /** The number of clients connected to this node. */
    public int size() {
        return clients.size();
    }

    /** Closes every connection (before the HTTP server stops, so no response is left open). */
    @Override
    public void close() {
        fanout.shutdownNow();
        timers.shutdownNow();
        new ArrayList<>(clients.values()).forEach(Client::close);
    }

    private void receive(BusMessage message) {
        // A reply only wakes a waiting request: it does not queue behind the fan-out.
        if (message instanceof BusMessage.SubscribeReply reply) {
            relay.answer(reply);
        } else {
            enqueue(message);
        }
    }

    private void enqueue(BusMessage message) {
        try {
            fanout.execute(() -> deliver(message));
        } catch (RejectedExecutionException e) {
            // Closed: the node is stopping and its clients are gone; the bus may still deliver.
            log.debug("realtime closed, bus message ignored message={}", message.getClass().getSimpleName());
        }
    }

    private void deliver(BusMessage message) {
        try {
            switch (message) {
                case BusMessage.RecordChange change -> deliver(change);
                case BusMessage.ClientMessage direct -> deliver(direct);
                case BusMessage.SubscribeRequest request -> deliver(request);
                case BusMessage.SubscribeReply ignored -> { }
                // Cache invalidations: app reloads the caches; nothing to send to clients.
                case BusMessage.CollectionsChanged ignored -> { }
                case BusMessage.SettingsChanged ignored -> { }
            }
        } catch (RuntimeException e) {
            log.error("realtime fan-out failed message={}", message.getClass().getSimpleName(), e);
        }
    }

    private void deliver(BusMessage.RecordChange change) {
        Collection collection = registry.find(change.collectionId()).orElse(null);
        if (collection == null) {
            return;
        }
        Record record = change.record(collection);
        if (collection.isAuth()) {
            applyAuthChange(change.action(), record);
        }
        if (!clients.isEmpty()) {
            broadcast.send(change.action(), record, clients.values());
        }
    }

    private void deliver(BusMessage.ClientMessage message) {
        Client client = clients.get(message.clientId());
        if (client == null || !client.hasSubscription(message.topic())
                || (!message.ip().isEmpty() && !message.ip().equals(client.ip()))) {
            return;
        }
        client.send(message.topic(), message.data());
        if (OAUTH2_TOPIC.equals(message.topic())) {
            client.unsubscribe(OAUTH2_TOPIC);
        }
    }

    /**
     * A subscribe request another node forwarded: applied here if the client is here, on the
     * fan-out thread, so it takes effect between the same record changes on every node.
     */
    private void deliver(BusMessage.SubscribeRequest request) {
        Client client = clients.get(request.clientId());
        if (client == null) {
            return;
        }
        int status = 204;
        String message = "";
        try {
            apply(client, request.subscriptions(), request.ip(), relay.resolve(request.auth()));
        } catch (ApiException e) {
            status = e.status();
            message = e.getMessage();
        } catch (RuntimeException e) {
            log.error("forwarded realtime subscribe failed clientId={}", client.id(), e);
            status = 500;
            message = ApiException.internal().getMessage();
        }
        bus.publish(new BusMessage.SubscribeReply(request.requestId(), status, message));
    }

    /**
     * Clients bound to a deleted auth record, or to one whose tokenKey changed (a new password or
     * email, or a "log out everywhere"), become guests; other updates refresh the bound record.
     */
    private void applyAuthChange(String action, Record record) {
        for (Client client : clients.values()) {
            Record bound = client.auth();
            if (bound == null || !isSameAuth(bound, record)) {
                continue;
            }
            boolean tokenKeyChanged = !bound.getString(TOKEN_KEY).equals(record.getString(TOKEN_KEY));
            client.auth("delete".equals(action) || tokenKeyChanged ? null : record);
        }
    }

    /**
     * The client's auth as it stands now: a guest once its collection is gone or the collection's
     * auth token secret has changed (every token it held is then invalid); otherwise the bound
     * record, seen through the current collection model. Checked lazily, on use.
     */
    Record currentAuth(Client client) {
        Record bound = client.auth();
        if (bound == null) {
            return null;
        }
        Collection current = registry.find(bound.collection().id()).orElse(null);
        if (current == null || !Objects.equals(authSecret(current), authSecret(bound.collection()))) {
            client.auth(null);
            return null;
        }
        if (current != bound.collection()) {
            Record refreshed = new Record(current, bound.values());
            client.auth(refreshed);
            return refreshed;
        }
        return bound;
    }

    private static Object authSecret(Collection c) {
        return c.options().get("authToken") instanceof Map<?, ?> m ? m.get("secret") : null;
    }

    static boolean isSameAuth(Record a, Record b) {
        if (a == null || b == null) {
            return a == b;
        }
        return a.id().equals(b.id()) && a.collection().id().equals(b.collection().id());
    }

    private void scheduleIdleCheck(Client client, long delayNanos) {
        try {
            timers.schedule(() -> checkIdle(client), delayNanos, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            client.close();
        }
    }

    private void checkIdle(Client client) {
        if (client.isClosed()) {
            return;
        }
        long limit = config.idleTimeout().toNanos();
        long idle = System.nanoTime() - client.lastDeliveredNanos();
        if (idle >= limit) {
            log.debug("realtime client idle, closing clientId={}", client.id());
            client.close();
        } else {
            scheduleIdleCheck(client, limit - idle);
        }
    }

    private void forget(Client client) {
        clients.remove(client.id(), client);
        ScheduledFuture<?> lifetime = lifetimes.remove(client.id());
        if (lifetime != null) {
            lifetime.cancel(false);
        }
        log.debug("realtime client closed clientId={}", client.id());
    }
}
