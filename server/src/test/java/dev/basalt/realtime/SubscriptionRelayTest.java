package dev.basalt.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.basalt.collections.CollectionRegistry;
import dev.basalt.error.ApiException;
import dev.basalt.records.Record;
import dev.basalt.records.RecordRepository;
import dev.basalt.testing.TestServer;
import dev.basalt.testing.Users;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The two halves of a forwarded subscribe request, on one node with an in-process bus. */
class SubscriptionRelayTest {

    static TestServer server;
    static CollectionRegistry registry;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        registry = new CollectionRegistry(server.basalt().database());
        registry.reload();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static BusMessage.AuthRef ref(Record auth) {
        return new BusMessage.AuthRef(auth.collection().id(), auth.id(), SubscriptionRelay.keyDigest(auth));
    }

    @Test
    void theOwnerTakesTheReferencedAuthWhileItsTokensStillHold() {
        SubscriptionRelay relay = new SubscriptionRelay(server.basalt().database(), registry, new InProcessEventBus());
        Record dana = Users.create(server, "users", "relaydana", Map.of());
        assertThat(relay.resolve(ref(dana))).satisfies(r -> {
            assertThat(r.id()).isEqualTo(dana.id());
            assertThat(r.collection().id()).isEqualTo(dana.collection().id());
        });
        assertThat(relay.resolve(null)).as("a guest").isNull();
        assertThat(relay.resolve(new BusMessage.AuthRef(dana.collection().id(), "nosuchrecord00", SubscriptionRelay.keyDigest(dana))))
                .as("an unknown record").isNull();
        assertThat(relay.resolve(new BusMessage.AuthRef(dana.collection().name(), dana.id(), SubscriptionRelay.keyDigest(dana))))
                .as("a collection name instead of its id").isNull();
    }

    @Test
    void aNewTokenKeyMakesTheReferenceAGuest() {
        SubscriptionRelay relay = new SubscriptionRelay(server.basalt().database(), registry, new InProcessEventBus());
        Record erin = Users.create(server, "users", "relayerin", Map.of());
        BusMessage.AuthRef before = ref(erin);
        server.basalt().database().transaction(tx -> {
            new RecordRepository().update(tx.dsl(), erin.with("tokenKey", "another-token-key-of-fifty-characters-000000000000"));
        });
        assertThat(relay.resolve(before)).isNull();
    }

    @Test
    void aRequestNobodyAnswersIsA404AfterTheTimeout() {
        SubscriptionRelay relay = new SubscriptionRelay(server.basalt().database(), registry, new InProcessEventBus());
        long start = System.nanoTime();
        assertThatThrownBy(() -> relay.forward("nobody", List.of("x"), "127.0.0.1", null))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(404);
                    assertThat(e.getMessage()).isEqualTo("Missing or invalid client id.");
                });
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(SubscriptionRelay.REPLY_TIMEOUT);
    }

    @Test
    void theOwnersRefusalIsTheAnswer() {
        InProcessEventBus bus = new InProcessEventBus();
        SubscriptionRelay relay = new SubscriptionRelay(server.basalt().database(), registry, bus);
        bus.subscribe(m -> {
            if (m instanceof BusMessage.SubscribeRequest r) {
                assertThat(r.auth()).isNull();
                assertThat(r.subscriptions()).containsExactly("x");
                relay.answer(new BusMessage.SubscribeReply(r.requestId(), 403, "Refused."));
            }
        });
        assertThatThrownBy(() -> relay.forward("someone", List.of("x"), "127.0.0.1", null))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(403));
    }
}
