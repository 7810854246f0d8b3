package dev.basalt.http;

import static dev.basalt.http.RulesFixtures.ALICE;
import static dev.basalt.http.RulesFixtures.BOB;
import static dev.basalt.http.RulesFixtures.collection;
import static dev.basalt.http.RulesFixtures.insert;
import static dev.basalt.http.RulesFixtures.noteFields;
import static dev.basalt.http.RulesFixtures.rules;
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
 * API rules seen by regular users and guests: owner-only collections, null and empty rules, and
 * the {@code @request.auth.*} identifiers (API.md §3.4, §3.8, §10 items 2, 6, 10, 22).
 */
class RulesApiTest {

    static TestServer server;

    private static final String NOTES = "/api/collections/notes/records";
    private static final String LOCKED = "/api/collections/locked/records";
    private static final String OPEN = "/api/collections/open/records";
    private static final String AUTHED = "/api/collections/authed/records";
    private static final String MEMBERS_ONLY = "/api/collections/members_only/records";
    private static final String ADMINS = "/api/collections/admins/records";
    private static final String RED = "/api/collections/red_team/records";

    @BeforeAll
    static void start() {
        server = TestServer.start();
        RulesFixtures.createAll(server);
        collection(server, "notes", "base", noteFields(), rules("owner = @request.auth.id"));
        collection(server, "handover", "base", noteFields(), rules("owner = @request.auth.id"));
        collection(server, "locked", "base", noteFields(), rules(null));
        collection(server, "open", "base", noteFields(), rules(""));
        collection(server, "authed", "base", noteFields(), rules("@request.auth.id != ''"));
        collection(server, "members_only", "base", noteFields(), rules("@request.auth.collectionName = 'members'"));
        collection(server, "admins", "base", noteFields(), rules("@request.auth.role = 'admin'"));
        collection(server, "red_team", "base", noteFields(), rules("@request.auth.team.name = 'red'"));
        collection(server, "verified_only", "base", noteFields(),
                rules("@request.auth.verified = true && @request.auth.email ~ '@example.com'"));
        collection(server, "locked_teams", "base", "[" + RulesFixtures.text("name") + "]", rules(null));
        collection(server, "team_posts", "base", "[" + RulesFixtures.text("title") + ","
                + RulesFixtures.relation("team", "locked_teams", 1) + "]", rules("team.name = 'red'"));
        collection(server, "refs", "base", "[" + RulesFixtures.text("title") + ","
                + RulesFixtures.relation("note", "notes", 1) + "]", rules(""));
        insert(server, "notes", "{\"id\":\"notealice000001\",\"title\":\"alice's\",\"owner\":\"" + ALICE + "\"}");
        insert(server, "notes", "{\"id\":\"notealice000002\",\"title\":\"alice's 2\",\"owner\":\"" + ALICE + "\"}");
        insert(server, "notes", "{\"id\":\"notebob00000001\",\"title\":\"bob's\",\"owner\":\"" + BOB + "\"}");
        insert(server, "notes", "{\"id\":\"notebob00000002\",\"title\":\"bob's 2\",\"owner\":\"" + BOB + "\"}");
        insert(server, "notes", "{\"id\":\"notenobody00001\",\"title\":\"nobody's\"}");
        insert(server, "locked_teams", "{\"id\":\"lockedred000001\",\"name\":\"red\"}");
        insert(server, "team_posts", "{\"id\":\"teampost0000001\",\"team\":\"lockedred000001\"}");
        insert(server, "team_posts", "{\"id\":\"teampost0000002\"}");
        insert(server, "refs", "{\"id\":\"refalice0000001\",\"note\":\"notealice000001\"}");
        insert(server, "refs", "{\"id\":\"refbob000000001\",\"note\":\"notebob00000001\"}");
        for (String c : List.of("locked", "open", "authed", "members_only", "admins", "red_team", "verified_only")) {
            insert(server, c, "{\"id\":\"" + rid(c, 1) + "\",\"title\":\"one\"}");
            insert(server, c, "{\"id\":\"" + rid(c, 2) + "\",\"title\":\"two\"}");
        }
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** The id of the n-th seeded record of a collection: its name without underscores, zero-padded. */
    static String rid(String collection, int n) {
        return (collection.replace("_", "") + "000000000000").substring(0, 12) + "00" + n;
    }

    static String alice(TestServer s) {
        return RulesFixtures.aliceToken;
    }

    static String bob(TestServer s) {
        return RulesFixtures.bobToken;
    }

    static String carol(TestServer s) {
        return RulesFixtures.carolToken;
    }

    @TestFactory
    List<DynamicTest> ownerOnly() {
        return Scenario.run(server, List.of(
                Scenario.get(NOTES).as(RulesApiTest::alice)
                        .expect(200, "\"totalItems\":2", "\"id\":\"notealice000001\"", "\"id\":\"notealice000002\"")
                        .notExpect("notebob", "notenobody")
                        .named("a user lists only their own records"),
                Scenario.get(NOTES).as(RulesApiTest::bob)
                        .expect(200, "\"totalItems\":2", "\"id\":\"notebob00000001\"")
                        .notExpect("notealice", "notenobody")
                        .named("another user lists only theirs"),
                // PocketBase compat: a guest's @request.auth.id is NULL, and `=` treats NULL and ''
                // alike, so `owner = @request.auth.id` lets guests see records without an owner.
                Scenario.get(NOTES)
                        .expect(200, "\"totalItems\":1", "\"id\":\"notenobody00001\"")
                        .notExpect("notealice", "notebob")
                        .named("a guest lists only the records without an owner"),
                Scenario.get(NOTES).asSuperuser()
                        .expect(200, "\"totalItems\":5")
                        .named("a superuser lists everything"),
                Scenario.get(NOTES + "?filter=" + TestServer.encode("title ~ 'bob'")).as(RulesApiTest::alice)
                        .expect(200, "\"totalItems\":0")
                        .named("a client filter is ANDed with the list rule"),
                Scenario.get(NOTES + "/notealice000001").as(RulesApiTest::alice)
                        .expect(200, "\"title\":\"alice's\"")
                        .named("a user views their own record"),
                Scenario.get(NOTES + "/notebob00000001").as(RulesApiTest::alice)
                        .expect(404, "\"data\":{}")
                        .named("another user's record is a 404 on view"),
                Scenario.get(NOTES + "/notebob00000001")
                        .expect(404, "\"data\":{}")
                        .named("a guest gets a 404 on view"),
                Scenario.get(NOTES + "/notebob00000001").asSuperuser()
                        .expect(200, "\"title\":\"bob's\"")
                        .named("a superuser views any record"),
                Scenario.patch(NOTES + "/notebob00000001", "{\"title\":\"mine now\"}").as(RulesApiTest::alice)
                        .expect(404, "\"data\":{}")
                        .named("another user's record is a 404 on update"),
                Scenario.delete(NOTES + "/notebob00000002").as(RulesApiTest::alice)
                        .expect(404, "\"data\":{}")
                        .named("another user's record is a 404 on delete"),
                Scenario.get(NOTES + "/notebob00000002").as(RulesApiTest::bob)
                        .expect(200, "\"title\":\"bob's 2\"")
                        .named("the refused delete left the record in place"),
                Scenario.post(NOTES, "{\"title\":\"for bob\",\"owner\":\"" + BOB + "\"}").as(RulesApiTest::alice)
                        .expect(400, "\"message\":\"Failed to create record.\"", "\"data\":{}")
                        .named("a create whose record fails the create rule is a 400 with empty data"),
                Scenario.post(NOTES, "{\"title\":\"for alice\",\"owner\":\"" + ALICE + "\"}")
                        .expect(400, "\"data\":{}")
                        .named("a guest cannot create a record owned by a user"),
                Scenario.post(NOTES, "{\"id\":\"notealice000003\",\"title\":\"new\",\"owner\":\"" + ALICE + "\"}")
                        .as(RulesApiTest::alice)
                        .expect(200, "\"id\":\"notealice000003\"", "\"owner\":\"" + ALICE + "\"")
                        .named("a user creates a record they own"),
                Scenario.patch(NOTES + "/notealice000003", "{\"title\":\"renamed\"}").as(RulesApiTest::alice)
                        .expect(200, "\"title\":\"renamed\"")
                        .named("a user updates their own record"),
                Scenario.delete(NOTES + "/notealice000003").as(RulesApiTest::alice)
                        .expect(204)
                        .named("a user deletes their own record"),
                Scenario.patch(NOTES + "/notebob00000001", "{\"title\":\"by admin\"}").asSuperuser()
                        .expect(200, "\"title\":\"by admin\"")
                        .named("a superuser updates any record")));
    }

    /**
     * A list's rendered SQL is kept between requests (records.PageQueries): asked again and again,
     * in turn, by two users, a guest and a superuser, each still gets only what the rule grants
     * them, with the total to match, and a write shows in the next answer.
     */
    @Test
    void repeatedListsOfAnOwnerRuleStayPerRequester() {
        collection(server, "diary", "base", noteFields(), rules("owner = @request.auth.id"));
        insert(server, "diary", "{\"id\":\"diaryalice00001\",\"owner\":\"" + ALICE + "\"}");
        insert(server, "diary", "{\"id\":\"diarybob0000001\",\"owner\":\"" + BOB + "\"}");
        String diary = "/api/collections/diary/records?sort=id";
        for (int round = 0; round < 3; round++) {
            assertThat(ids(server.get(diary, RulesFixtures.aliceToken))).containsExactly("diaryalice00001");
            assertThat(ids(server.get(diary, RulesFixtures.bobToken))).containsExactly("diarybob0000001");
            assertThat(ids(server.get(diary, null))).isEmpty();
            assertThat(ids(server.get(diary, server.superuserToken())))
                    .containsExactly("diaryalice00001", "diarybob0000001");
            assertThat(server.get(diary, RulesFixtures.bobToken).json().get("totalItems").asInt()).isEqualTo(1);
        }
        insert(server, "diary", "{\"id\":\"diaryalice00002\",\"owner\":\"" + ALICE + "\"}");
        assertThat(ids(server.get(diary, RulesFixtures.aliceToken))).containsExactly("diaryalice00001", "diaryalice00002");
        assertThat(server.get(diary, RulesFixtures.aliceToken).json().get("totalItems").asInt()).isEqualTo(2);
        assertThat(ids(server.get(diary, RulesFixtures.bobToken))).containsExactly("diarybob0000001");
    }

    private static List<String> ids(TestServer.Response r) {
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        List<String> ids = new java.util.ArrayList<>();
        r.json().get("items").forEach(item -> ids.add(item.get("id").asText()));
        return ids;
    }

    @Test
    void aFailedCreateRuleLeavesNothingBehind() {
        int before = RulesFixtures.count(server, "notes");
        TestServer.Response r = server.post(NOTES, "{\"id\":\"notesneaky00001\",\"owner\":\"" + BOB + "\"}",
                RulesFixtures.aliceToken);
        assertThat(r.status()).isEqualTo(400);
        assertThat(RulesFixtures.count(server, "notes")).isEqualTo(before);
        assertThat(server.get(NOTES + "/notesneaky00001", server.superuserToken()).status()).isEqualTo(404);
    }

    @Test
    void theUpdateRuleIsCheckedAgainstTheStoredRecord() {
        // PocketBase compat: the rule sees the stored owner, so an owner may hand a record over;
        // new values reach a rule only through @request.body.
        String handover = "/api/collections/handover/records";
        insert(server, "handover", "{\"id\":\"notegift0000001\",\"title\":\"gift\",\"owner\":\"" + ALICE + "\"}");
        TestServer.Response r = server.patch(handover + "/notegift0000001", "{\"owner\":\"" + BOB + "\"}",
                RulesFixtures.aliceToken);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(server.get(handover + "/notegift0000001", RulesFixtures.aliceToken).status()).isEqualTo(404);
        assertThat(server.get(handover + "/notegift0000001", RulesFixtures.bobToken).status()).isEqualTo(200);
    }

    @TestFactory
    List<DynamicTest> nullAndEmptyRules() {
        return Scenario.run(server, List.of(
                Scenario.get(LOCKED)
                        .expect(403, "\"message\":\"Only superusers can perform this action.\"", "\"data\":{}")
                        .named("a null listRule refuses guests"),
                Scenario.get(LOCKED).as(RulesApiTest::alice)
                        .expect(403, "\"message\":\"Only superusers can perform this action.\"")
                        .named("a null listRule refuses users"),
                Scenario.get(LOCKED + "/" + rid("locked", 1)).as(RulesApiTest::alice)
                        .expect(403, "\"message\":\"Only superusers can perform this action.\"")
                        .named("a null viewRule refuses users"),
                Scenario.get(LOCKED + "/missing00000000").as(RulesApiTest::alice)
                        .expect(403, "\"message\":\"Only superusers can perform this action.\"")
                        .named("a null rule answers 403 before looking the record up"),
                Scenario.post(LOCKED, "{\"title\":\"x\"}").as(RulesApiTest::alice)
                        .expect(403, "\"message\":\"Only superusers can perform this action.\"")
                        .named("a null createRule refuses users"),
                Scenario.post(LOCKED, "{\"title\":\"x\"}")
                        .expect(403, "\"message\":\"Only superusers can perform this action.\"")
                        .named("a null createRule refuses guests"),
                Scenario.patch(LOCKED + "/" + rid("locked", 1), "{\"title\":\"x\"}")
                        .expect(403, "\"message\":\"Only superusers can perform this action.\"")
                        .named("a null updateRule refuses guests"),
                Scenario.patch(LOCKED + "/" + rid("locked", 1), "{\"title\":\"x\"}").as(RulesApiTest::carol)
                        .expect(403, "\"message\":\"Only superusers can perform this action.\"")
                        .named("a null updateRule refuses users"),
                Scenario.delete(LOCKED + "/" + rid("locked", 2)).as(RulesApiTest::bob)
                        .expect(403, "\"message\":\"Only superusers can perform this action.\"")
                        .named("a null deleteRule refuses users"),
                Scenario.delete(LOCKED + "/" + rid("locked", 2))
                        .expect(403, "\"message\":\"Only superusers can perform this action.\"")
                        .named("a null deleteRule refuses guests"),
                Scenario.post(LOCKED, "{\"")
                        .expect(403, "\"message\":\"Only superusers can perform this action.\"")
                        .named("a null createRule answers 403 before the body is read"),
                Scenario.patch(LOCKED + "/" + rid("locked", 1), "{\"")
                        .expect(403, "\"message\":\"Only superusers can perform this action.\"")
                        .named("a null updateRule answers 403 before the body is read"),
                Scenario.post(OPEN, "{\"")
                        .expect(400, "\"data\":{}")
                        .named("a malformed body is a 400 once the rule allows the write"),
                Scenario.get(LOCKED).asSuperuser()
                        .expect(200, "\"totalItems\":2")
                        .named("a superuser lists a locked collection"),
                Scenario.post(LOCKED, "{\"title\":\"by su\"}").asSuperuser()
                        .expect(200, "\"title\":\"by su\"")
                        .named("a superuser creates into a locked collection"),
                Scenario.get(OPEN)
                        .expect(200, "\"totalItems\":2")
                        .named("an empty listRule is open to guests"),
                Scenario.get(OPEN + "/" + rid("open", 1))
                        .expect(200, "\"title\":\"one\"")
                        .named("an empty viewRule is open to guests"),
                Scenario.post(OPEN, "{\"id\":\"opennew00000001\",\"title\":\"guest\"}")
                        .expect(200, "\"title\":\"guest\"")
                        .named("an empty createRule is open to guests"),
                Scenario.patch(OPEN + "/opennew00000001", "{\"title\":\"guest 2\"}")
                        .expect(200, "\"title\":\"guest 2\"")
                        .named("an empty updateRule is open to guests"),
                Scenario.delete(OPEN + "/opennew00000001")
                        .expect(204)
                        .named("an empty deleteRule is open to guests")));
    }

    @TestFactory
    List<DynamicTest> authIdentifiers() {
        return Scenario.run(server, List.of(
                Scenario.get(AUTHED)
                        .expect(200, "\"totalItems\":0", "\"items\":[]")
                        .named("@request.auth.id != '' filters a guest's list to nothing"),
                Scenario.get(AUTHED).as(RulesApiTest::carol)
                        .expect(200, "\"totalItems\":2")
                        .named("@request.auth.id != '' lets any user list"),
                Scenario.get(AUTHED + "/" + rid("authed", 1))
                        .expect(404)
                        .named("@request.auth.id != '' hides a record from a guest's view"),
                Scenario.post(AUTHED, "{\"title\":\"guest\"}")
                        .expect(400, "\"data\":{}")
                        .named("@request.auth.id != '' refuses a guest's create"),
                Scenario.post(AUTHED, "{\"title\":\"carol\"}").as(RulesApiTest::carol)
                        .expect(200, "\"title\":\"carol\"")
                        .named("@request.auth.id != '' accepts a user's create"),
                Scenario.get(MEMBERS_ONLY).as(RulesApiTest::alice)
                        .expect(200, "\"totalItems\":2")
                        .named("@request.auth.collectionName matches a members user"),
                Scenario.get(MEMBERS_ONLY).as(RulesApiTest::carol)
                        .expect(200, "\"totalItems\":0")
                        .named("@request.auth.collectionName filters out a user of another auth collection"),
                Scenario.get(MEMBERS_ONLY + "/" + rid("members_only", 1)).as(RulesApiTest::carol)
                        .expect(404)
                        .named("@request.auth.collectionName hides records from other auth collections"),
                Scenario.get(ADMINS).as(RulesApiTest::alice)
                        .expect(200, "\"totalItems\":2")
                        .named("@request.auth.role reads a plain field of the auth record"),
                Scenario.get(ADMINS).as(RulesApiTest::bob)
                        .expect(200, "\"totalItems\":0", "\"items\":[]")
                        .named("a user whose auth record fails the listRule lists nothing (§10 item 6)"),
                Scenario.get(ADMINS).as(RulesApiTest::carol)
                        .expect(200, "\"totalItems\":0")
                        .named("@request.auth.role of a collection without that field is null"),
                Scenario.patch(ADMINS + "/" + rid("admins", 1), "{\"title\":\"x\"}").as(RulesApiTest::bob)
                        .expect(404)
                        .named("an update failing an @request.auth rule is a 404"),
                Scenario.delete(ADMINS + "/" + rid("admins", 1)).as(RulesApiTest::bob)
                        .expect(404)
                        .named("a delete failing an @request.auth rule is a 404"),
                Scenario.get(RED).as(RulesApiTest::alice)
                        .expect(200, "\"totalItems\":2")
                        .named("@request.auth.team.name follows a relation of the auth record"),
                Scenario.get(RED).as(RulesApiTest::bob)
                        .expect(200, "\"totalItems\":0")
                        .named("@request.auth.team.name filters out another team"),
                Scenario.get(RED)
                        .expect(200, "\"totalItems\":0")
                        .named("@request.auth.team.name is null for a guest"),
                Scenario.post(RED, "{\"title\":\"red\"}").as(RulesApiTest::alice)
                        .expect(200, "\"title\":\"red\"")
                        .named("@request.auth.team.name in a create rule"),
                Scenario.post(RED, "{\"title\":\"blue\"}").as(RulesApiTest::bob)
                        .expect(400, "\"data\":{}")
                        .named("@request.auth.team.name refuses a create of another team"),
                Scenario.get(path("verified_only")).as(RulesApiTest::carol)
                        .expect(200, "\"totalItems\":2")
                        .named("@request.auth.verified and @request.auth.email are values of the auth record"),
                Scenario.get(path("verified_only"))
                        .expect(200, "\"totalItems\":0")
                        .named("@request.auth.verified is null for a guest"),
                Scenario.get(path("team_posts"))
                        .expect(200, "\"totalItems\":1", "teampost0000001")
                        .named("a rule may follow a relation into a collection whose own rules are null"),
                Scenario.get(path("refs") + "?expand=note").as(RulesApiTest::alice)
                        .expect(200, "\"totalItems\":2", "\"title\":\"alice's\"")
                        .notExpect("\"title\":\"bob's\"")
                        .named("expand applies the related viewRule with the requester's auth"),
                Scenario.get(path("refs") + "/refbob000000001?expand=note").as(RulesApiTest::bob)
                        .expect(200, "\"expand\":{\"note\":{", "\"owner\":\"" + BOB + "\"")
                        .named("the owner of the related record sees it expanded")));
    }

    private static String path(String collection) {
        return "/api/collections/" + collection + "/records";
    }
}
