package dev.basalt.http;

import static dev.basalt.http.RulesFixtures.ALICE;
import static dev.basalt.http.RulesFixtures.BOB;
import static dev.basalt.http.RulesFixtures.collection;
import static dev.basalt.http.RulesFixtures.insert;
import static dev.basalt.http.RulesFixtures.noteFields;
import static dev.basalt.http.RulesFixtures.rules;

import dev.basalt.testing.Scenario;
import dev.basalt.testing.TestServer;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Rules on the request itself: {@code @request.body.*} with its modifiers, {@code @request.query.*},
 * {@code @request.headers.*}, {@code @request.method} and {@code @request.context} (API.md §3.4, §3.5).
 */
class RulesRequestApiTest {

    static TestServer server;

    private static String path(String collection) {
        return "/api/collections/" + collection + "/records";
    }

    @BeforeAll
    static void start() {
        server = TestServer.start();
        RulesFixtures.createAll(server);
        collection(server, "body_value", "base", noteFields(), rules("",
                "createRule", "@request.body.title = 'ok'",
                "updateRule", "@request.body.views > 10"));
        collection(server, "body_isset", "base", noteFields(), rules("",
                "createRule", "@request.body.status:isset = true",
                "updateRule", "@request.body.status:isset = false"));
        collection(server, "body_changed", "base", noteFields(), rules("",
                "updateRule", "@request.body.title:changed = false"));
        collection(server, "body_tags", "base", noteFields(), rules("",
                "createRule", "@request.body.tags:length > 1",
                "updateRule", "@request.body.tags:each != 'd'"));
        collection(server, "body_relation", "base", noteFields(), rules("",
                "createRule", "@request.body.owner.role = 'admin'"));
        collection(server, "by_query", "base", noteFields(), rules("",
                "listRule", "@request.query.key = 'secret'",
                "viewRule", "@request.query.flag:isset = true"));
        collection(server, "by_header", "base", noteFields(), rules("",
                "listRule", "@request.headers.x_token = 'abc'",
                "viewRule", "@request.headers.x_token:lower = 'abc'"));
        collection(server, "by_method", "base", noteFields(), rules("@request.method = 'GET'",
                "updateRule", "@request.method = 'PATCH'"));
        collection(server, "ctx_target", "base", noteFields(), rules("",
                "viewRule", "@request.context = 'expand'"));
        collection(server, "ctx_plain", "base", noteFields(), rules("",
                "viewRule", "@request.context = 'default'"));
        collection(server, "ctx_source", "base", "[" + RulesFixtures.text("title") + ","
                + RulesFixtures.relation("target", "ctx_target", 1) + ","
                + RulesFixtures.relation("plain", "ctx_plain", 1) + "]", rules(""));

        insert(server, "body_value", "{\"id\":\"bodyvalue000001\",\"title\":\"t\",\"views\":5}");
        insert(server, "body_isset", "{\"id\":\"bodyisset000001\",\"title\":\"t\",\"status\":\"draft\"}");
        insert(server, "body_changed", "{\"id\":\"bodychanged0001\",\"title\":\"same\"}");
        insert(server, "body_tags", "{\"id\":\"bodytags0000001\",\"tags\":[\"a\"]}");
        insert(server, "by_query", "{\"id\":\"byquery00000001\",\"title\":\"q\"}");
        insert(server, "by_header", "{\"id\":\"byheader0000001\",\"title\":\"h\"}");
        insert(server, "by_method", "{\"id\":\"bymethod0000001\",\"title\":\"m\"}");
        insert(server, "ctx_target", "{\"id\":\"ctxtarget000001\",\"title\":\"target\"}");
        insert(server, "ctx_plain", "{\"id\":\"ctxplain0000001\",\"title\":\"plain\"}");
        insert(server, "ctx_source", "{\"id\":\"ctxsource000001\",\"title\":\"source\",\"target\":\"ctxtarget000001\","
                + "\"plain\":\"ctxplain0000001\"}");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static String alice(TestServer s) {
        return RulesFixtures.aliceToken;
    }

    @TestFactory
    List<DynamicTest> body() {
        return Scenario.run(server, List.of(
                Scenario.post(path("body_value"), "{\"title\":\"ok\"}")
                        .expect(200, "\"title\":\"ok\"")
                        .named("@request.body.title matches the submitted value"),
                Scenario.post(path("body_value"), "{\"title\":\"nope\"}")
                        .expect(400, "\"message\":\"Failed to create record.\"", "\"data\":{}")
                        .named("@request.body.title refuses another value"),
                Scenario.post(path("body_value"), "{}")
                        .expect(400, "\"data\":{}")
                        .named("@request.body.title of a body without it is null"),
                Scenario.patch(path("body_value") + "/bodyvalue000001", "{\"views+\":1}")
                        .expect(404, "\"data\":{}")
                        .named("@request.body.views sees the value after the views+ modifier (5+1)"),
                Scenario.patch(path("body_value") + "/bodyvalue000001", "{\"views+\":10}")
                        .expect(200, "\"views\":15")
                        .named("@request.body.views after views+ (5+10) satisfies the update rule"),
                Scenario.patch(path("body_value") + "/bodyvalue000001", "{\"views\":\"20\"}")
                        .expect(200, "\"views\":20")
                        .named("@request.body.views compares a numeric string as a number"),
                Scenario.patch(path("body_value") + "/bodyvalue000001", "{\"title\":\"x\"}")
                        .expect(404)
                        .named("@request.body.views of a body without views is null"),
                Scenario.post(path("body_isset"), "{\"status\":\"\"}")
                        .expect(200, "\"status\":\"\"")
                        .named(":isset is true for a submitted empty value"),
                Scenario.post(path("body_isset"), "{\"title\":\"x\"}")
                        .expect(400, "\"data\":{}")
                        .named(":isset is false for a key not submitted"),
                Scenario.patch(path("body_isset") + "/bodyisset000001", "{\"status\":\"published\"}")
                        .expect(404)
                        .named(":isset = false refuses an update that submits the key"),
                Scenario.patch(path("body_isset") + "/bodyisset000001", "{\"title\":\"renamed\"}")
                        .expect(200, "\"title\":\"renamed\"", "\"status\":\"draft\"")
                        .named(":isset = false allows an update without the key"),
                Scenario.patch(path("body_changed") + "/bodychanged0001", "{\"title\":\"same\"}")
                        .expect(200, "\"title\":\"same\"")
                        .named(":changed is false when the submitted value equals the stored one"),
                Scenario.patch(path("body_changed") + "/bodychanged0001", "{\"views\":3}")
                        .expect(200, "\"views\":3")
                        .named(":changed is false when the key is not submitted"),
                Scenario.patch(path("body_changed") + "/bodychanged0001", "{\"title\":\"other\"}")
                        .expect(404)
                        .named(":changed is true for a different value"),
                Scenario.post(path("body_tags"), "{\"tags\":[\"a\",\"b\"]}")
                        .expect(200, "\"tags\":[\"a\",\"b\"]")
                        .named("@request.body.tags:length counts the submitted items"),
                Scenario.post(path("body_tags"), "{\"tags\":[\"a\"]}")
                        .expect(400, "\"data\":{}")
                        .named("@request.body.tags:length refuses a single item"),
                Scenario.post(path("body_tags"), "{\"tags\":\"a\"}")
                        .expect(400, "\"data\":{}")
                        .named("@request.body.tags:length of a single string is 1"),
                Scenario.patch(path("body_tags") + "/bodytags0000001", "{\"tags+\":\"d\"}")
                        .expect(404)
                        .named("@request.body.tags:each sees the items after the tags+ modifier"),
                Scenario.patch(path("body_tags") + "/bodytags0000001", "{\"tags+\":[\"b\",\"c\"]}")
                        .expect(200, "\"tags\":[\"a\",\"b\",\"c\"]")
                        .named("@request.body.tags:each holds for every appended item"),
                Scenario.patch(path("body_tags") + "/bodytags0000001", "{\"tags-\":\"b\"}")
                        .expect(200, "\"tags\":[\"a\",\"c\"]")
                        .named("@request.body.tags:each after tags- holds for the remaining items"),
                Scenario.post(path("body_relation"), "{\"owner\":\"" + ALICE + "\"}")
                        .expect(200, "\"owner\":\"" + ALICE + "\"")
                        .named("@request.body.owner.role follows the submitted relation id"),
                Scenario.post(path("body_relation"), "{\"owner\":\"" + BOB + "\"}")
                        .expect(400, "\"data\":{}")
                        .named("@request.body.owner.role refuses a related record with another role")));
    }

    @TestFactory
    List<DynamicTest> queryHeadersAndMethod() {
        return Scenario.run(server, List.of(
                Scenario.get(path("by_query") + "?key=secret")
                        .expect(200, "\"totalItems\":1")
                        .named("@request.query.key matches the query parameter"),
                Scenario.get(path("by_query") + "?key=other")
                        .expect(200, "\"totalItems\":0")
                        .named("@request.query.key filters out another value"),
                Scenario.get(path("by_query"))
                        .expect(200, "\"totalItems\":0")
                        .named("@request.query.key without the parameter is null"),
                Scenario.get(path("by_query") + "/byquery00000001?flag=")
                        .expect(200, "\"title\":\"q\"")
                        .named("@request.query.flag:isset is true for an empty parameter"),
                Scenario.get(path("by_query") + "/byquery00000001")
                        .expect(404)
                        .named("@request.query.flag:isset is false without the parameter"),
                Scenario.get(path("by_header")).header("X-Token", "abc")
                        .expect(200, "\"totalItems\":1")
                        .named("@request.headers.x_token reads the X-Token header"),
                Scenario.get(path("by_header")).header("x-token", "ABC")
                        .expect(200, "\"totalItems\":0")
                        .named("@request.headers.x_token compares the value as sent"),
                Scenario.get(path("by_header"))
                        .expect(200, "\"totalItems\":0")
                        .named("@request.headers.x_token without the header is null"),
                Scenario.get(path("by_header") + "/byheader0000001").header("X-Token", "ABC")
                        .expect(200, "\"title\":\"h\"")
                        .named("@request.headers.x_token:lower lower-cases the header value"),
                Scenario.get(path("by_method"))
                        .expect(200, "\"totalItems\":1")
                        .named("@request.method is GET on a list"),
                Scenario.get(path("by_method") + "/bymethod0000001")
                        .expect(200)
                        .named("@request.method is GET on a view"),
                Scenario.post(path("by_method"), "{\"title\":\"x\"}")
                        .expect(400, "\"data\":{}")
                        .named("@request.method is POST on a create"),
                Scenario.patch(path("by_method") + "/bymethod0000001", "{\"title\":\"patched\"}")
                        .expect(200, "\"title\":\"patched\"")
                        .named("@request.method is PATCH on an update"),
                Scenario.delete(path("by_method") + "/bymethod0000001")
                        .expect(404)
                        .named("@request.method is DELETE on a delete")));
    }

    @TestFactory
    List<DynamicTest> context() {
        return Scenario.run(server, List.of(
                Scenario.get(path("ctx_target") + "/ctxtarget000001")
                        .expect(404)
                        .named("@request.context is default on a direct view"),
                Scenario.get(path("ctx_plain") + "/ctxplain0000001")
                        .expect(200, "\"title\":\"plain\"")
                        .named("@request.context = 'default' holds on a direct view"),
                Scenario.get(path("ctx_source") + "/ctxsource000001?expand=target,plain")
                        .expect(200, "\"expand\":{\"target\":{", "\"title\":\"target\"")
                        .notExpect("\"title\":\"plain\"")
                        .named("@request.context is expand while expanding a relation"),
                Scenario.get(path("ctx_source") + "?expand=target")
                        .expect(200, "\"title\":\"target\"")
                        .named("@request.context is expand while expanding a list"),
                Scenario.get(path("ctx_target") + "/ctxtarget000001").as(RulesRequestApiTest::alice)
                        .expect(404)
                        .named("a user's direct view is default context too"),
                Scenario.get(path("ctx_target") + "/ctxtarget000001").asSuperuser()
                        .expect(200)
                        .named("a superuser bypasses the context rule")));
    }
}
