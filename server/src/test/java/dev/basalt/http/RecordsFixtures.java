package dev.basalt.http;

import dev.basalt.collections.Collection;
import dev.basalt.collections.CollectionService;
import dev.basalt.collections.CollectionType;
import dev.basalt.collections.Rule;
import dev.basalt.collections.fields.AutodateField;
import dev.basalt.collections.fields.BoolField;
import dev.basalt.collections.fields.DateField;
import dev.basalt.collections.fields.EditorField;
import dev.basalt.collections.fields.EmailField;
import dev.basalt.collections.fields.Field;
import dev.basalt.collections.fields.FileField;
import dev.basalt.collections.fields.JsonField;
import dev.basalt.collections.fields.NumberField;
import dev.basalt.collections.fields.RelationField;
import dev.basalt.collections.fields.SelectField;
import dev.basalt.collections.fields.TextField;
import dev.basalt.collections.fields.UrlField;
import dev.basalt.testing.TestServer;
import java.util.List;
import java.util.Map;

/**
 * The collections the records API tests run against, created through {@link CollectionService}.
 * Unique indexes are created with the SQL of the collection's {@code indexes} (the collection
 * service does not apply indexes yet).
 */
final class RecordsFixtures {

    private RecordsFixtures() {}

    static void createAll(TestServer server) {
        CollectionService collections = server.basalt().collections();
        create(collections, "rules_locked", List.of(text("title")), List.of(), null);
        create(collections, "rules_public", List.of(text("title")), List.of(), "");
        create(collections, "rules_expr", List.of(text("title"), text("status")), List.of(), "status = 'public'");
        Collection people = create(collections, "people", List.of(text("name"), new TextField("", "secret", false, true, false, false, "", 0, 0, "", "", false)),
                List.of(), "");
        create(collections, "demo", demoFields(people.id()),
                List.of("CREATE UNIQUE INDEX `idx_demo_slug` ON `demo` (`slug`)",
                        "CREATE UNIQUE INDEX `idx_demo_pair` ON `demo` (`code`, `price`) WHERE `code` != ''"), "");
        Collection parents = create(collections, "parents", List.of(text("name")), List.of(), "");
        create(collections, "kids_cascade", List.of(text("name"), relation("parent", parents.id(), true, true, 1)), List.of(), "");
        create(collections, "kids_multi_cascade", List.of(text("name"), relation("parents", parents.id(), false, true, 5)), List.of(), "");
        create(collections, "kids_optional", List.of(text("name"), relation("parent", parents.id(), false, false, 1),
                relation("others", parents.id(), false, false, 5)), List.of(), "");
        create(collections, "kids_required", List.of(text("name"), relation("parent", parents.id(), true, false, 1)), List.of(), "");
        // View collections cannot be created through the service yet: store one directly.
        Collection view = new Collection("pbc_a_view", "a_view", CollectionType.VIEW, false,
                List.of(CollectionService.idField(), text("title").withId("text_title")), List.of(),
                Rule.EVERYONE, Rule.EVERYONE, Rule.SUPERUSERS_ONLY, Rule.SUPERUSERS_ONLY, Rule.SUPERUSERS_ONLY,
                Map.of("viewQuery", "SELECT id, title FROM rules_public"), "", "");
        server.basalt().database().transaction(tx -> {
            collections.insert(tx, view);
        });
    }

    private static List<Field> demoFields(String peopleId) {
        return List.of(
                new TextField("", "title", false, false, false, true, "", 0, 0, "", "", false),
                new TextField("", "code", false, false, false, false, "", 2, 5, "^[A-Z]+$", "", false),
                new TextField("", "slug", false, false, false, false, "", 0, 0, "", "[a-z]{8}", false),
                new TextField("", "short", false, false, false, false, "", 0, 10, "", "", false),
                new EditorField("", "body", false, false, false, false, "", 20, false),
                new NumberField("", "price", false, false, false, false, "", null, null, false),
                new NumberField("", "qty", false, false, false, false, "", 1d, 10d, true),
                new BoolField("", "active", false, false, false, false, ""),
                new EmailField("", "email", false, false, false, false, "", List.of("blocked.com"), List.of()),
                new EmailField("", "work_email", false, false, false, false, "", List.of(), List.of("example.com")),
                new UrlField("", "site", false, false, false, false, "", List.of("bad.com"), List.of()),
                new DateField("", "when", false, false, false, false, "", "2020-01-01 00:00:00.000Z", "2030-12-31 23:59:59.999Z"),
                new SelectField("", "status", false, false, false, false, "", List.of("draft", "published"), 1),
                new SelectField("", "tags", false, false, false, false, "", List.of("a", "b", "c", "d"), 3),
                new JsonField("", "meta", false, false, false, false, "", 50),
                new TextField("", "secret", false, true, false, false, "", 0, 0, "", "", false),
                new FileField("", "attachment", false, false, false, false, "", 0, 1, List.of(), List.of(), false),
                new RelationField("", "author", false, false, false, false, "", peopleId, false, 0, 1),
                new RelationField("", "reviewers", false, false, false, false, "", peopleId, false, 2, 3),
                new AutodateField("", "created", false, false, false, true, false),
                new AutodateField("", "updated", false, false, false, true, true));
    }

    private static Collection create(CollectionService collections, String name, List<Field> fields,
            List<String> indexes, String rule) {
        Rule r = Rule.of(rule);
        Collection c = collections.create(new Collection("", name, CollectionType.BASE, false, fields, indexes,
                r, r, r, r, r, Map.of(), "", ""));
        return c;
    }

    /** Records with known ids that the read scenarios rely on; writes use their own ids. */
    static void seed(TestServer server) {
        for (int i = 1; i <= 3; i++) {
            insert(server, "rules_public", "{\"id\":\"public00000000" + i + "\",\"title\":\"public " + i + "\"}");
            insert(server, "people", "{\"id\":\"person00000000" + i + "\",\"name\":\"p" + i + "\",\"secret\":\"s" + i + "\"}");
        }
        insert(server, "rules_locked", "{\"id\":\"locked000000001\",\"title\":\"locked\"}");
        insert(server, "rules_expr", "{\"id\":\"exprpublic00001\",\"title\":\"open\",\"status\":\"public\"}");
        insert(server, "rules_expr", "{\"id\":\"exprprivate0001\",\"title\":\"closed\",\"status\":\"private\"}");
    }

    /** Creates a record as the superuser and fails the test setup when that does not work. */
    static TestServer.Response insert(TestServer server, String collection, String json) {
        TestServer.Response r = server.post("/api/collections/" + collection + "/records", json, server.superuserToken());
        if (r.status() != 200) {
            throw new IllegalStateException("fixture insert into " + collection + " failed: " + r.body());
        }
        return r;
    }

    /** Whether the filter compiler is in place (the rule-expression scenarios need it). */

    static TextField text(String name) {
        return new TextField("", name, false, false, false, false, "", 0, 0, "", "", false);
    }

    static RelationField relation(String name, String collectionId, boolean required, boolean cascade, int maxSelect) {
        return new RelationField("", name, false, false, false, required, "", collectionId, cascade, 0, maxSelect);
    }
}
