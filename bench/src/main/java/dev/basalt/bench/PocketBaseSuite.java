package dev.basalt.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.basalt.bench.LoadClient.Call;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.IntFunction;

/**
 * The scenarios of PocketBase's own benchmark suite (github.com/pocketbase/benchmarks), sent over
 * HTTP: the same schema (organizations, permissions, users with a relation and a multi-relation,
 * four posts collections of 10k to 100k records with a multi-select), the same request counts,
 * concurrency levels, rules, queries and order, with its pause between scenarios.
 *
 * <p>Two differences, both in the client: requests reuse keep-alive connections (PocketBase's
 * benchmark opens a connection per request), and the ids it deletes never include the user whose
 * token the remaining requests carry.
 */
final class PocketBaseSuite {

    static final String PASSWORD = "1234567890";

    /**
     * The collections a suite works on. {@link #MEASURED} are PocketBase's, with its built-in
     * {@code users}; {@link #WARM_UP} are the same shapes under other names, created and dropped
     * again by the warm-up so that the measured collections start as PocketBase's do.
     */
    record Names(String organizations, String permissions, String users, List<String> posts) {
        static final Names MEASURED = new Names("organizations", "permissions", "users",
                List.of("posts10k", "posts25k", "posts50k", "posts100k"));
        static final Names WARM_UP = new Names("warmup_organizations", "warmup_permissions", "warmup_users",
                List.of("warmup_posts10k", "warmup_posts25k", "warmup_posts50k", "warmup_posts100k"));

        /** Whether {@link #users} is the auth collection every Basalt has from the start. */
        boolean builtInUsers() {
            return users.equals("users");
        }
    }

    /** Filler for the posts' editor field; "ipsum dolor" is what the loose text search looks for. */
    private static final String DESCRIPTION = "Lorem ipsum dolor sit amet, a placeholder paragraph for the"
            + " benchmark posts: it is long enough that a loose text search reads a real amount of text per"
            + " row, and every row carries it, so the search matches each post. Integer facilisis, nunc vitae"
            + " tempor fermentum, lacus erat porta sem, in malesuada justo lorem vel magna. Curabitur dictum"
            + " arcu non velit posuere, ac vulputate risus elementum. Sed gravida orci at mi cursus, eget"
            + " tristique felis imperdiet, quis aliquet nibh pretium.";
    private static final String[] TYPES = {"a", "b", "c", "d"};

    private final LoadClient client;
    private final Api api;
    private final Names names;
    private final Scale scale;
    private final Consumer<String> log;
    private final List<Result> results = new ArrayList<>();

    private String userToken;
    private JsonNode user;

    PocketBaseSuite(LoadClient client, Api api, Names names, Scale scale, Consumer<String> log) {
        this.client = client;
        this.api = api;
        this.names = names;
        this.scale = scale;
        this.log = log;
    }

    List<Result> results() {
        return results;
    }

    String userId() {
        return user.path("id").asText();
    }

    String userToken() {
        return userToken;
    }

    // ---------------------------------------------------------------- schema

    /** Creates the benchmark's collections and turns off rate limiting. */
    void createSchema() {
        api.updateSettings(Map.of("rateLimits", Map.of("enabled", false)));
        JsonNode organizations = api.createCollection(base(names.organizations(), field("name", "text")));
        JsonNode permissions = api.createCollection(base(names.permissions(), field("name", "text"), field("active", "bool")));

        if (!names.builtInUsers()) {
            // Shaped like the built-in users, which a new auth collection is but for its name field.
            api.createCollection(openRules(Api.object().put("name", names.users()).put("type", "auth"))
                    .set("fields", Api.array().add(field("name", "text"))));
        }
        JsonNode users = api.collection(names.users());
        ArrayNode fields = ((ArrayNode) users.path("fields")).deepCopy();
        fields.add(field("username", "text").put("required", true).put("min", 3).put("max", 150)
                .put("pattern", "^[\\w][\\w\\.\\-]*$").put("autogeneratePattern", "users[0-9]{6}"));
        fields.add(relation("organization", organizations.path("id").asText(), 1).put("required", true));
        fields.add(relation("permissions", permissions.path("id").asText(), 999));
        ArrayNode indexes = ((ArrayNode) users.path("indexes")).deepCopy();
        indexes.add("CREATE UNIQUE INDEX `idx_" + names.users() + "_username` ON `" + names.users()
                + "` (username COLLATE NOCASE)");
        ObjectNode usersChange = openRules(Api.object());
        usersChange.set("fields", fields);
        usersChange.set("indexes", indexes);
        usersChange.set("passwordAuth", Api.object().put("enabled", true)
                .set("identityFields", Api.array().add("email").add("username")));
        api.updateCollection(names.users(), usersChange);

        String usersId = users.path("id").asText();
        for (String posts : names.posts()) {
            ObjectNode type = field("type", "select").put("maxSelect", 3);
            ArrayNode values = type.putArray("values");
            for (String t : TYPES) {
                values.add(t);
            }
            api.createCollection(base(posts, field("title", "text"), field("description", "editor"),
                    field("public", "bool"), type, relation("author", usersId, 1)));
        }
    }

