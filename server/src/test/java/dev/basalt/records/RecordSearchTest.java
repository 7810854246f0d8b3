package dev.basalt.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.basalt.collections.Collection;
import dev.basalt.collections.CollectionJson;
import dev.basalt.collections.CollectionRegistry;
import dev.basalt.collections.SystemCollections;
import dev.basalt.error.ApiException;
import dev.basalt.store.Database;
import dev.basalt.testing.TestServer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** RecordSearch beyond the corpus: @request.*, hidden fields, rules, sort, functions, rule checks. */
class RecordSearchTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestServer server;
    private static RecordSearch search;
    private static Collection users;
    private static Collection notes;
    private static Collection members;
    private static Record ann;
    private static Record bob;
    private static RequestInfo superuser;

    @BeforeAll
    static void setUp() throws Exception {
        server = TestServer.start();
        Database db = server.basalt().database();
        users = server.basalt().collections().create(CollectionJson.fromJson(JSON.readTree("""
                {"name": "people", "type": "auth", "fields": [
                  {"name": "email", "type": "email"},
                  {"name": "emailVisibility", "type": "bool"},
                  {"name": "verified", "type": "bool"},
                  {"name": "name", "type": "text"},
                  {"name": "secret", "type": "text", "hidden": true}]}""")));
        notes = server.basalt().collections().create(CollectionJson.fromJson(JSON.readTree("""
                {"name": "notes", "type": "base",
                 "indexes": ["CREATE UNIQUE INDEX `idx_notes_owner` ON `notes` (`owner`)"],
                 "fields": [
                  {"name": "title", "type": "text"},
                  {"name": "secret", "type": "text", "hidden": true},
                  {"name": "owner", "type": "relation", "collectionId": "%s", "maxSelect": 1},
                  {"name": "score", "type": "number"},
                  {"name": "tags", "type": "select", "values": ["a", "b", "c"], "maxSelect": 3},
                  {"name": "loc", "type": "geoPoint"},
                  {"name": "day", "type": "date"}]}""".formatted(users.id()))));
        ann = new Record(users, Map.of("id", "user0000000ann1", "email", "ann@example.com", "emailVisibility", true,
                "verified", true, "name", "Ann", "secret", "a", "tokenKey", "tokenkey-of-ann"));
        bob = new Record(users, Map.of("id", "user0000000bob1", "email", "bob@example.com", "emailVisibility", false,
                "verified", false, "name", "Bob", "secret", "b", "tokenKey", "tokenkey-of-bob"));
        RecordRepository repo = new RecordRepository();
        db.transaction(tx -> {
            repo.insert(tx.dsl(), ann);
            repo.insert(tx.dsl(), bob);
            repo.insert(tx.dsl(), note("note00000000001", "alpha", "s1", ann.id(), 7, List.of("a", "b"),
                    "{\"lon\":13.40,\"lat\":52.52}", "2024-05-01 10:00:00.000Z"));
            repo.insert(tx.dsl(), note("note00000000002", "beta", "s2", bob.id(), 3, List.of("b"),
                    "{\"lon\":2.35,\"lat\":48.86}", "2023-01-01 00:00:00.000Z"));
            repo.insert(tx.dsl(), note("note00000000003", "gamma", "", "", 10, List.of(),
                    "{\"lon\":0,\"lat\":0}", ""));
        });
        Collection teams = server.basalt().collections().create(CollectionJson.fromJson(JSON.readTree("""
                {"name": "teams", "type": "base", "listRule": "visible = true", "fields": [
                  {"name": "name", "type": "text"}, {"name": "visible", "type": "bool"}]}""")));
        members = server.basalt().collections().create(CollectionJson.fromJson(JSON.readTree("""
                {"name": "members", "type": "base", "listRule": "", "fields": [
                  {"name": "name", "type": "text"},
                  {"name": "team", "type": "relation", "collectionId": "%s", "maxSelect": 1}]}"""
                .formatted(teams.id()))));
        db.transaction(tx -> {
            repo.insert(tx.dsl(), new Record(teams, Map.of("id", "team00000000001", "name", "alpha", "visible", true)));
            repo.insert(tx.dsl(), new Record(teams, Map.of("id", "team00000000002", "name", "apex", "visible", false)));
            repo.insert(tx.dsl(), new Record(members, Map.of("id", "member000000001", "name", "m1",
                    "team", "team00000000001")));
            repo.insert(tx.dsl(), new Record(members, Map.of("id", "member000000002", "name", "m2",
                    "team", "team00000000002")));
            repo.insert(tx.dsl(), new Record(members, Map.of("id", "member000000003", "name", "m3", "team", "")));
        });
        CollectionRegistry registry = new CollectionRegistry(db);
        registry.reload();
        search = new RecordSearch(registry, db.dialect());
        Collection su = registry.find(SystemCollections.SUPERUSERS).orElseThrow();
        superuser = RequestInfo.of(new Record(su, Map.of("id", "superuser000001")));
    }

    private static Record note(String id, String title, String secret, String owner, double score, List<String> tags,
            String loc, String day) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("id", id);
        v.put("title", title);
        v.put("secret", secret);
        v.put("owner", owner);
        v.put("score", score);
        v.put("tags", tags);
        try {
            v.put("loc", JSON.readTree(loc));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        v.put("day", day);
        return new Record(notes, v);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static RequestInfo as(Record auth, Map<String, Object> body) {
        return new RequestInfo(auth, "POST", Map.of("q", "find me"), Map.of("x_token", "abc"), body, "default");
    }

    private static List<String> ids(Collection c, List<String> rules, String filter, String sort, RequestInfo request) {
        SearchQuery q = search.build(c, rules, filter, sort, request);
        return server.basalt().database().read(dsl -> dsl
                .select(field(name(c.name(), "id"), String.class))
                .from(q.from())
                .where(q.where())
                .orderBy(q.orderBy())
                .fetch(0, String.class)).stream().distinct().toList();
    }

    record Case(String name, String rule, RequestInfo request, List<String> expected) {}

    private static final String N1 = "note00000000001";
    private static final String N2 = "note00000000002";
    private static final String N3 = "note00000000003";

    /** Rules over request values only are decided without SQL, exactly as the query decides them. */
    @TestFactory
    Stream<DynamicTest> requestOnlyRulesDecideAsTheQueryWould() {
        Map<String, Object> filled = new LinkedHashMap<>();
        filled.put("title", "alpha");
        filled.put("public", true);
        filled.put("flag", false);
        Map<String, Object> empties = new LinkedHashMap<>();
        empties.put("title", "");
        empties.put("public", null);
        List<RequestInfo> requests = List.of(RequestInfo.guest(), as(ann, Map.of()), as(ann, filled),
                as(null, empties), as(bob, Map.of("title", "ALPHA", "public", false)));
        List<String> rules = List.of("@request.auth.id != ''", "@request.auth.id = ''", "@request.auth.id = null",
                "@request.body.title:isset = true", "@request.body.title:isset = false", "@request.body.title != ''",
                "@request.body.title = 'alpha'", "@request.body.title = null", "@request.body.public = true",
                "@request.body.public = false", "@request.body.public != true", "@request.body.flag = false",
                "@request.auth.id != '' && @request.body.public:isset = true",
                "@request.method = 'GET' || @request.auth.id = 'user0000000bob1'",
                "(@request.body.title = 'alpha' || @request.body.title = '') && @request.context != 'oauth2'");
        Record draft = note("note00000000009", "draft", "", "", 1, List.of(), "{\"lon\":0,\"lat\":0}", "");
        Database db = server.basalt().database();
        CollectionRegistry registry = new CollectionRegistry(db);
        registry.reload();
        return rules.stream().flatMap(rule -> requests.stream().map(request -> DynamicTest.dynamicTest(
                rule + " for " + request.authRecord().map(Record::id).orElse("guest") + " " + request.body(), () -> {
                    var resolver = RecordFieldResolver.forDraft(registry::find, db.dialect(), notes, request, "notes-draft");
                    var decided = RequestOnlyRule.evaluate(dev.basalt.query.Filter.parse(rule), notes, resolver);
                    boolean byQuery = db.read(dsl -> search.matchesDraft(dsl, draft, rule, "", request));
                    assertThat(decided).as(rule).contains(byQuery);
                })));
    }

    @Test
    void requestOnlyRulesLeaveOtherShapesToTheQuery() {
        Database db = server.basalt().database();
        CollectionRegistry registry = new CollectionRegistry(db);
        registry.reload();
        RequestInfo request = as(ann, Map.of("title", "alpha", "score", 5, "tags", List.of("a")));
        for (String rule : List.of("title = 'alpha'", "@request.body.score = 5", "@request.body.tags:length > 0",
                "@request.body.title:lower = 'alpha'", "@request.auth.name = 'Ann'", "@request.body.title ~ 'al'",
                "@request.auth.id != '' && title != ''", "@request.body.title = @now")) {
            var resolver = RecordFieldResolver.forDraft(registry::find, db.dialect(), notes, request, "notes-draft");
            assertThat(RequestOnlyRule.evaluate(dev.basalt.query.Filter.parse(rule), notes, resolver)).as(rule).isEmpty();
        }
    }

    @TestFactory
    Stream<DynamicTest> rulesSeeTheRequest() {
        RequestInfo annPost = as(ann, Map.of("title", "alpha", "score", "5", "tags", List.of("a", "c"),
                "owner", bob.id()));
        List<Case> cases = List.of(
                new Case("the auth id is a bound value", "owner = @request.auth.id", as(ann, Map.of()), List.of(N1)),
                new Case("a guest's auth id is NULL, so != '' excludes everything", "@request.auth.id != ''",
                        RequestInfo.guest(), List.of()),
                new Case("other auth fields join the auth collection", "@request.auth.name = 'Ann' && score > 5",
                        as(ann, Map.of()), List.of(N1, N3)),
                new Case("hidden auth fields are visible to rules", "@request.auth.secret = 'b'", as(bob, Map.of()),
                        List.of(N1, N2, N3)),
                new Case("auth collection name is a constant", "@request.auth.collectionName = 'people'",
                        as(bob, Map.of()), List.of(N1, N2, N3)),
                new Case("query, headers, method and context", "@request.query.q = 'find me' && "
                        + "@request.headers.x_token = 'abc' && @request.method = 'POST' && "
                        + "@request.context = 'default' && title = 'beta'", as(null, Map.of()), List.of(N2)),
                new Case("missing request keys are NULL", "@request.query.nope = null && @request.body.x.y = ''"
                        + " && title = 'alpha'", as(null, Map.of()), List.of(N1)),
                new Case(":isset tells submitted keys apart", "@request.body.title:isset = true && "
                        + "@request.body.secret:isset = false && title = 'gamma'", annPost, List.of(N3)),
                new Case("numeric strings are numbers for number fields", "score > @request.body.score", annPost,
                        List.of(N1, N3)),
                new Case(":length counts submitted items", "@request.body.tags:length = 2 && score = 3", annPost,
                        List.of(N2)),
                new Case(":each over submitted items, any", "@request.body.tags:each ?= 'c' && score = 3", annPost,
                        List.of(N2)),
                new Case(":each over submitted items, all", "@request.body.tags:each = 'c'", annPost, List.of()),
                new Case(":lower on a body value", "@request.body.title:lower = 'alpha' && score = 3", annPost,
                        List.of(N2)),
                new Case(":changed compares with the stored value", "@request.body.title:changed = true", annPost,
                        List.of(N2, N3)),
                new Case(":changed is false when not submitted", "@request.body.score:changed = false",
                        as(ann, Map.of()), List.of(N1, N2, N3)),
                new Case("a submitted relation can be traversed", "@request.body.owner.name = 'Bob' && score = 3",
                        annPost, List.of(N2)),
                new Case("request values index into arrays", "@request.body.tags.1 = 'c' && score = 3", annPost,
                        List.of(N2)),
                new Case("rules may use hidden fields", "secret = 's2'", as(ann, Map.of()), List.of(N2)),
                new Case("back-relation with a unique index", "notes_via_owner.title = 'alpha'", as(ann, Map.of()),
                        List.of()),
                new Case("datetime macros compare as text", "day < @todayStart && day != ''", as(null, Map.of()),
                        List.of(N1, N2)),
                new Case("geoDistance in km", "geoDistance(loc.lon, loc.lat, 13.38, 52.51) < 5", as(null, Map.of()),
                        List.of(N1)),
                new Case("strftime with SQLite semantics", "strftime('%Y', day) = '2024'", as(null, Map.of()),
                        List.of(N1)),
                new Case("strftime of an empty date equals ''", "strftime('%Y', day) = ''", as(null, Map.of()),
                        List.of(N3)));
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
            Collection coll = c.rule().startsWith("notes_via") ? users : notes;
            List<String> expected = c.rule().startsWith("notes_via") ? List.of(ann.id()) : c.expected();
            assertThat(ids(coll, List.of(c.rule()), "", "", c.request())).as(c.rule())
                    .containsExactlyInAnyOrderElementsOf(expected);
        }));
    }

    @Test
    void clientFiltersOfNonSuperusersCannotSeeHiddenFields() {
        assertThatThrownBy(() -> ids(notes, List.of(), "secret = 's1'", "", as(ann, Map.of())))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.getMessage()).isEqualTo("Invalid filter parameters.");
                });
        assertThatThrownBy(() -> ids(notes, List.of(), "", "secret", as(ann, Map.of())))
                .isInstanceOfSatisfying(ApiException.class,
                        e -> assertThat(e.getMessage()).isEqualTo("Invalid sort parameters."));
        assertThat(ids(notes, List.of(), "secret = 's1'", "", superuser)).containsExactly(N1);
    }

    @Test
    void emailsOfAuthRecordsMatchOnlyWhenVisible() {
        assertThat(ids(users, List.of(), "email ~ 'example.com'", "", as(ann, Map.of()))).containsExactly(ann.id());
        assertThat(ids(users, List.of(), "email ~ 'example.com'", "", superuser))
                .containsExactlyInAnyOrder(ann.id(), bob.id());
    }

    @Test
    void clientFiltersThroughRelationsObeyTheListRuleOfTheJoinedCollection() {
        RequestInfo guest = RequestInfo.guest();
        assertThat(ids(members, List.of(), "team.name ~ 'a'", "", guest)).containsExactly("member000000001");
        assertThat(ids(members, List.of(), "team.name = '' || name = 'm1'", "", guest))
                .containsExactlyInAnyOrder("member000000001", "member000000003");
        assertThat(ids(members, List.of(), "team.name ~ 'a'", "", superuser))
                .containsExactlyInAnyOrder("member000000001", "member000000002");
        assertThatThrownBy(() -> ids(notes, List.of(), "owner.name = 'Ann'", "", as(ann, Map.of())))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(400));
        assertThat(ids(notes, List.of("owner.name = 'Ann'"), "", "", as(ann, Map.of()))).containsExactly(N1);
    }

    @Test
    void clientFiltersAreLimitedTo3500Bytes() {
        String padded = "title = '" + "x".repeat(3500 - 10) + "'";
        assertThat(padded).hasSize(3500);
        assertThat(ids(notes, List.of(), padded, "", superuser)).isEmpty();
        assertThatThrownBy(() -> ids(notes, List.of(), padded + " ", "", superuser))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(400));
        assertThat(ids(notes, List.of(padded + " "), "", "", superuser)).isEmpty();
    }

    @Test
    void bindsPlaceholderValuesAsLiterals() {
        SearchQuery q = search.build(notes, "title = {:t} || score > {:min}", Map.of("t", "beta' || 1=1 || '",
                "min", 8), "", RequestInfo.guest());
        List<String> found = server.basalt().database().read(dsl -> dsl.select(field(name("notes", "id"), String.class))
                .from(q.from()).where(q.where()).fetch(0, String.class));
        assertThat(found).containsExactly(N3);
    }

    @Test
    void manyVsManyRequiresEveryPair() {
        assertThat(ids(members, List.of("@collection.teams.name ?!= @collection.teams:other.name"), "", "", superuser))
                .hasSize(3);
        assertThat(ids(members, List.of("@collection.teams.name != @collection.teams:other.name"), "", "", superuser))
                .isEmpty();
        assertThat(ids(members, List.of("@collection.teams.name ~ @collection.teams:other.name"), "", "", superuser))
                .isEmpty();
        assertThat(ids(members, List.of("@collection.teams.name ~ 'a' && @collection.teams:x.name >= 'alpha'"), "", "",
                superuser)).hasSize(3);
    }

    @Test
    void rulesAndClientFiltersAllHold() {
        assertThat(ids(notes, List.of("score > 5"), "title != 'gamma'", "", as(ann, Map.of()))).containsExactly(N1);
    }

    @Test
    void sortsByFieldsAndRelationPaths() {
        assertThat(ids(notes, List.of(), "", "-score,title", superuser)).containsExactly(N3, N1, N2);
        assertThat(ids(notes, List.of(), "", "owner.name,@rowid", superuser)).containsExactly(N3, N1, N2);
        assertThat(ids(notes, List.of(), "", "@random", superuser)).hasSize(3);
        assertThatThrownBy(() -> ids(notes, List.of(), "", "nope", superuser)).isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> ids(notes, List.of(), "", "@request.auth.id", superuser))
                .isInstanceOf(ApiException.class);
    }

    @Test
    void checksOneRecordAgainstARule() {
        boolean annOwnsN1 = server.basalt().database().read(dsl ->
                search.matches(dsl, notes, N1, "owner = @request.auth.id", as(ann, Map.of())));
        boolean annOwnsN2 = server.basalt().database().read(dsl ->
                search.matches(dsl, notes, N2, "owner = @request.auth.id", as(ann, Map.of())));
        boolean everyone = server.basalt().database().read(dsl -> search.matches(dsl, notes, N2, "", as(ann, Map.of())));
        assertThat(annOwnsN1).isTrue();
        assertThat(annOwnsN2).isFalse();
        assertThat(everyone).isTrue();
    }

    @Test
    void validatesRulesWithoutRunningThem() {
        assertThat(search.checkRule(notes, "owner = @request.auth.id && owner.name ~ 'a'")).isEmpty();
        assertThat(search.checkRule(notes, "titel = 'x'")).contains("unknown field \"titel\" in collection \"notes\" (at position 0)");
        assertThat(search.checkRule(notes, "title = ")).get().asString().contains("unexpected end of expression");
        assertThat(search.checkRule(notes, "@collection.nope.id = id")).isPresent();
        assertThat(search.checkRule(notes, "@request.query.a:length = 1")).isPresent();
        assertThat(search.checkRule(notes, "@request.data.title = 1")).isPresent();
        assertThat(search.checkRule(notes, "@request.method:lower = 'get'")).isPresent();
        assertThat(search.checkRule(notes, "@request.auth = ''")).isPresent();
        assertThat(search.checkRule(notes, "@request.body.title:upper = 1")).isPresent();
        Collection draft = CollectionJson.fromJson(JSON.valueToTree(Map.of("name", "drafts", "fields",
                List.of(Map.of("name", "label", "type", "text")))));
        assertThat(search.checkRule(draft, "label = 'x'")).isEmpty();
        assertThat(search.checkRule(draft, "lable = 'x'")).isPresent();
    }

}
