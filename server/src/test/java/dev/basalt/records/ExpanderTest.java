package dev.basalt.records;

import static org.assertj.core.api.Assertions.assertThat;

import dev.basalt.collections.Collection;
import dev.basalt.collections.CollectionRegistry;
import dev.basalt.collections.CollectionType;
import dev.basalt.collections.Ids;
import dev.basalt.collections.Rule;
import dev.basalt.collections.fields.Field;
import dev.basalt.collections.fields.RelationField;
import dev.basalt.collections.fields.TextField;
import dev.basalt.store.Database;
import dev.basalt.testing.TestServer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link Expander} against a real SQLite database: relations, back-relations, nesting, view rules
 * and the normalisation of the parameter.
 */
class ExpanderTest {

    static TestServer server;
    static Database db;
    static CollectionRegistry registry;
    static Expander expander;
    static final RecordRepository repository = new RecordRepository();
    static Record superuser;

    static Collection orgs;
    static Collection authors;
    static Collection tags;
    static Collection posts;
    static Collection comments;
    static Collection profiles;
    static Collection chain;
    static Collection members;
    static Collection insiders;
    static Collection teams;

    @BeforeAll
    static void setUp() {
        server = TestServer.start();
        db = server.basalt().database();
        orgs = create("orgs", null, List.of(), text("name"));
        authors = create("authors", "", List.of(), text("name"), relation("org", orgs, 1));
        tags = create("tags", "", List.of(), text("name"));
        posts = create("posts", "", List.of(), text("title"), relation("author", authors, 1), relation("tags", tags, 5));
        comments = create("comments", "", List.of(), text("body"), relation("post", posts, 1));
        profiles = create("profiles", "", List.of("CREATE UNIQUE INDEX `idx_profiles_author` ON `profiles` (`author`)"),
                text("bio"), relation("author", authors, 1));
        String chainId = Ids.collectionId(CollectionType.BASE, "chain");
        chain = create("chain", "", List.of(), text("name"),
                new RelationField("", "parent", false, false, false, false, "", chainId, false, 0, 1));
        members = create("members", "name = \"visible\"", List.of(), text("name"));
        insiders = create("insiders", "@request.context = \"expand\"", List.of(), text("name"));
        teams = create("teams", "", List.of(), text("name"), relation("members", members, 5), relation("insider", insiders, 1));
        registry = new CollectionRegistry(db);
        registry.reload();
        expander = new Expander(db, registry, new RecordSearch(registry, db.dialect()));

        db.transaction(tx -> {
            insert(orgs, "org1", Map.of("name", "Acme"));
            insert(authors, "author1", Map.of("name", "Ann", "org", "org1"));
            insert(authors, "author2", Map.of("name", "Bob", "org", "org1"));
            insert(tags, "tag1", Map.of("name", "one"));
            insert(tags, "tag2", Map.of("name", "two"));
            insert(tags, "tag3", Map.of("name", "three"));
            insert(posts, "post1", Map.of("title", "First", "author", "author1", "tags", List.of("tag3", "missing", "tag1")));
            insert(posts, "post2", Map.of("title", "Second", "author", "author2", "tags", List.of("tag2")));
            insert(posts, "post3", Map.of("title", "Third", "author", "", "tags", List.of()));
            insert(comments, "comment1", Map.of("body", "c1", "post", "post1"));
            insert(comments, "comment2", Map.of("body", "c2", "post", "post2"));
            insert(comments, "comment3", Map.of("body", "c3", "post", "post1"));
            insert(profiles, "profile1", Map.of("bio", "Ann's bio", "author", "author1"));
            insert(members, "member1", Map.of("name", "visible"));
            insert(members, "member2", Map.of("name", "hidden"));
            insert(members, "member3", Map.of("name", "visible"));
            insert(insiders, "insider1", Map.of("name", "in"));
            insert(teams, "team1", Map.of("name", "t", "members", List.of("member3", "member2", "member1"), "insider", "insider1"));
            for (int i = 0; i < 10; i++) {
                insert(chain, "node" + i, Map.of("name", "n" + i, "parent", i < 9 ? "node" + (i + 1) : ""));
            }
        });
        superuser = db.read(dsl -> repository.findFirst(dsl, registry.find("_superusers").orElseThrow(),
                org.jooq.impl.DSL.noCondition())).orElseThrow();
    }

    @AfterAll
    static void tearDown() {
        server.close();
    }

    // --- fixtures ----------------------------------------------------------------------------

    static Field text(String name) {
        return new TextField("", name, false, false, false, false, "", 0, 0, "", "", false);
    }

    static Field relation(String name, Collection target, int maxSelect) {
        return new RelationField("", name, false, false, false, false, "", target.id(), false, 0, maxSelect);
    }

