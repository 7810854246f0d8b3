package dev.basalt.http;

import static dev.basalt.http.RulesFixtures.ALICE;
import static dev.basalt.http.RulesFixtures.BOB;
import static dev.basalt.http.RulesFixtures.collection;
import static dev.basalt.http.RulesFixtures.insert;
import static dev.basalt.http.RulesFixtures.noteFields;
import static dev.basalt.http.RulesFixtures.relation;
import static dev.basalt.http.RulesFixtures.rules;
import static dev.basalt.http.RulesFixtures.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.basalt.testing.Scenario;
import dev.basalt.testing.TestServer;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Rules that join other collections ({@code @collection.*} with aliases, relation paths), hidden
 * fields in rules and client filters, the restrictions on a client's {@code filter} and
 * {@code sort} (API.md §3.6, §3.7; §10 items 4, 7, 9), and create rules on the would-be record.
 */
class RulesSearchApiTest {

    static TestServer server;

    private static String path(String collection) {
        return "/api/collections/" + collection + "/records";
    }

    private static String filter(String collection, String filter) {
        return path(collection) + "?filter=" + TestServer.encode(filter);
    }

    @BeforeAll
    static void start() {
        server = TestServer.start();
        RulesFixtures.createAll(server);
        collection(server, "grants", "base", "[" + text("user") + "," + text("note") + "]", rules(null));
        collection(server, "flags", "base", "[" + text("value") + "]", rules(null));
        collection(server, "shared", "base", noteFields(),
                rules("@collection.grants:g.user ?= @request.auth.id && @collection.grants:g.note ?= id"));
        collection(server, "shared_loose", "base", noteFields(),
                rules("@collection.grants:a.user ?= @request.auth.id && @collection.grants:b.note ?= id"));
        collection(server, "gated_all", "base", noteFields(), rules("@collection.flags.value = 'on'"));
        collection(server, "gated_any", "base", noteFields(), rules("@collection.flags.value ?= 'on'"));
        collection(server, "hidden_rule", "base", noteFields(), rules("secret = 'k'"));
        collection(server, "open", "base", noteFields(), rules(""));
        collection(server, "teams_locked", "base", "[" + text("name") + "]", rules(null));
        collection(server, "teams_ruled", "base", "[" + text("name") + "]", rules("name != 'hidden'"));
        collection(server, "posts", "base", "[" + text("title") + "," + relation("team", "teams_locked", 1) + ","
                + relation("club", "teams_ruled", 1) + "]", rules(""));
        collection(server, "parts", "base", noteFields(), rules("@request.auth.id != ''"));
        collection(server, "bundles", "base", "[" + text("title") + "," + relation("parts", "parts", 5) + "]", rules(""));
        collection(server, "vetted", "base", noteFields(), rules("",
                "createRule", "views > 5 && owner.team.name = 'red'"));
        collection(server, "vetted_teams", "base", noteFields(), rules("", "createRule", "teams.name = 'red'"));
        collection(server, "strict", "base", "[{\"type\":\"text\",\"name\":\"title\",\"required\":true},"
                + "{\"type\":\"text\",\"name\":\"code\"}," + relation("owner", "members", 1) + "]",
                rules("", "createRule", "owner = @request.auth.id"));

        insert(server, "grants", "{\"user\":\"" + ALICE + "\",\"note\":\"shared000000001\"}");
        insert(server, "grants", "{\"user\":\"" + BOB + "\",\"note\":\"shared000000002\"}");
        insert(server, "grants", "{\"user\":\"somebody\",\"note\":\"sharedloose0001\"}");
        insert(server, "grants", "{\"user\":\"somebody\",\"note\":\"sharedloose0002\"}");
        for (String c : List.of("shared", "shared_loose")) {
            String prefix = c.replace("_", "");
            insert(server, c, "{\"id\":\"" + (prefix + "000000000000").substring(0, 14) + "1\"}");
            insert(server, c, "{\"id\":\"" + (prefix + "000000000000").substring(0, 14) + "2\"}");
            insert(server, c, "{\"id\":\"" + (prefix + "000000000000").substring(0, 14) + "3\"}");
        }
        insert(server, "flags", "{\"value\":\"on\"}");
        insert(server, "flags", "{\"value\":\"off\"}");
        insert(server, "gated_all", "{\"title\":\"g\"}");
        insert(server, "gated_any", "{\"title\":\"g\"}");
        insert(server, "hidden_rule", "{\"id\":\"hiddenk00000001\",\"title\":\"k\",\"secret\":\"k\"}");
        insert(server, "hidden_rule", "{\"id\":\"hiddenz00000001\",\"title\":\"z\",\"secret\":\"z\"}");
        insert(server, "open", "{\"title\":\"o\"}");
        insert(server, "teams_locked", "{\"id\":\"lockedteam00001\",\"name\":\"red\"}");
        insert(server, "teams_ruled", "{\"id\":\"clubhidden00001\",\"name\":\"hidden\"}");
        insert(server, "teams_ruled", "{\"id\":\"clubshown000001\",\"name\":\"shown\"}");
        insert(server, "posts", "{\"id\":\"post00000000001\",\"team\":\"lockedteam00001\",\"club\":\"clubhidden00001\"}");
        insert(server, "posts", "{\"id\":\"post00000000002\",\"club\":\"clubshown000001\"}");
        insert(server, "posts", "{\"id\":\"post00000000003\"}");
        insert(server, "parts", "{\"id\":\"part00000000001\",\"tags\":[\"a\",\"b\"]}");
        insert(server, "parts", "{\"id\":\"part00000000002\",\"tags\":[\"a\"]}");
        insert(server, "bundles", "{\"id\":\"bundle000000001\",\"parts\":[\"part00000000001\",\"part00000000002\"]}");
        insert(server, "bundles", "{\"id\":\"bundle000000002\",\"parts\":[\"part00000000002\"]}");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static String alice(TestServer s) {
        return RulesFixtures.aliceToken;
    }

    static String bob(TestServer s) {
        return RulesFixtures.bobToken;
    }

    @TestFactory
    List<DynamicTest> collectionJoins() {
        return Scenario.run(server, List.of(
                Scenario.get(path("shared")).as(RulesSearchApiTest::alice)
                        .expect(200, "\"totalItems\":1", "\"id\":\"shared000000001\"")
                        .named("one @collection alias is one joined row: both conditions on the same grant"),
                Scenario.get(path("shared")).as(RulesSearchApiTest::bob)
                        .expect(200, "\"totalItems\":1", "\"id\":\"shared000000002\"")
                        .named("another user sees the record granted to them"),
                Scenario.get(path("shared"))
                        .expect(200, "\"totalItems\":0")
                        .named("a guest matches no grant"),
                Scenario.get(path("shared") + "/shared000000002").as(RulesSearchApiTest::alice)
                        .expect(404)
                        .named("a record granted to someone else is a 404 on view"),
                Scenario.get(path("shared_loose")).as(RulesSearchApiTest::alice)
                        .expect(200, "\"totalItems\":2", "sharedloose0001", "sharedloose0002")
                        .notExpect("sharedloose0003")
                        .named("two aliases are independent joins: any grant of the user, any grant of the record"),
                Scenario.get(path("shared_loose"))
                        .expect(200, "\"totalItems\":0")
                        .named("a guest has no grant under either alias"),
                Scenario.get(path("gated_all"))
                        .expect(200, "\"totalItems\":0")
                        .named("a plain operator on @collection requires every joined row to match"),
                Scenario.get(path("gated_any"))
                        .expect(200, "\"totalItems\":1")
                        .named("an any-of operator on @collection requires one joined row to match")));
    }

    @TestFactory
    List<DynamicTest> hiddenFields() {
        return Scenario.run(server, List.of(
                Scenario.get(path("hidden_rule"))
                        .expect(200, "\"totalItems\":1", "\"id\":\"hiddenk00000001\"")
                        .notExpect("\"secret\"")
                        .named("a rule may use a hidden field (§10 item 7)"),
                Scenario.get(path("hidden_rule") + "/hiddenz00000001")
                        .expect(404)
                        .named("a view rule on a hidden field"),
                Scenario.get(filter("hidden_rule", "secret = 'k'")).as(RulesSearchApiTest::alice)
                        .expect(400, "\"data\":{}")
                        .named("a user's filter on a hidden field is a 400"),
                Scenario.get(path("hidden_rule") + "?sort=secret")
                        .expect(400, "\"data\":{}")
                        .named("a guest's sort on a hidden field is a 400"),
                Scenario.get(filter("hidden_rule", "secret = 'z'")).asSuperuser()
                        .expect(200, "\"totalItems\":1", "\"secret\":\"z\"")
                        .named("a superuser filters on a hidden field"),
                Scenario.get(filter("members", "email = 'bob@example.com'")).as(RulesSearchApiTest::alice)
                        .expect(200, "\"totalItems\":0")
                        .named("a hidden email (emailVisibility false) does not match a user's filter"),
                Scenario.get(filter("members", "tokenKey != ''")).as(RulesSearchApiTest::alice)
                        .expect(400, "\"data\":{}")
                        .named("a user's filter on an auth record's tokenKey is a 400"),
                Scenario.get(filter("members", "password != ''"))
                        .expect(400, "\"data\":{}")
                        .named("a guest's filter on a password hash is a 400"),
                Scenario.get(filter("vetted", "owner.tokenKey != ''")).as(RulesSearchApiTest::alice)
                        .expect(400, "\"data\":{}")
                        .named("a hidden field behind a relation is a 400 too"),
                Scenario.get(filter("members", "email = 'bob@example.com'")).asSuperuser()
                        .expect(200, "\"totalItems\":1")
                        .named("a superuser filters on any email")));
    }

    @TestFactory
    List<DynamicTest> clientFilterRestrictions() {
        return Scenario.run(server, List.of(
                Scenario.get(path("open") + "?filter=@request.auth.id=''")
                        .expect(403, "\"data\":{}")
                        .named("@request. in a guest's raw filter is a 403"),
                Scenario.get(filter("open", "@request.auth.id = ''")).as(RulesSearchApiTest::alice)
                        .expect(403, "\"data\":{}")
                        .named("@request. in a user's URL-encoded filter is a 403"),
                Scenario.get(path("open") + "?filter=@collection.grants.user='x'")
                        .expect(403, "\"data\":{}")
                        .named("@collection. in a raw filter is a 403"),
                Scenario.get(filter("open", "@collection.grants.user = 'x'")).as(RulesSearchApiTest::alice)
                        .expect(403, "\"data\":{}")
                        .named("@collection. in a URL-encoded filter is a 403"),
                Scenario.get(path("open") + "?sort=@request.auth.title")
                        .expect(403, "\"data\":{}")
                        .named("@request. in a sort is a 403"),
                Scenario.get(path("open") + "?sort=" + TestServer.encode("-@collection.grants.user"))
                        .as(RulesSearchApiTest::alice)
                        .expect(403, "\"data\":{}")
                        .named("@collection. in a sort is a 403"),
                Scenario.get(filter("open", "@collection.grants.user ?= '" + ALICE + "'")).asSuperuser()
                        .expect(200, "\"totalItems\":1")
                        .named("a superuser may filter with @collection."),
                Scenario.get(filter("open", "@request.auth.id != ''")).asSuperuser()
                        .expect(200, "\"totalItems\":1")
                        .named("a superuser may filter with @request."),
                Scenario.get(filter("posts", "team.name = 'red'")).as(RulesSearchApiTest::alice)
                        .expect(400, "\"data\":{}")
                        .named("a filter into a collection whose listRule is null is a 400"),
                Scenario.get(path("posts") + "?sort=team.name")
                        .expect(400, "\"data\":{}")
                        .named("a sort into a collection whose listRule is null is a 400"),
                Scenario.get(filter("posts", "team.name = 'red'")).asSuperuser()
                        .expect(200, "\"totalItems\":1")
                        .named("a superuser filters through a locked relation"),
                Scenario.get(filter("posts", "club.name = 'hidden'")).as(RulesSearchApiTest::alice)
                        .expect(200, "\"totalItems\":0")
                        .named("the related collection's listRule is ANDed with the filter"),
                Scenario.get(filter("posts", "club.name = 'hidden'")).asSuperuser()
                        .expect(200, "\"totalItems\":1")
                        .named("a superuser bypasses the related listRule"),
                Scenario.get(filter("posts", "club.name != 'zzz'")).as(RulesSearchApiTest::alice)
                        .expect(200, "\"totalItems\":2", "post00000000002", "post00000000003")
                        .notExpect("post00000000001")
                        .named("a missing relation passes the related listRule"),
                Scenario.get(path("posts")).as(RulesSearchApiTest::alice)
                        .expect(200, "\"totalItems\":3")
                        .named("without a filter through the relation nothing is added")));
    }

    @TestFactory
    List<DynamicTest> multiRelationLength() {
        return Scenario.run(server, List.of(
                Scenario.get(filter("bundles", "parts.tags:length ?= 2")).as(RulesSearchApiTest::alice)
                        .expect(200, "\"totalItems\":1", "bundle000000001")
                        .named("any related record with two tags (§10 item 9)"),
                Scenario.get(filter("bundles", "parts.tags:length = 2")).as(RulesSearchApiTest::alice)
                        .expect(200, "\"totalItems\":0")
                        .named("every related record with two tags"),
                Scenario.get(filter("bundles", "parts.tags:length = 1")).as(RulesSearchApiTest::alice)
                        .expect(200, "\"totalItems\":1", "bundle000000002")
                        .named("every related record with one tag"),
                Scenario.get(filter("bundles", "parts.tags:length ?= 2"))
                        .expect(200, "\"totalItems\":0")
                        .named("a guest failing the related listRule matches nothing"),
                Scenario.get(filter("bundles", "parts:length = 2")).as(RulesSearchApiTest::alice)
                        .expect(200, "\"totalItems\":1", "bundle000000001")
                        .named(":length of the relation field itself")));
    }

    @TestFactory
    List<DynamicTest> createRuleOnTheWouldBeRecord() {
        return Scenario.run(server, List.of(
                Scenario.post(path("vetted"), "{\"views\":7,\"owner\":\"" + ALICE + "\"}")
                        .expect(200, "\"views\":7")
                        .named("the create rule reads the record's own fields and relations"),
                Scenario.post(path("vetted"), "{\"views\":3,\"owner\":\"" + ALICE + "\"}")
                        .expect(400, "\"message\":\"Failed to create record.\"", "\"data\":{}")
                        .named("a field of the would-be record failing the create rule"),
                Scenario.post(path("vetted"), "{\"views\":7,\"owner\":\"" + BOB + "\"}")
                        .expect(400, "\"data\":{}")
                        .named("a relation path of the would-be record failing the create rule"),
                Scenario.post(path("vetted_teams"), "{\"teams\":[\"teamred00000001\"]}")
                        .expect(200, "\"teams\":[\"teamred00000001\"]")
                        .named("a multi relation of the would-be record whose every item matches"),
                Scenario.post(path("vetted_teams"), "{\"teams\":[\"teamred00000001\",\"teamblue0000001\"]}")
                        .expect(400, "\"data\":{}")
                        .named("a plain operator on a multi relation of the would-be record needs every item"),
                Scenario.post(path("strict"), "{\"owner\":\"" + BOB + "\"}").as(RulesSearchApiTest::alice)
                        .expect(400, "\"message\":\"Failed to create record.\"", "\"data\":{}")
                        .notExpect("title")
                        .named("the create rule is checked before validation: no field errors leak"),
                Scenario.post(path("strict"), "{\"owner\":\"" + ALICE + "\"}").as(RulesSearchApiTest::alice)
                        .expect(400, "\"title\":{\"code\":\"validation_required\"")
                        .named("a create passing the rule is validated"),
                Scenario.post(path("vetted"), "{\"views\":3,\"owner\":\"" + BOB + "\"}").asSuperuser()
                        .expect(200, "\"views\":3")
                        .named("a superuser bypasses the create rule")));
    }

    @Test
    void aFailedCreateRuleWritesNothing() {
        int before = RulesFixtures.count(server, "vetted");
        TestServer.Response r = server.post(path("vetted"), "{\"id\":\"vettedfail00001\",\"views\":1}", null);
        assertThat(r.status()).isEqualTo(400);
        assertThat(RulesFixtures.count(server, "vetted")).isEqualTo(before);
    }
}
