package dev.basalt.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.basalt.testing.TestServer;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What subscribers receive (§6.3, §6.4, §10 43): topics, options, rules, the record JSON, auth changes. */
class RealtimeEventsTest {

    static final Duration WAIT = Duration.ofSeconds(5);
    static final Duration QUIET = Duration.ofMillis(700);
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    static TestServer server;
    static String su;
    static String aliceId;
    static String alice;
    static String bob;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        su = server.superuserToken();
        TestServer.AuthRecord a = server.createAuthRecord("users", "ev-alice@example.com", "1234567890");
        aliceId = a.id();
        alice = a.token();
        bob = server.createUser("ev-bob@example.com", "1234567890");
        String tags = collection("rt_tags", "[{\"type\":\"text\",\"name\":\"name\"}]", "\"\"", "\"\"");
        collection("rt_posts", "[{\"type\":\"text\",\"name\":\"title\"},"
                + "{\"type\":\"text\",\"name\":\"secret\",\"hidden\":true},"
                + "{\"type\":\"relation\",\"name\":\"tag\",\"collectionId\":\"" + tags + "\",\"maxSelect\":1}]", "\"\"", "\"\"");
        collection("rt_locked", "[{\"type\":\"text\",\"name\":\"title\"}]", "null", "null");
        collection("rt_owned", "[{\"type\":\"text\",\"name\":\"title\"},"
                + "{\"type\":\"relation\",\"name\":\"owner\",\"collectionId\":\"_pb_users_auth_\",\"maxSelect\":1}]",
                "\"owner = @request.auth.id\"", "\"owner = @request.auth.id\"");
        collection("rt_query", "[{\"type\":\"text\",\"name\":\"title\"}]",
                "\"@request.query.key = 'k1' && @request.headers.x_token = 'abc' && @request.context = 'realtime'\"", "\"\"");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static String collection(String name, String fields, String listRule, String viewRule) {
        TestServer.Response r = server.post("/api/collections", "{\"name\":\"" + name + "\",\"type\":\"base\",\"fields\":"
                + fields + ",\"listRule\":" + listRule + ",\"viewRule\":" + viewRule + "}", su);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().get("id").asText();
    }

    static String create(String collection, String json) {
        TestServer.Response r = server.post("/api/collections/" + collection + "/records", json, su);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().get("id").asText();
    }

    static RecordingSseClient subscribe(String token, String... topics) {
        RecordingSseClient sse = RecordingSseClient.connect(HTTP, server.baseUrl());
        TestServer.Response r = server.post("/api/realtime", RealtimeApiTest.body(sse.clientId(), List.of(topics)), token);
        assertThat(r.status()).as(r.body()).isEqualTo(204);
        return sse;
    }

    static String options(String json) {
        return "?options=" + TestServer.encode(json);
    }

    @Test
    void aWildcardSubscriberReceivesCreateUpdateAndDelete() {
        try (RecordingSseClient sse = subscribe(null, "rt_posts/*")) {
            String id = create("rt_posts", "{\"title\":\"one\"}");
            assertThat(server.patch("/api/collections/rt_posts/records/" + id, "{\"title\":\"two\"}", su).status()).isEqualTo(200);
            assertThat(server.delete("/api/collections/rt_posts/records/" + id, su).status()).isEqualTo(204);
            List<RecordingSseClient.Event> events = List.of(sse.next(WAIT), sse.next(WAIT), sse.next(WAIT));
            assertThat(events).extracting(RecordingSseClient.Event::name).containsOnly("rt_posts/*");
            assertThat(events).extracting(RecordingSseClient.Event::id).containsOnly(sse.clientId());
            assertThat(events).extracting(e -> e.json().get("action").asText()).containsExactly("create", "update", "delete");
            assertThat(events).extracting(e -> e.json().at("/record/title").asText()).containsExactly("one", "two", "two");
            JsonNode record = events.getFirst().json().get("record");
            assertThat(record.get("id").asText()).isEqualTo(id);
            assertThat(record.get("collectionName").asText()).isEqualTo("rt_posts");
            assertThat(record.has("collectionId")).isTrue();
        }
    }

    @Test
    void hiddenFieldsReachOnlySuperuserSubscribers() {
        try (RecordingSseClient guest = subscribe(null, "rt_posts/*"); RecordingSseClient admin = subscribe(su, "rt_posts/*")) {
            create("rt_posts", "{\"title\":\"h\",\"secret\":\"s3cret\"}");
            assertThat(guest.next(WAIT).json().get("record").has("secret")).isFalse();
            assertThat(admin.next(WAIT).json().at("/record/secret").asText()).isEqualTo("s3cret");
        }
    }

