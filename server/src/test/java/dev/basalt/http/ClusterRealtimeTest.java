package dev.basalt.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.basalt.app.Config;
import dev.basalt.settings.Settings;
import dev.basalt.store.DatabaseConfig;
import dev.basalt.testing.TestDatabases;
import dev.basalt.testing.TestServer;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Three nodes on one PostgreSQL database (always PostgreSQL, whatever {@code basalt.test.db} says):
 * record changes reach realtime subscribers on every node, checked against that node's rules, and
 * collection and settings changes reach every node's caches within a second, and settings patched
 * on two nodes at once are merged, not overwritten.
 */
class ClusterRealtimeTest {

    static final Duration WAIT = Duration.ofSeconds(5);
    static final Duration QUIET = Duration.ofMillis(500);
    static final Duration CACHE_DELAY = Duration.ofSeconds(1);
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    static TestServer a;
    static TestServer b;
    static TestServer c;
    static String su;

    @BeforeAll
    static void start() {
        String url = TestDatabases.newPostgresDatabase();
        a = node(url);
        b = node(url);
        c = node(url);
        su = a.superuserToken();
        collection("cl_posts", "[{\"type\":\"text\",\"name\":\"title\"},{\"type\":\"number\",\"name\":\"count\"},"
                + "{\"type\":\"json\",\"name\":\"data\"},{\"type\":\"bool\",\"name\":\"flag\"}]", "\"\"");
        collection("cl_locked", "[{\"type\":\"text\",\"name\":\"title\"}]", "null");
        collection("cl_filtered", "[{\"type\":\"text\",\"name\":\"title\"},{\"type\":\"number\",\"name\":\"count\"},"
                + "{\"type\":\"json\",\"name\":\"data\"}]", "\"count > 1 && title != 'hidden'\"");
        for (TestServer node : List.of(b, c)) {
            await(WAIT, () -> node.get("/api/collections/cl_filtered/records", su).status() == 200, "cl_filtered");
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

    static TestServer node(String url) {
        return TestServer.start(config -> new Config(config.http(), DatabaseConfig.postgres(config.database().dataDir(), url),
                config.mail(), config.files(), config.realtime()));
    }

    static void collection(String name, String fields, String rule) {
        TestServer.Response r = a.post("/api/collections", "{\"name\":\"" + name + "\",\"type\":\"base\",\"fields\":" + fields
                + ",\"listRule\":" + rule + ",\"viewRule\":" + rule + ",\"createRule\":" + rule + "}", su);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
    }

    static RecordingSseClient subscribe(TestServer node, String token, String... topics) {
        RecordingSseClient sse = RecordingSseClient.connect(HTTP, node.baseUrl());
        TestServer.Response r = node.post("/api/realtime", RealtimeApiTest.body(sse.clientId(), List.of(topics)), token);
        assertThat(r.status()).as(r.body()).isEqualTo(204);
        return sse;
    }

    /** Polls until the condition holds, failing after {@code within}; returns how long it took. */
    static Duration await(Duration within, BooleanSupplier condition, String what) {
        long start = System.nanoTime();
        while (!condition.getAsBoolean()) {
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("waiting for " + what).isLessThan(within);
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /** Exactly {@code count} events (each awaited up to {@link #WAIT}), then none for {@link #QUIET}. */
    static List<RecordingSseClient.Event> take(RecordingSseClient sse, int count) {
        List<RecordingSseClient.Event> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            RecordingSseClient.Event e = sse.next(WAIT);
            assertThat(e).as("event %d of %d", i + 1, count).isNotNull();
            events.add(e);
        }
        assertThat(sse.drain(QUIET)).as("events after the expected ones").isEmpty();
        return events;
    }

    @Test
    void aRecordCreatedOnOneNodeReachesSubscribersOnEveryNodeOnceAsTheyWouldReadIt() {
        try (RecordingSseClient onA = subscribe(a, null, "cl_posts/*");
                RecordingSseClient onB = subscribe(b, null, "cl_posts/*");
                RecordingSseClient onC = subscribe(c, null, "cl_posts/*")) {
            TestServer.Response created = a.post("/api/collections/cl_posts/records",
                    "{\"title\":\"héllo\",\"count\":3,\"flag\":true,\"data\":{\"list\":[1,2.5,\"x\",null],\"text\":\"t\"}}", null);
            assertThat(created.status()).as(created.body()).isEqualTo(200);
            String id = created.json().get("id").asText();
            JsonNode asRead = b.get("/api/collections/cl_posts/records/" + id, null).json();
            for (RecordingSseClient sse : List.of(onA, onB, onC)) {
                List<RecordingSseClient.Event> events = take(sse, 1);
                assertThat(events.getFirst().json().get("action").asText()).isEqualTo("create");
                assertThat(events.getFirst().json().get("record")).isEqualTo(asRead);
            }
        }
    }

    @Test
    void changesOfOneRecordOnOneNodeArriveOnAnotherInOrder() {
        try (RecordingSseClient onC = subscribe(c, null, "cl_posts/*")) {
            String id = a.post("/api/collections/cl_posts/records", "{\"title\":\"v0\"}", null).json().get("id").asText();
            for (int i = 1; i <= 6; i++) {
                TestServer.Response r = a.patch("/api/collections/cl_posts/records/" + id, "{\"title\":\"v" + i + "\"}", su);
                assertThat(r.status()).as(r.body()).isEqualTo(200);
            }
            assertThat(take(onC, 7)).extracting(e -> e.json().at("/record/title").asText())
                    .containsExactly("v0", "v1", "v2", "v3", "v4", "v5", "v6");
        }
    }

    @Test
    void aGuestOnAnotherNodeGetsNothingFromASuperusersOnlyCollection() {
        try (RecordingSseClient guest = subscribe(b, null, "cl_locked/*", "cl_locked", "cl_posts/*");
                RecordingSseClient admin = subscribe(b, su, "cl_locked/*")) {
            TestServer.Response created = a.post("/api/collections/cl_locked/records", "{\"title\":\"secret\"}", su);
            assertThat(created.status()).as(created.body()).isEqualTo(200);
            // A public change after it: once the guest has this one, it would have had the secret.
            assertThat(a.post("/api/collections/cl_posts/records", "{\"title\":\"public\"}", su).status()).isEqualTo(200);
            assertThat(take(admin, 1)).extracting(e -> e.json().at("/record/title").asText()).containsExactly("secret");
            assertThat(take(guest, 1)).extracting(e -> e.json().at("/record/title").asText()).containsExactly("public");
        }
    }

    @Test
    void aFilterRuleIsCheckedOnAnotherNodeAgainstTheValuesTheChangeCarried() {
        try (RecordingSseClient guest = subscribe(b, null, "cl_filtered/*")) {
            // The last one matches: had the others been sent, they would have arrived before it.
            for (String body : List.of("{\"title\":\"first\",\"count\":3,\"data\":{\"kind\":[1,\"a\"]}}",
                    "{\"title\":\"hidden\",\"count\":3,\"data\":{\"kind\":\"b\"}}",
                    "{\"title\":\"too few\",\"count\":1,\"data\":\"text\"}",
                    "{\"title\":\"last\",\"count\":2.5,\"data\":null}")) {
                TestServer.Response created = a.post("/api/collections/cl_filtered/records", body, su);
                assertThat(created.status()).as(created.body()).isEqualTo(200);
            }
            assertThat(take(guest, 2)).extracting(e -> e.json().at("/record/title").asText()).containsExactly("first", "last");
        }
    }

    @Test
    void aCollectionCreatedOnOneNodeIsUsableOnTheOthersWithinASecond() {
        collection("cl_fresh", "[{\"type\":\"text\",\"name\":\"title\"}]", "\"\"");
        for (TestServer node : List.of(b, c)) {
            await(CACHE_DELAY, () -> node.get("/api/collections/cl_fresh/records", null).status() == 200, "cl_fresh");
        }
        TestServer.Response created = b.post("/api/collections/cl_fresh/records", "{\"title\":\"on b\"}", null);
        assertThat(created.status()).as(created.body()).isEqualTo(200);
    }

    @Test
    void aRuleChangedOnOneNodeIsEnforcedOnTheOthersWithinASecond() {
        collection("cl_closing", "[{\"type\":\"text\",\"name\":\"title\"}]", "\"\"");
        await(WAIT, () -> b.get("/api/collections/cl_closing/records", null).status() == 200, "cl_closing on b");
        TestServer.Response updated = a.patch("/api/collections/cl_closing", "{\"listRule\":null}", su);
        assertThat(updated.status()).as(updated.body()).isEqualTo(200);
        await(CACHE_DELAY, () -> b.get("/api/collections/cl_closing/records", null).status() == 403, "listRule null on b");
    }

    @Test
    void aSettingsPatchOnOneNodeIsVisibleOnTheOthersWithinASecond() {
        TestServer.Response patched = a.patch("/api/settings", "{\"meta\":{\"appName\":\"Cluster One\"}}", su);
        assertThat(patched.status()).as(patched.body()).isEqualTo(200);
        Predicate<TestServer> renamed = node -> node.get("/api/settings", su).json().at("/meta/appName").asText().equals("Cluster One");
        for (TestServer node : List.of(b, c)) {
            await(CACHE_DELAY, () -> renamed.test(node), "appName");
        }
    }

    @Test
    void settingsPatchesOfDifferentKeysOnTwoNodesAtOnceBothSurvive() throws Exception {
        for (int round = 1; round <= 8; round++) {
            String onA = "{\"logs\":{\"maxDays\":" + (10 + round) + "}}";
            String onB = "{\"batch\":{\"maxRequests\":" + (100 + round) + "}}";
            CyclicBarrier start = new CyclicBarrier(2);
            try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
                Future<Integer> patchA = threads.submit(() -> {
                    start.await();
                    return a.patch("/api/settings", onA, su).status();
                });
                Future<Integer> patchB = threads.submit(() -> {
                    start.await();
                    return b.patch("/api/settings", onB, su).status();
                });
                assertThat(patchA.get()).isEqualTo(200);
                assertThat(patchB.get()).isEqualTo(200);
            }
            Settings stored = c.basalt().settings().reload();
            assertThat(stored.logs().maxDays()).as("round %d, patched on a", round).isEqualTo(10 + round);
            assertThat(stored.batch().maxRequests()).as("round %d, patched on b", round).isEqualTo(100 + round);
        }
    }
}