    /** Drops the suite's collections, the ones that others relate to last. */
    void dropSchema() {
        for (String posts : names.posts()) {
            api.deleteCollection(posts);
        }
        if (!names.builtInUsers()) {
            api.deleteCollection(names.users());
        }
        api.deleteCollection(names.permissions());
        api.deleteCollection(names.organizations());
    }

    private static ObjectNode base(String name, ObjectNode... fields) {
        ObjectNode c = openRules(Api.object().put("name", name).put("type", "base"));
        ArrayNode list = c.putArray("fields");
        for (ObjectNode f : fields) {
            list.add(f);
        }
        return c;
    }

    private static ObjectNode openRules(ObjectNode c) {
        for (String rule : List.of("listRule", "viewRule", "createRule", "updateRule", "deleteRule")) {
            c.put(rule, "");
        }
        return c;
    }

    private static ObjectNode field(String name, String type) {
        return Api.object().put("name", name).put("type", type);
    }

    private static ObjectNode relation(String name, String collectionId, int maxSelect) {
        return field(name, "relation").put("collectionId", collectionId).put("maxSelect", maxSelect)
                .put("cascadeDelete", true);
    }

    // ---------------------------------------------------------------- create

    void create() {
        createSimple(names.organizations(), "Creating organizations (100)", scale.pick(50, 10), scale.pick(10, 5),
                50, i -> "{\"name\":\"" + names.organizations() + i + "\"}");
        createSimple(names.permissions(), "Creating permissions (50)", scale.pick(25, 5), scale.pick(5, 5),
                25, i -> "{\"name\":\"" + names.permissions() + i + "\",\"active\":" + (i % 2 == 0) + "}");

        List<String> permissions = api.randomIds(names.permissions(), 999, null);
        List<String> organizations = api.randomIds(names.organizations(), 999, null);
        String usersSection = "Creating users (500 - expected to be slow due to passwordHash generation)";
        for (String rule : List.of("", "@request.body.email != '' && @request.body.permissions:length > 0")) {
            api.updateCollection(names.users(), Map.of("createRule", rule));
            long total = api.count(names.users());
            Scenario s = new Scenario(usersSection, "Creating 250 users", scale.pick(250, 10), scale.pick(50, 10), rule, "");
            measure(s, i -> {
                String name = names.users() + (i + total);
                String body = "{\"email\":\"" + name + "@example.com\",\"username\":\"" + name + "\",\"name\":\"" + name
                        + "\",\"organization\":\"" + pick(organizations) + "\",\"permissions\":[\"" + pick(permissions)
                        + "\",\"" + pick(permissions) + "\",\"" + pick(permissions) + "\"],\"password\":\"" + PASSWORD
                        + "\",\"passwordConfirm\":\"" + PASSWORD + "\"}";
                return new Call("POST", "api/collections/" + names.users() + "/records", body, null);
            });
        }
        api.updateCollection(names.users(), Map.of("createRule", ""));

        signInFirstUser();
        List<String> users = api.randomIds(names.users(), 999, null);
        int[][] sizes = {{5000, 100}, {12500, 100}, {25000, 100}, {50000, 100}};
        for (int p = 0; p < names.posts().size(); p++) {
            String posts = names.posts().get(p);
            for (String rule : List.of("", "@request.auth.id != '' && @request.body.public:isset = true")) {
                api.updateCollection(posts, Map.of("createRule", rule));
                long total = api.count(posts);
                String token = rule.isEmpty() ? null : userToken;
                Scenario s = new Scenario("Creating posts (10k, 25k, 50k, 100k)", "Creating " + sizes[p][0] + " " + posts,
                        scale.pick(sizes[p][0], sizes[p][1]), scale.pick(500, 50), rule, "");
                measure(s, i -> {
                    String name = posts + (i + total);
                    String body = "{\"title\":\"" + name + "\",\"description\":\"" + DESCRIPTION + "\",\"public\":"
                            + (i % 2 != 0) + ",\"type\":[\"" + pick(TYPES) + "\",\"" + pick(TYPES) + "\"],\"author\":\""
                            + pick(users) + "\"}";
                    return new Call("POST", "api/collections/" + posts + "/records", body, token);
                });
            }
            api.updateCollection(posts, Map.of("createRule", ""));
        }
    }