    @Test
    void aGuestReceivesNothingFromASuperusersOnlyCollection() {
        try (RecordingSseClient guest = subscribe(null, "rt_locked/*", "rt_locked");
                RecordingSseClient user = subscribe(alice, "rt_locked/*");
                RecordingSseClient admin = subscribe(su, "rt_locked/*")) {
            String id = create("rt_locked", "{\"title\":\"x\"}");
            try (RecordingSseClient guestOne = subscribe(null, "rt_locked/" + id)) {
                server.patch("/api/collections/rt_locked/records/" + id, "{\"title\":\"y\"}", su);
                assertThat(admin.drain(QUIET)).hasSize(2);
                assertThat(guest.drain(QUIET)).isEmpty();
                assertThat(user.drain(QUIET)).isEmpty();
                assertThat(guestOne.drain(QUIET)).isEmpty();
            }
        }
    }

    @Test
    void anOwnerOnlyRuleDeliversToTheOwnerAlone() {
        try (RecordingSseClient owner = subscribe(alice, "rt_owned/*");
                RecordingSseClient other = subscribe(bob, "rt_owned/*");
                RecordingSseClient guest = subscribe(null, "rt_owned/*")) {
            String id = create("rt_owned", "{\"title\":\"mine\",\"owner\":\"" + aliceId + "\"}");
            server.delete("/api/collections/rt_owned/records/" + id, su);
            assertThat(owner.drain(QUIET)).extracting(e -> e.json().get("action").asText()).containsExactly("create", "delete");
            assertThat(other.drain(QUIET)).isEmpty();
            assertThat(guest.drain(QUIET)).isEmpty();
        }
    }

    @Test
    void aRecordTopicFollowsOneRecordAndTheLegacyTopicFollowsAll() {
        String id = create("rt_posts", "{\"title\":\"followed\"}");
        String other = create("rt_posts", "{\"title\":\"other\"}");
        try (RecordingSseClient one = subscribe(null, "rt_posts/" + id); RecordingSseClient legacy = subscribe(null, "rt_posts")) {
            server.patch("/api/collections/rt_posts/records/" + other, "{\"title\":\"o2\"}", su);
            server.patch("/api/collections/rt_posts/records/" + id, "{\"title\":\"f2\"}", su);
            List<RecordingSseClient.Event> got = one.drain(QUIET);
            assertThat(got).extracting(RecordingSseClient.Event::name).containsExactly("rt_posts/" + id);
            assertThat(got.getFirst().json().at("/record/title").asText()).isEqualTo("f2");
            assertThat(legacy.drain(QUIET)).extracting(RecordingSseClient.Event::name).containsExactly("rt_posts", "rt_posts");
        }
    }

    @Test
    void twoMatchingSubscriptionsGetTwoMessagesNamedAsSubmitted() {
        String withOptions = "rt_posts/*" + options("{\"query\":{\"fields\":\"id\"}}");
        try (RecordingSseClient sse = subscribe(null, "rt_posts/*", withOptions)) {
            create("rt_posts", "{\"title\":\"twice\"}");
            List<RecordingSseClient.Event> got = sse.drain(QUIET);
            assertThat(got).extracting(RecordingSseClient.Event::name).containsExactlyInAnyOrder("rt_posts/*", withOptions);
        }
    }

    @Test
    void expandAndFieldsApplyPerSubscription() {
        String tag = create("rt_tags", "{\"name\":\"red\"}");
        String expanded = "rt_posts/*" + options("{\"query\":{\"expand\":\"tag\"}}");
        String picked = "rt_posts/*" + options("{\"query\":{\"expand\":\"tag\",\"fields\":\"id,expand.tag.name\"}}");
        try (RecordingSseClient sse = subscribe(null, expanded, picked, "rt_posts/*")) {
            create("rt_posts", "{\"title\":\"tagged\",\"tag\":\"" + tag + "\"}");
            List<RecordingSseClient.Event> got = sse.drain(QUIET);
            assertThat(got).hasSize(3);
            for (RecordingSseClient.Event e : got) {
                JsonNode record = e.json().get("record");
                if (e.name().equals(expanded)) {
                    assertThat(record.at("/expand/tag/name").asText()).isEqualTo("red");
                    assertThat(record.get("title").asText()).isEqualTo("tagged");
                } else if (e.name().equals(picked)) {
                    assertThat(record.at("/expand/tag/name").asText()).isEqualTo("red");
                    assertThat(record.has("title")).isFalse();
                    assertThat(record.at("/expand/tag/id").isMissingNode()).isTrue();
                } else {
                    assertThat(record.has("expand")).isFalse();
                }
            }
        }
    }

    @Test
    void aSubscriptionFilterNarrowsTheEvents() {
        String matching = "rt_posts/*" + options("{\"query\":{\"filter\":\"title = 'wanted'\"}}");
        String forbidden = "rt_posts/*" + options("{\"query\":{\"filter\":\"@request.context = 'realtime'\"}}");
        try (RecordingSseClient sse = subscribe(null, matching, forbidden); RecordingSseClient admin = subscribe(su, forbidden)) {
            create("rt_posts", "{\"title\":\"unwanted\"}");
            create("rt_posts", "{\"title\":\"wanted\"}");
            List<RecordingSseClient.Event> got = sse.drain(QUIET);
            assertThat(got).extracting(RecordingSseClient.Event::name).containsExactly(matching);
            assertThat(got.getFirst().json().at("/record/title").asText()).isEqualTo("wanted");
            assertThat(admin.drain(QUIET)).as("superusers may filter on @request").hasSize(2);
        }
    }