    static Collection create(String name, String viewRule, List<String> indexes, Field... fields) {
        Collection draft = new Collection("", name, CollectionType.BASE, false, List.of(fields), indexes,
                Rule.of(viewRule), Rule.of(viewRule), Rule.of(""), Rule.of(""), Rule.of(""), Map.of(), null, null);
        return server.basalt().collections().create(draft);
    }

    static void insert(Collection c, String id, Map<String, Object> values) {
        Map<String, Object> all = new LinkedHashMap<>();
        for (Field f : c.fields()) {
            all.put(f.name(), f.isMultiple() ? List.of() : "");
        }
        all.putAll(values);
        all.put("id", id);
        // Called inside the fixture transaction, which this nested call joins.
        db.transaction(tx -> {
            repository.insert(tx.dsl(), new Record(c, all));
        });
    }

    static List<Record> load(Collection c, String... ids) {
        Collection fresh = registry.find(c.id()).orElseThrow();
        return db.read(dsl -> {
            List<Record> out = new ArrayList<>();
            for (String id : ids) {
                out.add(repository.findById(dsl, fresh, id).orElseThrow());
            }
            return out;
        });
    }

    static ExpandedRecord one(Object value) {
        assertThat(value).isInstanceOf(ExpandedRecord.class);
        return (ExpandedRecord) value;
    }

    @SuppressWarnings("unchecked")
    static List<ExpandedRecord> many(Object value) {
        assertThat(value).isInstanceOf(List.class);
        return (List<ExpandedRecord>) value;
    }

    static List<String> ids(List<ExpandedRecord> records) {
        return records.stream().map(e -> e.record().id()).toList();
    }

    static RequestInfo guest() {
        return RequestInfo.guest();
    }

    // --- cases -------------------------------------------------------------------------------

    @Test
    void noExpandParameterMeansNotRequested() {
        List<ExpandedRecord> out = expander.expand(load(posts, "post1"), "  ", guest());
        assertThat(out).singleElement().satisfies(e -> {
            assertThat(e.requested()).isFalse();
            assertThat(e.expand()).isEmpty();
        });
    }

    @Test
    void singleRelationIsOneRecord() {
        List<ExpandedRecord> out = expander.expand(load(posts, "post1", "post2", "post3"), "author", guest());
        assertThat(out).hasSize(3);
        assertThat(one(out.get(0).expand().get("author")).record().getString("name")).isEqualTo("Ann");
        assertThat(one(out.get(1).expand().get("author")).record().getString("name")).isEqualTo("Bob");
        assertThat(out.get(2).expand()).isEmpty();
        assertThat(out.get(2).requested()).isTrue();
        // A leaf of the path carries no expand of its own.
        assertThat(one(out.get(0).expand().get("author")).requested()).isFalse();
    }

    @Test
    void multipleRelationKeepsStoredOrderAndSkipsMissingIds() {
        List<ExpandedRecord> out = expander.expand(load(posts, "post1", "post2"), "tags", guest());
        assertThat(ids(many(out.get(0).expand().get("tags")))).containsExactly("tag3", "tag1");
        assertThat(ids(many(out.get(1).expand().get("tags")))).containsExactly("tag2");
    }

    @Test
    void spacesAreRemovedAndSeveralPathsCombine() {
        List<ExpandedRecord> out = expander.expand(load(posts, "post1"), " author , ta gs ", guest());
        assertThat(out.getFirst().expand()).containsOnlyKeys("author", "tags");
    }

    @Test
    void nestedTwoAndThreeLevels() {
        List<ExpandedRecord> out = expander.expand(load(comments, "comment1", "comment2"), "post.author", guest());
        ExpandedRecord post = one(out.get(0).expand().get("post"));
        assertThat(post.requested()).isTrue();
        assertThat(one(post.expand().get("author")).record().id()).isEqualTo("author1");
        assertThat(one(one(out.get(1).expand().get("post")).expand().get("author")).record().id()).isEqualTo("author2");

        // Three levels as a superuser (orgs is locked for everyone else).
        List<ExpandedRecord> deep = expander.expand(load(comments, "comment1"), "post.author.org,post.tags",
                RequestInfo.of(superuser));
        ExpandedRecord deepPost = one(deep.getFirst().expand().get("post"));
        assertThat(deepPost.expand()).containsOnlyKeys("author", "tags");
        ExpandedRecord author = one(deepPost.expand().get("author"));
        assertThat(one(author.expand().get("org")).record().getString("name")).isEqualTo("Acme");
    }

    @Test
    void backRelationIsAListWithoutUniqueIndex() {
        List<ExpandedRecord> out = expander.expand(load(posts, "post1", "post2", "post3"), "comments_via_post", guest());
        assertThat(ids(many(out.get(0).expand().get("comments_via_post")))).containsExactly("comment1", "comment3");
        assertThat(ids(many(out.get(1).expand().get("comments_via_post")))).containsExactly("comment2");
        assertThat(out.get(2).expand()).isEmpty();
    }