    private void createSimple(String collection, String section, int requests, int concurrency, int fullRequests,
            IntFunction<String> body) {
        for (String rule : List.of("", "@request.body.name != ''")) {
            api.updateCollection(collection, Map.of("createRule", rule));
            long total = api.count(collection);
            Scenario s = new Scenario(section, "Creating " + fullRequests + " " + collection, requests, concurrency, rule, "");
            measure(s, i -> new Call("POST", "api/collections/" + collection + "/records", body.apply((int) (i + total)), null));
        }
        api.updateCollection(collection, Map.of("createRule", ""));
    }

    /** The user whose token the later scenarios carry: the first one created, as in PocketBase's run. */
    void signInFirstUser() {
        if (userToken == null) {
            JsonNode auth = api.authWithPassword(names.users(), names.users() + "0@example.com", PASSWORD);
            userToken = auth.path("token").asText();
            user = auth.path("record");
        }
    }

    // ---------------------------------------------------------------- auth

    void auth() {
        signInFirstUser();
        String section = "User auth with password (expected to be slow due to passwordHash verification)";
        String body = "{\"identity\":\"" + names.users() + "0@example.com\",\"password\":\"" + PASSWORD + "\"}";
        for (Object[] s : new Object[][] {{"high concurrency", 250, 250, 5, 5}, {"small concurrency", 250, 10, 5, 5}}) {
            Scenario scenario = new Scenario(section, names.users() + " auth with email/pass - " + s[0],
                    scale.pick((int) s[1], (int) s[3]), scale.pick((int) s[2], (int) s[4]), null, "");
            measure(scenario, i -> new Call("POST", "api/collections/" + names.users() + "/auth-with-password", body, null));
        }
        for (Object[] s : new Object[][] {{"high", 1000, 1000, 50, 50}, {"medium", 1000, 100, 50, 10}}) {
            Scenario scenario = new Scenario("User auth refresh", names.users() + " - auth refresh (" + s[0] + " concurrency)",
                    scale.pick((int) s[1], (int) s[3]), scale.pick((int) s[2], (int) s[4]), null, "");
            measure(scenario, i -> new Call("POST", "api/collections/" + names.users() + "/auth-refresh", null, userToken));
        }
    }

    // ---------------------------------------------------------------- search

    /** A list scenario: the rule and indexes the collection gets, and the query its requests send. */
    private record ListCase(String comment, int requests, int concurrency, String query, String rule,
            boolean authorIndex, boolean descriptionIndex, boolean mixed) {
    }