    @Test
    void optionsFeedRequestQueryAndHeadersInRules() {
        String good = "rt_query/*" + options("{\"query\":{\"key\":\"k1\"},\"headers\":{\"X-Token\":\"abc\"}}");
        String badKey = "rt_query/*" + options("{\"query\":{\"key\":\"k2\"},\"headers\":{\"X-Token\":\"abc\"}}");
        try (RecordingSseClient sse = subscribe(null, good, badKey, "rt_query/*")) {
            create("rt_query", "{\"title\":\"q\"}");
            assertThat(sse.drain(QUIET)).extracting(RecordingSseClient.Event::name).containsExactly(good);
        }
    }

    @Test
    void aPasswordChangeTurnsTheBoundClientIntoAGuest() {
        TestServer.AuthRecord carol = server.createAuthRecord("users", "ev-carol@example.com", "1234567890");
        try (RecordingSseClient sse = subscribe(carol.token(), "rt_owned/*")) {
            create("rt_owned", "{\"title\":\"before\",\"owner\":\"" + carol.id() + "\"}");
            assertThat(sse.drain(QUIET)).hasSize(1);
            assertThat(server.patch("/api/collections/users/records/" + carol.id(),
                    "{\"password\":\"0987654321\",\"passwordConfirm\":\"0987654321\"}", su).status()).isEqualTo(200);
            create("rt_owned", "{\"title\":\"after\",\"owner\":\"" + carol.id() + "\"}");
            assertThat(sse.drain(QUIET)).isEmpty();
            // As a guest again, the client may be bound to an auth once more.
            String fresh = server.login("users", "ev-carol@example.com", "0987654321");
            assertThat(server.post("/api/realtime", RealtimeApiTest.body(sse.clientId(), List.of("rt_owned/*")), fresh)
                    .status()).isEqualTo(204);
            create("rt_owned", "{\"title\":\"again\",\"owner\":\"" + carol.id() + "\"}");
            assertThat(sse.drain(QUIET)).hasSize(1);
        }
    }

    @Test
    void otherUpdatesOfTheAuthRecordKeepTheClientBound() {
        TestServer.AuthRecord dave = server.createAuthRecord("users", "ev-dave@example.com", "1234567890");
        try (RecordingSseClient sse = subscribe(dave.token(), "rt_owned/*")) {
            assertThat(server.patch("/api/collections/users/records/" + dave.id(), "{\"name\":\"Dave\"}", su).status())
                    .isEqualTo(200);
            create("rt_owned", "{\"title\":\"still\",\"owner\":\"" + dave.id() + "\"}");
            assertThat(sse.drain(QUIET)).hasSize(1);
            assertThat(server.post("/api/realtime", RealtimeApiTest.body(sse.clientId(), List.of()), null).status())
                    .as("still bound: a guest request is refused").isEqualTo(403);
        }
    }

    @Test
    void aReconnectedClientHasANewIdAndResubscribes() {
        RecordingSseClient first = subscribe(null, "rt_posts/*");
        String firstId = first.clientId();
        first.close();
        try (RecordingSseClient second = subscribe(null, "rt_posts/*")) {
            assertThat(second.clientId()).isNotEqualTo(firstId);
            create("rt_posts", "{\"title\":\"again\"}");
            assertThat(second.next(WAIT).json().at("/record/title").asText()).isEqualTo("again");
        }
    }

    @Test
    void theOAuth2RedirectMessagesTheClientWhoseIdIsTheState() {
        try (RecordingSseClient sse = subscribe(null, "@oauth2")) {
            TestServer.Response page = server.get("/api/oauth2-redirect?state=" + sse.clientId() + "&code=abc", null);
            assertThat(page.status()).isEqualTo(200);
            RecordingSseClient.Event e = sse.next(WAIT);
            assertThat(e.name()).isEqualTo("@oauth2");
            assertThat(e.json().get("state").asText()).isEqualTo(sse.clientId());
            assertThat(e.json().get("code").asText()).isEqualTo("abc");
            assertThat(e.json().has("error")).isFalse();
            server.get("/api/oauth2-redirect?state=" + sse.clientId() + "&code=def", null);
            assertThat(sse.drain(QUIET)).as("@oauth2 is unsubscribed after one message").isEmpty();
        }
    }

    @Test
    void theOAuth2RedirectSkipsClientsNotSubscribedToIt() {
        try (RecordingSseClient sse = subscribe(null, "rt_posts/*")) {
            server.get("/api/oauth2-redirect?state=" + sse.clientId() + "&code=abc", null);
            assertThat(sse.drain(QUIET)).isEmpty();
        }
    }
}
