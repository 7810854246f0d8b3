package dev.basalt.http;

import static dev.basalt.http.ClusterRealtimeTest.HTTP;
import static dev.basalt.http.ClusterRealtimeTest.WAIT;
import static dev.basalt.http.ClusterRealtimeTest.await;
import static dev.basalt.http.ClusterRealtimeTest.take;
import static org.assertj.core.api.Assertions.assertThat;

import dev.basalt.testing.TestDatabases;
import dev.basalt.testing.TestServer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * {@code POST /api/realtime} through any node of a three-node cluster (always PostgreSQL): the node
 * that holds the SSE connection applies it with the checks of a local POST, and the bus carries no
 * password hashes.
 */
class ClusterSubscriptionTest {

    static TestServer a;
    static TestServer b;
    static TestServer c;
    static String su;
    static String alice;
    static String bob;

    @BeforeAll
    static void start() {
        String url = TestDatabases.newPostgresDatabase();
        a = ClusterRealtimeTest.node(url);
        b = ClusterRealtimeTest.node(url);
        c = ClusterRealtimeTest.node(url);
        su = a.superuserToken();
        TestServer.Response r = a.post("/api/collections", "{\"name\":\"cs_notes\",\"type\":\"base\","
                + "\"fields\":[{\"type\":\"text\",\"name\":\"title\"}],\"listRule\":\"@request.auth.id != ''\","
                + "\"viewRule\":\"@request.auth.id != ''\",\"createRule\":\"\"}", su);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        alice = a.createUser("cs-alice@example.com", "1234567890");
        bob = a.createUser("cs-bob@example.com", "1234567890");
        for (TestServer node : List.of(b, c)) {
            await(WAIT, () -> node.get("/api/collections/cs_notes/records", su).status() == 200, "cs_notes");
        }
    }

    @AfterAll
    static void stop() {
        for (TestServer node : new TestServer[] {a, b, c}) {
            if (node != null) {
                node.close();
            }
        }
    }

    static TestServer.Response post(TestServer node, String clientId, String token, String... topics) {
        return node.post("/api/realtime", RealtimeApiTest.body(clientId, List.of(topics)), token);
    }

    static String createNote(String title) {
        TestServer.Response created = a.post("/api/collections/cs_notes/records", "{\"title\":\"" + title + "\"}", null);
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        return created.json().get("id").asText();
    }

    @Test
    void aClientOnOneNodeSubscribedThroughAnotherReceivesAChangeMadeOnAThird() {
        try (RecordingSseClient onB = RecordingSseClient.connect(HTTP, b.baseUrl())) {
            TestServer.Response r = post(c, onB.clientId(), alice, "cs_notes/*");
            assertThat(r.status()).as(r.body()).isEqualTo(204);
            createNote("through c");
            // The rule needs an auth: the note arrives only because B bound the client to alice.
            assertThat(take(onB, 1)).extracting(e -> e.json().at("/record/title").asText()).containsExactly("through c");
        }
    }

    @Test
    void anUnknownClientIdIsA404ThroughEveryNode() {
        for (TestServer node : List.of(a, b, c)) {
            TestServer.Response r = post(node, "nosuchclient0000000000000000000000000000", null, "cs_notes/*");
            assertThat(r.status()).as(r.body()).isEqualTo(404);
            assertThat(r.body()).contains("Missing or invalid client id.");
        }
    }

    @Test
    void anotherUsersTokenCannotTakeOverAClientThroughAnotherNode() {
        try (RecordingSseClient onB = RecordingSseClient.connect(HTTP, b.baseUrl())) {
            assertThat(post(c, onB.clientId(), alice, "cs_notes/*").status()).as("alice").isEqualTo(204);
            TestServer.Response switched = post(c, onB.clientId(), bob, "cs_notes/*", "users/*");
            assertThat(switched.status()).as("bob through c").isEqualTo(403);
            assertThat(switched.body()).contains("The current and the previous request authorization don't match.");
            assertThat(post(a, onB.clientId(), null, "users/*").status()).as("a guest through a").isEqualTo(403);
            assertThat(post(a, onB.clientId(), su, "users/*").status()).as("a superuser through a").isEqualTo(403);
            assertThat(post(b, onB.clientId(), bob, "users/*").status()).as("bob on b itself").isEqualTo(403);
            // The refused requests changed nothing: alice's one subscription stands.
            createNote("still alice's");
            assertThat(take(onB, 1)).extracting(RecordingSseClient.Event::name).containsExactly("cs_notes/*");
        }
    }

    @Test
    void theRequestIpMustBeTheConnectionsThroughAnotherNodeToo() {
        patchSettings("{\"trustedProxy\":{\"headers\":[\"X-Real-IP\"]}}", "X-Real-IP");
        try (RecordingSseClient onB = RecordingSseClient.connect(HTTP, b.baseUrl(), Map.of("X-Real-IP", "10.0.0.1"))) {
            String body = RealtimeApiTest.body(onB.clientId(), List.of("cs_notes/*"));
            TestServer.Response other = c.send("POST", "/api/realtime", body, alice, Map.of("X-Real-IP", "10.0.0.2"));
            assertThat(other.status()).as(other.body()).isEqualTo(400);
            assertThat(other.body()).contains("The request IP doesn't match the IP of the realtime connection.");
            TestServer.Response same = c.send("POST", "/api/realtime", body, alice, Map.of("X-Real-IP", "10.0.0.1"));
            assertThat(same.status()).as(same.body()).isEqualTo(204);
        } finally {
            patchSettings("{\"trustedProxy\":{\"headers\":[]}}", "");
        }
    }

    static void patchSettings(String patch, String firstHeader) {
        TestServer.Response r = a.patch("/api/settings", patch, su);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        for (TestServer node : List.of(b, c)) {
            await(WAIT, () -> node.get("/api/settings", su).json().at("/trustedProxy/headers/0").asText().equals(firstHeader),
                    "trustedProxy on every node");
        }
    }

    @Test
    void aRecordChangeOnTheBusCarriesNoPasswordHash() throws SQLException {
        try (Connection listen = a.basalt().database().connectDirect()) {
            try (Statement s = listen.createStatement()) {
                s.execute("LISTEN basalt_events");
            }
            String id = a.createAuthRecord("users", "cs-carol@example.com", "1234567890").id();
            String hash = a.basalt().database().read(dsl -> dsl.fetchValue("SELECT password FROM users WHERE id = ?", id)).toString();
            assertThat(hash).startsWith("$2");
            List<String> payloads = new ArrayList<>();
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (payloads.stream().noneMatch(p -> p.contains(id)) && System.nanoTime() < deadline) {
                PGNotification[] received = listen.unwrap(PGConnection.class).getNotifications(100);
                for (PGNotification n : received == null ? new PGNotification[0] : received) {
                    payloads.add(n.getParameter());
                }
            }
            List<String> aboutCarol = payloads.stream().filter(p -> p.contains(id)).toList();
            assertThat(aboutCarol).as("the change of the new user").isNotEmpty();
            assertThat(aboutCarol).allSatisfy(p -> {
                assertThat(p).doesNotContain(hash).doesNotContain("\"password\"");
                // Kept: nodes downgrade clients whose auth record's tokenKey changes.
                assertThat(p).contains("\"tokenKey\"");
            });
            assertThat(storedEvents(listen)).noneMatch(p -> p.contains(hash));
        }
    }

    static List<String> storedEvents(Connection c) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT payload FROM _events"); ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