    void search() {
        signInFirstUser();
        String section = "List records";
        String userPath = "/" + userId();
        api.updateCollection(names.users(), Map.of("listRule", ""));
        for (Object[] s : new Object[][] {{"medium", 100, 10}, {"high", 1000, 50}}) {
            Scenario scenario = new Scenario(section, names.users() + " - getOne for auth refresh comparison (" + s[0]
                    + " concurrency)", scale.pick(1000, 50), scale.pick((int) s[1], (int) s[2]), "", userPath);
            cooldown();
            measure(scenario, i -> Call.get("api/collections/" + names.users() + "/records" + userPath, userToken));
        }
        for (String posts : names.posts()) {
            for (ListCase c : listCases(posts)) {
                List<String> indexes = new ArrayList<>();
                if (c.authorIndex) {
                    indexes.add("create index author_idx on " + posts + " (author)");
                }
                if (c.descriptionIndex) {
                    indexes.add("create index descriptions_idx on " + posts + " (description)");
                }
                Map<String, Object> change = new HashMap<>();
                change.put("listRule", c.rule);
                change.put("indexes", indexes);
                api.updateCollection(posts, change);
                Scenario scenario = new Scenario(section, posts + " - " + c.comment, c.requests, c.concurrency, c.rule, c.query);
                IntFunction<Call> list = i -> Call.get("api/collections/" + posts + "/records" + c.query, userToken);
                if (c.mixed) {
                    measureMixed(scenario, posts, list);
                } else {
                    cooldown();
                    measure(scenario, list);
                }
            }
            api.updateCollection(posts, Map.of("listRule", "", "indexes", List.of()));
        }
    }

    private List<ListCase> listCases(String posts) {
        int many = scale.pick(1000, 50);
        int high = scale.pick(1000, 50);
        int few = scale.pick(100, 10);
        int ten = scale.pick(10, 5);
        String page = "?perPage=20";
        String skip = "?perPage=20&skipTotal=1";
        String authId = "@request.auth.id != ''";
        String author = "author = @request.auth.id";
        String authorJoin = "author.id = @request.auth.id";
        String text = "description ~ 'ipsum dolor'";
        String all = "type:each != 'c'";
        String any = "type:each ?!= 'c'";
        String nested = "author.organization.name != 'test'";
        String multiAll = "author.permissions.active = true";
        String multiAny = "author.permissions.active ?= true";
        return List.of(
                new ListCase("simpleA (many requests, no rules, no concurrency)", many, 1, page, "", false, false, false),
                new ListCase("simpleB (many requests, no rules, high concurrency)", many, high, page, "", false, false, false),
                new ListCase("simpleC (many requests, no rules, high concurrency, skipTotal)", many, high, skip, "", false, false, false),
                new ListCase("mixed read and write (simpleA list with additional 300 concurrent random " + posts
                        + " updates running in the background)", many, high, page, "", false, false, true),
                new ListCase("expand author", few, ten, page + "&expand=author", "", false, false, false),
                new ListCase("expand author (limited fields)", few, ten,
                        page + "&expand=author&fields=id,collectionId,expand.author.id", "", false, false, false),
                new ListCase("expand author.permissions", few, ten, page + "&expand=author.permissions", "", false, false, false),
                new ListCase("expand author.permissions (limited fields)", few, ten, page
                        + "&expand=author.permissions&fields=id,collectionId,expand.author.id,expand.author.expand.permissions.id",
                        "", false, false, false),
                new ListCase("simple auth rule", few, ten, page, authId, false, false, false),
                new ListCase("author check (no index)", few, ten, page, author, false, false, false),
                new ListCase("author check (with index)", few, ten, page, author, true, false, false),
                new ListCase("author check (with index and skipTotal)", few, ten, skip, author, true, false, false),
                new ListCase("author.id (extra join) check (no index)", few, ten, page, authorJoin, false, false, false),
                new ListCase("author.id (extra join) check (with index)", few, ten, page, authorJoin, true, false, false),
                new ListCase("author.id (extra join) check (with index and skipTotal)", few, ten, skip, authorJoin, true, false, false),
                new ListCase("loose large text search (no index)", few, ten, page, text, false, false, false),
                new ListCase("loose large text search (with index)", few, ten, page, text, false, true, false),
                new ListCase("loose large text search (with index and skipTotal)", few, ten, skip, text, false, true, false),
                new ListCase("multiple select :each (no index, match-all)", few, ten, page, all, false, false, false),
                new ListCase("multiple select :each (no index, match-all, skipTotal)", few, ten, skip, all, false, false, false),
                new ListCase("multiple select :each (no index, at-least-one)", few, ten, page, any, false, false, false),
                new ListCase("multiple select :each (no index, at-least-one, skipTotal)", few, ten, skip, any, false, false, false),
                new ListCase("nested single relations lookup (no indexes)", few, ten, page, nested, false, false, false),
                new ListCase("nested single relations lookup (no indexes, skipTotal)", few, ten, skip, nested, false, false, false),
                new ListCase("nested multiple relations lookup (no indexes, match-all)", few, ten, page, multiAll, false, false, false),
                new ListCase("nested multiple relations lookup (no indexes, match-all, skipTotal)", few, ten, skip, multiAll, false, false, false),
                new ListCase("nested multiple relations lookup (no indexes, at-least-one)", few, ten, page, multiAny, false, false, false),
                new ListCase("nested multiple relations lookup (no indexes, at-least-one, skipTotal)", few, ten, skip, multiAny, false, false, false));
    }

