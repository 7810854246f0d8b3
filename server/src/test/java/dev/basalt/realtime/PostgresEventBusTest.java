package dev.basalt.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.basalt.store.Database;
import dev.basalt.store.DatabaseConfig;
import dev.basalt.store.Migrations;
import dev.basalt.testing.TestDatabases;
import java.io.IOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two nodes' buses on one embedded PostgreSQL database (always PostgreSQL, whatever
 * {@code basalt.test.db} says): each node is a {@link Database} of its own, as in a cluster.
 */
class PostgresEventBusTest {

    static final Duration WAIT = Duration.ofSeconds(5);
    static final Duration QUIET = Duration.ofMillis(300);

    static Database nodeA;
    static Database nodeB;

    @BeforeAll
    static void openDatabases() throws IOException {
        String url = TestDatabases.newPostgresDatabase();
        nodeA = Database.open(DatabaseConfig.postgres(Files.createTempDirectory("basalt-bus-a"), url).withPool(2, Duration.ofSeconds(5)));
        nodeB = Database.open(DatabaseConfig.postgres(Files.createTempDirectory("basalt-bus-b"), url).withPool(2, Duration.ofSeconds(5)));
        Migrations.run(nodeA, List.of(new EventsTable()));
    }

    @AfterAll
    static void closeDatabases() {
        nodeA.close();
        nodeB.close();
    }

    /** Keeps what a bus delivers, in order. */
    static final class RecordingSubscriber implements Consumer<BusMessage> {
        final BlockingQueue<BusMessage> received = new LinkedBlockingQueue<>();

        @Override
        public void accept(BusMessage message) {
            received.add(message);
        }

        /** Exactly {@code count} messages, then nothing more for a moment. */
        List<BusMessage> take(int count) throws InterruptedException {
            List<BusMessage> out = new ArrayList<>();
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (out.size() < count) {
                BusMessage m = received.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                assertThat(m).as("message %d of %d", out.size() + 1, count).isNotNull();
                out.add(m);
            }
            assertThat(received.poll(QUIET.toMillis(), TimeUnit.MILLISECONDS)).as("a message too many").isNull();
            return out;
        }
    }

    static BusMessage.RecordChange change(String id, Object value) {
        return new BusMessage.RecordChange("update", "pbc_1", Map.of("id", id, "value", value));
    }

    static RecordingSubscriber subscribe(EventBus bus) {
        RecordingSubscriber s = new RecordingSubscriber();
        bus.subscribe(s);
        return s;
    }

    @Test
    void messagesPublishedOnOneNodeArriveOnceOnEveryNodeInOrder() throws InterruptedException {
        try (PostgresEventBus a = new PostgresEventBus(nodeA); PostgresEventBus b = new PostgresEventBus(nodeB)) {
            RecordingSubscriber onA = subscribe(a);
            RecordingSubscriber onB = subscribe(b);
            List<BusMessage> sent = new ArrayList<>();
            for (int i = 0; i < 150; i++) {
                sent.add(change("r" + i, "v" + i));
            }
            sent.add(new BusMessage.ClientMessage("client1", "@oauth2", "{\"state\":\"s\"}", "127.0.0.1"));
            sent.add(new BusMessage.CollectionsChanged());
            sent.add(new BusMessage.CollectionsChanged());
            sent.add(new BusMessage.SettingsChanged());
            sent.forEach(a::publish);
            assertThat(onA.take(sent.size())).containsExactlyElementsOf(sent);
            assertThat(onB.take(sent.size())).containsExactlyElementsOf(sent);
        }
    }

    @Test
    void everyNodeSeesMessagesOfSeveralSendersInTheSameOrder() throws InterruptedException {
        try (PostgresEventBus a = new PostgresEventBus(nodeA); PostgresEventBus b = new PostgresEventBus(nodeB)) {
            RecordingSubscriber onA = subscribe(a);
            RecordingSubscriber onB = subscribe(b);
            for (int i = 0; i < 50; i++) {
                a.publish(change("a" + i, i));
                b.publish(change("b" + i, i));
            }
            List<BusMessage> seenByA = onA.take(100);
            assertThat(onB.take(100)).containsExactlyElementsOf(seenByA);
            assertThat(ids(seenByA, "a")).isEqualTo(expectedIds("a", 50));
            assertThat(ids(seenByA, "b")).isEqualTo(expectedIds("b", 50));
        }
    }