    @Test
    void backRelationIsOneRecordWithUniqueIndex() {
        List<ExpandedRecord> out = expander.expand(load(authors, "author1", "author2"), "profiles_via_author", guest());
        assertThat(one(out.get(0).expand().get("profiles_via_author")).record().id()).isEqualTo("profile1");
        assertThat(out.get(1).expand()).isEmpty();
    }

    @Test
    void backRelationThroughMultipleRelationField() {
        List<ExpandedRecord> out = expander.expand(load(tags, "tag1", "tag2", "tag3"), "posts_via_tags.author", guest());
        List<ExpandedRecord> tag1Posts = many(out.get(0).expand().get("posts_via_tags"));
        assertThat(ids(tag1Posts)).containsExactly("post1");
        assertThat(one(tag1Posts.getFirst().expand().get("author")).record().id()).isEqualTo("author1");
        assertThat(ids(many(out.get(1).expand().get("posts_via_tags")))).containsExactly("post2");
    }

    @Test
    void backRelationToAnotherCollectionIsIgnored() {
        List<ExpandedRecord> out = expander.expand(load(tags, "tag1"), "comments_via_post", guest());
        assertThat(out.getFirst().expand()).isEmpty();
        assertThat(out.getFirst().requested()).isTrue();
    }

    @Test
    void lockedCollectionIsExpandedOnlyForSuperusers() {
        List<ExpandedRecord> asGuest = expander.expand(load(authors, "author1"), "org", guest());
        assertThat(asGuest.getFirst().expand()).isEmpty();

        List<ExpandedRecord> asSuperuser = expander.expand(load(authors, "author1"), "org", RequestInfo.of(superuser));
        assertThat(one(asSuperuser.getFirst().expand().get("org")).record().id()).isEqualTo("org1");
    }

    @Test
    void failingDeeperSegmentDropsTheWholePath() {
        // PocketBase compat: author.org fails for a guest (org is locked), so author is not expanded either.
        List<ExpandedRecord> out = expander.expand(load(posts, "post1"), "author.org", guest());
        assertThat(out.getFirst().expand()).isEmpty();
        // ...but another path through author keeps it.
        List<ExpandedRecord> both = expander.expand(load(posts, "post1"), "author.org,author.profiles_via_author", guest());
        ExpandedRecord author = one(both.getFirst().expand().get("author"));
        assertThat(author.expand()).containsOnlyKeys("profiles_via_author");
    }

    @Test
    void unknownAndNonRelationPathsAreIgnored() {
        List<ExpandedRecord> out = expander.expand(load(posts, "post1"), "missing,title,author,nope_via_x,author.missing", guest());
        // author alone is dropped as a prefix of author.missing, which fails: nothing but the empty map.
        assertThat(out.getFirst().expand()).isEmpty();
        assertThat(out.getFirst().requested()).isTrue();

        List<ExpandedRecord> some = expander.expand(load(posts, "post1"), "missing,title,tags", guest());
        assertThat(some.getFirst().expand()).containsOnlyKeys("tags");
    }

    @Test
    void prefixPathsAreDropped() {
        assertThat(Expander.normalize("a.b.c, a.b ,  test  , ,test,a.b.,.x")).containsExactly("a.b.c", "test", "x");
        List<ExpandedRecord> out = expander.expand(load(comments, "comment1"), "post,post.author", guest());
        ExpandedRecord post = one(out.getFirst().expand().get("post"));
        assertThat(post.expand()).containsOnlyKeys("author");
    }

    @Test
    void depthIsLimitedToSixLevels() {
        List<ExpandedRecord> out = expander.expand(load(chain, "node0"),
                "parent.parent.parent.parent.parent.parent.parent.parent.parent", guest());
        ExpandedRecord at = out.getFirst();
        int levels = 0;
        while (at.expand().containsKey("parent")) {
            at = one(at.expand().get("parent"));
            levels++;
        }
        assertThat(levels).isEqualTo(Expander.MAX_DEPTH);
        assertThat(at.record().id()).isEqualTo("node6");
        // The deepest expanded record carries no expand: the remaining segments are ignored.
        assertThat(at.requested()).isFalse();
    }

    @Test
    void viewRuleExpressionsFilterExpandedRecords() {
        List<ExpandedRecord> out = expander.expand(load(teams, "team1"), "members,insider", guest());
        assertThat(ids(many(out.getFirst().expand().get("members")))).containsExactly("member3", "member1");
        // The rule sees @request.context = "expand".
        assertThat(one(out.getFirst().expand().get("insider")).record().id()).isEqualTo("insider1");
        // Superusers skip the rules.
        List<ExpandedRecord> all = expander.expand(load(teams, "team1"), "members", RequestInfo.of(superuser));
        assertThat(ids(many(all.getFirst().expand().get("members")))).containsExactly("member3", "member2", "member1");
    }
}