    /** The list scenario while 300 updates of random posts run beside it, all at once. */
    private void measureMixed(Scenario scenario, String posts, IntFunction<Call> list) {
        List<String> ids = api.randomIds(posts, scale.pick(300, 10), null);
        cooldown();
        log.accept("  " + scenario.title());
        CompletableFuture<Measurement> updates = CompletableFuture.supplyAsync(() -> client.run(ids.size(), ids.size(),
                i -> new Call("PATCH", "api/collections/" + posts + "/records/" + ids.get(i),
                        "{\"title\":\"update" + ids.get(i) + "\"}", userToken)));
        Measurement reads = client.run(scenario.requests(), scenario.concurrency(), list);
        Measurement side = updates.join();
        record(new Result(scenario, reads.withSideErrors(side.errors(), side.firstError())));
    }

    // ---------------------------------------------------------------- delete

    void delete() {
        signInFirstUser();
        String section = "Deleting records";
        int count = scale.pick(100, 5);
        int concurrency = scale.pick(10, 5);
        for (String posts : names.posts()) {
            for (String[] c : new String[][] {{"simple (no cascade, no rule)", ""}, {"simple (no cascade, with rule)", "@request.auth.id != ''"}}) {
                deleteScenario(new Scenario(section, "deleting 100 " + posts + " - " + c[0], count, concurrency, c[1], ""),
                        posts, null);
            }
        }
        deleteScenario(new Scenario(section, "deleting 100 users - with cascade deleting all associated posts",
                count, concurrency, "", ""), names.users(), "id != '" + userId() + "'");
        deleteScenario(new Scenario(section, "deleting 100 organizations - with cascade deleting all users and associated posts",
                count, concurrency, "", ""), names.organizations(), "id != '" + user.path("organization").asText() + "'");
    }

    private void deleteScenario(Scenario scenario, String collection, String keep) {
        api.updateCollection(collection, Map.of("deleteRule", scenario.rule()));
        List<String> ids = api.randomIds(collection, scenario.requests(), keep);
        cooldown();
        Scenario actual = new Scenario(scenario.section(), scenario.title(), ids.size(), scenario.concurrency(),
                scenario.rule(), scenario.query());
        measure(actual, i -> new Call("DELETE", "api/collections/" + collection + "/records/" + ids.get(i), null, userToken));
        api.updateCollection(collection, Map.of("deleteRule", ""));
    }

    // ---------------------------------------------------------------- measuring

    private void measure(Scenario scenario, IntFunction<Call> calls) {
        if (!scenario.section().equals("List records")) {
            cooldown();
        }
        log.accept("  " + scenario.title() + (scenario.rule() == null || scenario.rule().isEmpty() ? "" : " [" + scenario.rule() + "]"));
        record(new Result(scenario, client.run(scenario.requests(), scenario.concurrency(), calls)));
    }

    private void record(Result result) {
        Measurement m = result.measurement();
        log.accept(String.format("    %d reqs in %s, p50 %s, p99 %s, %.0f req/s, errors %d%s", m.requests(),
                Report.duration(m.completed()), Report.duration(m.percentile(0.5)), Report.duration(m.percentile(0.99)),
                m.throughput(), m.errors(), m.firstError() == null ? "" : " (" + m.firstError() + ")"));
        results.add(result);
    }

    private void cooldown() {
        try {
            Thread.sleep(scale.cooldown());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String pick(List<String> values) {
        return values.get(ThreadLocalRandom.current().nextInt(values.size()));
    }

    private static String pick(String[] values) {
        return values[ThreadLocalRandom.current().nextInt(values.length)];
    }
}