    @Test
    void aMessageOverTheNotifyLimitArrivesIntactByReference() throws InterruptedException, SQLException {
        // 4,500 characters but 9,000 bytes in UTF-8: over the limit only when bytes are counted.
        String big = "é".repeat(4_500);
        try (PostgresEventBus a = new PostgresEventBus(nodeA); PostgresEventBus b = new PostgresEventBus(nodeB)) {
            RecordingSubscriber onB = subscribe(b);
            int storedBefore = count("SELECT count(*) FROM _events");
            a.publish(change("small", "before"));
            a.publish(change("big", big));
            a.publish(change("small", "after"));
            assertThat(onB.take(3)).containsExactly(change("small", "before"), change("big", big), change("small", "after"));
            assertThat(count("SELECT count(*) FROM _events")).isEqualTo(storedBefore + 1);
        }
    }

    @Test
    void theListenerReconnectsAfterItsConnectionIsKilledAndLaterMessagesArrive() throws Exception {
        try (PostgresEventBus a = new PostgresEventBus(nodeA); PostgresEventBus b = new PostgresEventBus(nodeB)) {
            RecordingSubscriber onB = subscribe(b);
            String listener = "basalt-listen-" + b.node();
            int killed = count("SELECT pid FROM pg_stat_activity WHERE application_name = '" + listener + "'");
            assertThat(count("SELECT count(*) FROM pg_terminate_backend(" + killed + ") AS t(ok) WHERE ok")).isEqualTo(1);
            awaitConnection(listener, killed);
            a.publish(change("after-kill", 1));
            assertThat(onB.take(1)).containsExactly(change("after-kill", 1));
        }
    }

    @Test
    void theSenderReconnectsAfterItsConnectionIsKilledAndLosesNothing() throws Exception {
        try (PostgresEventBus a = new PostgresEventBus(nodeA); PostgresEventBus b = new PostgresEventBus(nodeB)) {
            RecordingSubscriber onB = subscribe(b);
            a.publish(change("first", 1));
            assertThat(onB.take(1)).containsExactly(change("first", 1));
            assertThat(count("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = '"
                    + "basalt-send-" + a.node() + "'")).isEqualTo(1);
            a.publish(change("second", 2));
            a.publish(change("third", 3));
            assertThat(onB.take(2)).containsExactly(change("second", 2), change("third", 3));
        }
    }

    @Test
    void aMessageReceivedTwiceIsDeliveredOnce() throws Exception {
        try (PostgresEventBus b = new PostgresEventBus(nodeB)) {
            RecordingSubscriber onB = subscribe(b);
            String text = "{\"node\":\"resender\",\"seq\":1,\"type\":\"collections\"}";
            notify(text);
            notify(text);
            notify("{\"node\":\"resender\",\"seq\":2,\"type\":\"settings\"}");
            assertThat(onB.take(2)).containsExactly(new BusMessage.CollectionsChanged(), new BusMessage.SettingsChanged());
        }
    }

    @Test
    void aMessageOfAnUnknownTypeOrUnreadableIsSkipped() throws Exception {
        try (PostgresEventBus b = new PostgresEventBus(nodeB)) {
            RecordingSubscriber onB = subscribe(b);
            notify("{\"node\":\"newer\",\"seq\":1,\"type\":\"somethingNew\",\"x\":1}");
            notify("not json");
            notify("{\"node\":\"newer\",\"seq\":2,\"type\":\"settings\"}");
            assertThat(onB.take(1)).containsExactly(new BusMessage.SettingsChanged());
        }
    }

    private static List<String> ids(List<BusMessage> messages, String prefix) {
        return messages.stream()
                .map(m -> ((BusMessage.RecordChange) m).recordId())
                .filter(id -> id.startsWith(prefix))
                .toList();
    }

    private static List<String> expectedIds(String prefix, int count) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(prefix + i);
        }
        return out;
    }

    private static void notify(String text) throws SQLException {
        try (Connection c = nodeA.connectDirect(); PreparedStatement s = c.prepareStatement("SELECT pg_notify(?, ?)")) {
            s.setString(1, PostgresEventBus.CHANNEL);
            s.setString(2, text);
            s.execute();
        }
    }

    private static int count(String sql) throws SQLException {
        try (Connection c = nodeA.connectDirect(); PreparedStatement s = c.prepareStatement(sql); ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** Waits until a new connection of this application name is there (the listener names it once it listens). */
    private static void awaitConnection(String applicationName, int killedPid) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (count("SELECT count(*) FROM pg_stat_activity WHERE application_name = '" + applicationName
                + "' AND pid <> " + killedPid) == 0) {
            assertThat(System.nanoTime()).as("%s reconnected", applicationName).isLessThan(deadline);
            Thread.sleep(50);
        }
    }
}
