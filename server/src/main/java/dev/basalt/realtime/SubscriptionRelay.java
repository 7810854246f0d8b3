package dev.basalt.realtime;

import dev.basalt.collections.Collection;
import dev.basalt.collections.CollectionRegistry;
import dev.basalt.collections.Ids;
import dev.basalt.error.ApiException;
import dev.basalt.records.Record;
import dev.basalt.records.RecordRepository;
import dev.basalt.store.Database;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api/realtime} for a client connected to another node of a cluster, so that a load
 * balancer may send the POST to any node.
 *
 * <p>Request and reply over the bus: the node that took the POST publishes a
 * {@link BusMessage.SubscribeRequest}; every node receives it, the one that holds the client applies
 * it exactly as a local POST (the IP and auth checks included) and publishes a
 * {@link BusMessage.SubscribeReply} with the outcome, which the first node answers the POST with.
 * Nobody holds an unknown client, so nobody replies: after {@link #REPLY_TIMEOUT} the POST is a 404,
 * as PocketBase answers it. This needs no shared registry of clients, which a node that dies
 * would leave stale; the price is that an unknown client id costs its requester the timeout,
 * and an owner slower than the timeout (its bus reconnecting) looks like no owner.
 *
 * <p>The requester's auth crosses as a reference ({@link BusMessage.AuthRef}): the record's id and
 * a digest of its tokenKey and its collection's token secret at the moment the token was verified.
 * The owner reads the record again and takes it only if the digest still matches, which holds
 * exactly while the token the requester presented is still signed validly; otherwise the request
 * counts as a guest's, as a POST with that token would on the owner. Neither the token nor any
 * secret is in the message (bus payloads may rest in {@code _events} and in database logs).
 */
final class SubscriptionRelay {

    private static final Logger log = LoggerFactory.getLogger(SubscriptionRelay.class);

    static final Duration REPLY_TIMEOUT = Duration.ofSeconds(2);
    private static final String TOKEN_KEY = "tokenKey";

    private final Database db;
    private final CollectionRegistry registry;
    private final EventBus bus;
    private final RecordRepository records = new RecordRepository();
    // Written by the requesting thread (put, remove) and the bus's delivery thread (complete).
    private final Map<String, CompletableFuture<BusMessage.SubscribeReply>> waiting = new ConcurrentHashMap<>();

    SubscriptionRelay(Database db, CollectionRegistry registry, EventBus bus) {
        this.db = db;
        this.registry = registry;
        this.bus = bus;
    }

    /**
     * Sends a validated subscribe request to whichever node holds the client and waits for its answer.
     *
     * @throws ApiException 404 when no node answers in time, else the owner's refusal
     */
    void forward(String clientId, List<String> subscriptions, String ip, Record auth) {
        String requestId = Ids.random(20);
        CompletableFuture<BusMessage.SubscribeReply> reply = new CompletableFuture<>();
        waiting.put(requestId, reply);
        try {
            bus.publish(new BusMessage.SubscribeRequest(requestId, clientId, subscriptions, ip, reference(auth)));
            BusMessage.SubscribeReply answer = reply.get(REPLY_TIMEOUT.toNanos(), TimeUnit.NANOSECONDS);
            if (answer.status() >= 300) {
                throw new ApiException(answer.status(), answer.message());
            }
        } catch (TimeoutException e) {
            throw ApiException.notFound("Missing or invalid client id.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiException.internal();
        } catch (ExecutionException e) {
            throw new IllegalStateException("a subscribe reply cannot fail", e);
        } finally {
            waiting.remove(requestId);
        }
    }

    /** Hands a reply to the request waiting for it; a reply to another node's request, or a late one, is dropped. */
    void answer(BusMessage.SubscribeReply reply) {
        CompletableFuture<BusMessage.SubscribeReply> waiter = waiting.get(reply.requestId());
        if (waiter != null) {
            waiter.complete(reply);
        }
    }

    /** The requester's auth as this node sees it now: the record, or null for a guest (or a token no longer valid). */
    Record resolve(BusMessage.AuthRef ref) {
        if (ref == null) {
            return null;
        }
        Collection collection = registry.find(ref.collectionId())
                .filter(c -> c.id().equals(ref.collectionId()) && c.isAuth()).orElse(null);
        if (collection == null) {
            return null;
        }
        Record record = db.read(dsl -> records.findById(dsl, collection, ref.id())).orElse(null);
        if (record == null || !MessageDigest.isEqual(bytes(keyDigest(record)), bytes(ref.keyDigest()))) {
            log.debug("forwarded realtime auth no longer valid collectionId={} id={}", ref.collectionId(), ref.id());
            return null;
        }
        return record;
    }

    private static BusMessage.AuthRef reference(Record auth) {
        return auth == null ? null : new BusMessage.AuthRef(auth.collection().id(), auth.id(), keyDigest(auth));
    }

    /** SHA-256 of what the record's auth tokens are signed with (see {@code auth.Tokens}), hex. */
    static String keyDigest(Record auth) {
        Object secret = auth.collection().options().get("authToken") instanceof Map<?, ?> m ? m.get("secret") : null;
        String signed = auth.collection().id() + "\n" + auth.id() + "\n" + auth.getString(TOKEN_KEY) + "\n"
                + (secret == null ? "" : secret);
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes(signed)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
