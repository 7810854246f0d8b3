package dev.basalt.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import com.fasterxml.jackson.databind.JsonNode;
import dev.basalt.auth.PasswordHasher;
import dev.basalt.collections.Collection;
import dev.basalt.collections.CollectionJson;
import dev.basalt.testing.Scenario;
import dev.basalt.testing.TestServer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class CollectionsApiTest {

    static TestServer server;
    static String memberToken;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        String su = server.superuserToken();
        create(su, "{\"name\":\"members\",\"type\":\"auth\"}");
        server.basalt().database().transaction(tx -> {
            tx.dsl().insertInto(table(name("members")), field(name("id")), field(name("email")), field(name("password")),
                            field(name("tokenKey")))
                    .values("member000000001", "member@example.com", new PasswordHasher().hash("1234567890", 4),
                            "memberTokenKey0000000000000000000000000000")
                    .execute();
        });
        memberToken = server.post("/api/collections/members/auth-with-password",
                "{\"identity\":\"member@example.com\",\"password\":\"1234567890\"}", null).json().get("token").asText();
        create(su, "{\"name\":\"demo\",\"fields\":[{\"type\":\"text\",\"name\":\"title\"}]}");
        create(su, "{\"name\":\"demo_rename\",\"fields\":[{\"type\":\"text\",\"name\":\"title\"}]}");
        create(su, "{\"name\":\"demo_locked\",\"fields\":[{\"type\":\"text\",\"name\":\"locked\",\"system\":true}]}");
        create(su, "{\"name\":\"rel_target\"}");
        String targetId = server.get("/api/collections/rel_target", su).json().get("id").asText();
        create(su, "{\"name\":\"rel_source\",\"fields\":[{\"type\":\"relation\",\"name\":\"target\",\"collectionId\":\""
                + targetId + "\"}]}");
        create(su, "{\"name\":\"to_delete\"}");
        create(su, "{\"name\":\"to_truncate\",\"fields\":[{\"type\":\"text\",\"name\":\"title\"}]}");
        server.basalt().database().transaction(tx -> {
            tx.dsl().insertInto(table(name("to_truncate")), field(name("id")), field(name("title")))
                    .values("t00000000000001", "a").values("t00000000000002", "b").execute();
        });
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static void create(String token, String body) {
        TestServer.Response r = server.post("/api/collections", body, token);
        if (r.status() != 200) {
            throw new IllegalStateException("fixture " + body + " failed: " + r.body());
        }
    }

    static Scenario su(Scenario s) {
        return s.asSuperuser();
    }

    @TestFactory
    List<DynamicTest> accessIsForSuperusersOnly() {
        List<Scenario> scenarios = new ArrayList<>();
        List<Scenario> routes = List.of(
                Scenario.get("/api/collections"),
                Scenario.post("/api/collections", "{\"name\":\"x\"}"),
                Scenario.get("/api/collections/demo"),
                Scenario.patch("/api/collections/demo", "{}"),
                Scenario.delete("/api/collections/demo"),
                Scenario.delete("/api/collections/demo/truncate"),
                Scenario.put("/api/collections/import", "{\"collections\":[]}"),
                Scenario.get("/api/collections/meta/scaffolds"));
        for (Scenario route : routes) {
            scenarios.add(route.expect(401, "The request requires valid record authorization token.", "\"data\":{}"));
        }
        for (Scenario route : List.of(
                Scenario.get("/api/collections"),
                Scenario.post("/api/collections", "{\"name\":\"x\"}"),
                Scenario.get("/api/collections/demo"),
                Scenario.patch("/api/collections/demo", "{}"),
                Scenario.delete("/api/collections/demo"),
                Scenario.delete("/api/collections/demo/truncate"),
                Scenario.put("/api/collections/import", "{\"collections\":[]}"),
                Scenario.get("/api/collections/meta/scaffolds"))) {
            scenarios.add(route.as(() -> memberToken)
                    .expect(403, "The authorized record is not allowed to perform this action.", "\"data\":{}"));
        }
        return Scenario.run(server, scenarios);
    }

    @TestFactory
    List<DynamicTest> listAndView() {
        return Scenario.run(server, List.of(
                su(Scenario.get("/api/collections"))
                        .expect(200, "\"page\":1", "\"perPage\":30", "\"totalPages\":1", "\"name\":\"_superusers\"", "\"items\":[")
                        .notExpect("\"secret\"", "\"multiple\"")
                        .named("a superuser lists every collection in the list envelope, without secrets or derived keys"),
                su(Scenario.get("/api/collections?perPage=2&page=2&skipTotal=1"))
                        .expect(200, "\"page\":2", "\"perPage\":2", "\"totalItems\":-1", "\"totalPages\":-1")
                        .named("skipTotal skips the count"),
                su(Scenario.get("/api/collections?perPage=1&sort=-name"))
                        .expect(200, "\"perPage\":1", "\"name\":\"users\"")
                        .named("sort by name descending"),
                su(Scenario.get("/api/collections?perPage=abc"))
                        .expect(400, "\"data\":{}")
                        .named("a non-integer perPage is a 400"),
                su(Scenario.get("/api/collections?sort=nope"))
                        .expect(400, "\"data\":{}")
                        .named("an unknown sort field is a 400"),
                su(Scenario.get("/api/collections/demo"))
                        .expect(200, "\"name\":\"demo\"", "\"type\":\"base\"", "\"id\":\"text3208210256\"")
                        .named("a collection is found by name"),
                su(Scenario.get("/api/collections/pbc_3142635823"))
                        .expect(200, "\"name\":\"_superusers\"", "\"authToken\":{\"duration\":86400}")
                        .notExpect("\"secret\"")
                        .named("a collection is found by id and never shows token secrets"),
                su(Scenario.get("/api/collections/missing"))
                        .expect(404, "\"data\":{}")
                        .named("an unknown collection is a 404")));
    }

    @TestFactory
    List<DynamicTest> create() {
        return Scenario.run(server, List.of(
                su(Scenario.post("/api/collections", "{\"name\":\"new47\",\"type\":\"base\",\"fields\":[{\"type\":\"text\",\"id\":\"12345789\",\"name\":\"test\"}]}"))
                        .expect(200, "\"name\":\"new47\"", "\"fields\":[{", "\"id\":\"text3208210256\"", "\"id\":\"12345789\"",
                                "\"listRule\":null", "\"created\":\"")
                        .named("a base collection gets the id field prepended"),
                su(Scenario.post("/api/collections", "{\"name\":\"c_unknown\",\"foo\":1,\"authRule\":\"\"}"))
                        .expect(200, "\"name\":\"c_unknown\"")
                        .notExpect("foo", "authRule")
                        .named("keys that are not options of the type are ignored"),
                su(Scenario.post("/api/collections", "{\"name\":\"order\",\"fields\":[{\"type\":\"text\",\"name\":\"select\"},{\"type\":\"number\",\"name\":\"group\"}],\"indexes\":[\"CREATE INDEX `idx_order_group` ON `order` (`group`, `select`)\"]}"))
                        .expect(200, "\"name\":\"order\"", "\"name\":\"select\"")
                        .named("SQL keywords are valid collection and field names"),
                su(Scenario.post("/api/collections", "{\"name\":\"DEMO\"}"))
                        .expect(400, "\"message\":\"Failed to create collection.\"", "\"name\":{\"code\":\"validation_collection_name_exists\"")
                        .named("collection names are unique case-insensitively"),
                su(Scenario.post("/api/collections", "{\"name\":\"pbc_3142635823\"}"))
                        .expect(400, "\"name\":{\"code\":\"validation_collection_name_id_duplicate\"")
                        .named("a name may not be another collection's id"),
                su(Scenario.post("/api/collections", "{\"name\":\"_migrations\"}"))
                        .expect(400, "\"name\":{\"code\":\"validation_collection_name_invalid\"")
                        .named("a name may not be an internal table"),
                su(Scenario.post("/api/collections", ""))
                        .expect(400, "\"name\":{\"code\":\"validation_required\"")
                        .named("an empty body needs a name"),
                su(Scenario.post("/api/collections", "{\""))
                        .expect(400, "\"data\":{}")
                        .named("malformed JSON is a 400 with empty data"),
                su(Scenario.post("/api/collections", "{\"name\":\"a-b\"}"))
                        .expect(400, "\"name\":{\"code\":\"validation_match_invalid\"")
                        .named("a name must match ^\\w+$"),
                su(Scenario.post("/api/collections", "{\"name\":\"a_via_b\"}"))
                        .expect(400, "\"name\":{\"code\":\"validation_found_via\"")
                        .named("a name may not contain _via_"),
                su(Scenario.post("/api/collections", "{\"name\":\"c_type\",\"type\":\"nope\"}"))
                        .expect(400, "\"type\":{\"code\":\"validation_in_invalid\"")
                        .named("an unknown type is refused"),
                su(Scenario.post("/api/collections", "{\"name\":\"c_view\",\"type\":\"view\",\"viewQuery\":\"select 1\"}"))
                        .expect(400, "View collections are not supported yet.")
                        .named("view collections are not supported yet"),
                su(Scenario.post("/api/collections", "{\"name\":\"c_ftype\",\"fields\":[{\"type\":\"nope\",\"name\":\"a\"}]}"))
                        .expect(400, "\"data\":{}")
                        .named("an unknown field type is a malformed body"),
                su(Scenario.post("/api/collections", "{\"name\":\"c_reserved\",\"fields\":[{\"type\":\"text\",\"name\":\"expand\"},{\"type\":\"text\",\"name\":\"collectionId\"}]}"))
                        .expect(400, "\"fields\":{\"1\":{\"name\":{\"code\":\"validation_not_in_invalid\"", "\"2\":{\"name\":{\"code\":\"validation_not_in_invalid\"")
                        .named("reserved field names are refused (positions count the prepended id field)"),
                su(Scenario.post("/api/collections", "{\"name\":\"c_dup\",\"fields\":[{\"type\":\"text\",\"name\":\"title\"},{\"type\":\"number\",\"name\":\"Title\"}]}"))
                        .expect(400, "\"fields\":{\"2\":{\"name\":{\"code\":\"validation_duplicated_field_name\"")
                        .named("field names are unique case-insensitively"),
                su(Scenario.post("/api/collections", "{\"name\":\"c_fname\",\"fields\":[{\"type\":\"text\",\"name\":\"bad name\"},{\"type\":\"text\",\"name\":\"\"}]}"))
                        .expect(400, "\"1\":{\"name\":{\"code\":\"validation_match_invalid\"", "\"2\":{\"name\":{\"code\":\"validation_required\"")
                        .named("field names must match ^\\w+$ and are required"),
                su(Scenario.post("/api/collections", "{\"name\":\"c_select\",\"fields\":[{\"type\":\"select\",\"name\":\"a\"},{\"type\":\"select\",\"name\":\"b\",\"values\":[\"x\"],\"maxSelect\":2}]}"))
                        .expect(400, "\"1\":{\"values\":{\"code\":\"validation_required\"", "\"2\":{\"maxSelect\":{\"code\":\"validation_max_less_equal_than_required\"")
                        .named("select needs values and maxSelect within them"),
                su(Scenario.post("/api/collections", "{\"name\":\"c_rel\",\"fields\":[{\"type\":\"relation\",\"name\":\"a\",\"collectionId\":\"missing\"},{\"type\":\"relation\",\"name\":\"b\"}]}"))
                        .expect(400, "\"1\":{\"collectionId\":{\"code\":\"validation_field_relation_missing_collection\"",
                                "\"2\":{\"collectionId\":{\"code\":\"validation_required\"")
                        .named("a relation needs an existing collection"),
                su(Scenario.post("/api/collections", "{\"name\":\"c_rel_min\",\"fields\":[{\"type\":\"relation\",\"name\":\"a\",\"collectionId\":\"pbc_3142635823\",\"minSelect\":3,\"maxSelect\":2}]}"))
                        .expect(400, "\"1\":{\"maxSelect\":{\"code\":\"validation_min_greater_equal_than_required\"")
                        .named("relation maxSelect may not be below minSelect"),
                su(Scenario.post("/api/collections", "{\"name\":\"c_num\",\"fields\":[{\"type\":\"number\",\"name\":\"n\",\"min\":5,\"max\":1},{\"type\":\"number\",\"name\":\"i\",\"onlyInt\":true,\"min\":1.5}]}"))
                        .expect(400, "\"1\":{\"max\":{\"code\":\"validation_min_greater_equal_than_required\"", "\"2\":{\"min\":{\"code\":\"validation_only_int_constraint\"")
                        .named("number min may not exceed max; onlyInt bounds are integers"),
                su(Scenario.post("/api/collections", "{\"name\":\"c_text\",\"fields\":[{\"type\":\"text\",\"name\":\"t\",\"pattern\":\"(\",\"min\":10,\"max\":5}]}"))
                        .expect(400, "\"pattern\":{\"code\":\"validation_invalid_regex\"", "\"max\":{\"code\":\"validation_min_greater_equal_than_required\"")
                        .named("text patterns must compile and max may not be below min"),
                su(Scenario.post("/api/collections", "{\"name\":\"c_auto\",\"fields\":[{\"type\":\"autodate\",\"name\":\"d\"}]}"))
                        .expect(400, "\"1\":{\"onCreate\":{\"code\":\"validation_required\"")
                        .named("autodate needs onCreate or onUpdate"),
                su(Scenario.post("/api/collections", "{\"name\":\"c_file\",\"fields\":[{\"type\":\"file\",\"name\":\"f\",\"thumbs\":[\"0x0\",\"abc\",\"100x50t\"]}]}"))
                        .expect(400, "\"thumbs\":{\"0\":{\"code\":\"validation_not_in_invalid\"", "\"1\":{\"code\":\"validation_match_invalid\"")
                        .notExpect("\"2\":{\"code\"")
                        .named("file thumbs must be WxH[t|b|f] and not 0x0"),
                su(Scenario.post("/api/collections", "{\"name\":\"c_json\",\"fields\":[{\"type\":\"json\",\"name\":\"j\",\"maxSize\":-1},{\"type\":\"editor\",\"name\":\"e\",\"maxSize\":-5}]}"))
                        .expect(400, "\"1\":{\"maxSize\":{\"code\":\"validation_min_greater_equal_than_required\"", "\"2\":{\"maxSize\":{\"code\":\"validation_min_greater_equal_than_required\"")
                        .named("json and editor maxSize may not be negative"),
                su(Scenario.post("/api/collections", "{\"name\":\"c_email\",\"fields\":[{\"type\":\"email\",\"name\":\"e\",\"onlyDomains\":[\"a.com\"],\"exceptDomains\":[\"b.com\"]},{\"type\":\"url\",\"name\":\"u\",\"onlyDomains\":[\"not a domain\"]}]}"))
                        .expect(400, "\"1\":{\"exceptDomains\":{\"code\":\"validation_empty\"", "\"2\":{\"onlyDomains\":{\"0\":{\"code\":\"validation_is_domain\"")
                        .named("onlyDomains and exceptDomains exclude each other and must be domains"),
                su(Scenario.post("/api/collections", "{\"name\":\"c_pk\",\"fields\":[{\"type\":\"number\",\"name\":\"id\"}]}"))
                        .expect(400, "\"fields\":{\"1\":{\"name\":{\"code\":\"validation_duplicated_field_name\"")
                        .named("an id field that is not text clashes with the prepended id field"),
                su(Scenario.post("/api/collections", "{\"name\":\"c_pk2\",\"fields\":[{\"type\":\"text\",\"name\":\"code\",\"primaryKey\":true}]}"))
                        .expect(400, "\"1\":{\"name\":{\"code\":\"validation_in_invalid\"", "\"primaryKey\":{\"code\":\"validation_unsupported_composite_pk\"")
                        .named("only the id field may be the primary key"),
                su(Scenario.post("/api/collections", "{\"name\":\"c_idx\",\"indexes\":[\"nope\"]}"))
                        .expect(400, "\"indexes\":{\"0\":{\"code\":\"validation_invalid_index_expression\"")
                        .named("index statements must parse"),
                su(Scenario.post("/api/collections", "{\"name\":\"c_idx2\",\"fields\":[{\"type\":\"text\",\"name\":\"a\"}],\"indexes\":[\"CREATE INDEX `i1` ON `x` (`a`)\",\"CREATE INDEX `i1` ON `x` (`id`)\"]}"))
                        .expect(400, "\"indexes\":{\"1\":{\"code\":\"validation_duplicated_index_name\"")
                        .named("index names are unique"),
                su(Scenario.post("/api/collections", "{\"name\":\"c_idx3\",\"indexes\":[\"CREATE INDEX `i2` ON `x` (`missing`)\"]}"))
                        .expect(400, "\"indexes\":{\"0\":{\"code\":\"validation_invalid_index_expression\"")
                        .named("an index over a missing column fails when it is created"),
                su(Scenario.post("/api/collections", "{\"name\":\"c_idx4\",\"indexes\":[\"CREATE INDEX `idx_email_pbc_3142635823` ON `x` (`id`)\"]}"))
                        .expect(400, "\"indexes\":{\"0\":{\"code\":\"validation_existing_index_name\"")
                        .named("an index name used by another collection is refused"),
                su(Scenario.post("/api/collections", "{\"name\":\"c_auth\",\"type\":\"auth\",\"fields\":[{\"type\":\"text\",\"name\":\"nick\"}]}"))
                        .expect(200, "\"type\":\"auth\"", "\"name\":\"password\"", "\"name\":\"tokenKey\"", "\"name\":\"email\"",
                                "\"name\":\"emailVisibility\"", "\"name\":\"verified\"", "\"authToken\":{\"duration\":604800}",
                                "\"passwordAuth\":{\"enabled\":true,\"identityFields\":[\"email\"]}", "idx_tokenKey_", "\"authRule\":\"\"")
                        .notExpect("\"secret\"")
                        .named("an auth collection gets its system fields, unique indexes and options"),
                su(Scenario.post("/api/collections", "{\"name\":\"c_auth2\",\"type\":\"auth\",\"fields\":[{\"type\":\"text\",\"name\":\"passwordConfirm\"}]}"))
                        .expect(400, "\"1\":{\"name\":{\"code\":\"validation_reserved_field_name\"")
                        .named("auth collections reserve passwordConfirm and oldPassword"),
                su(Scenario.post("/api/collections", "{\"name\":\"c_auth3\",\"type\":\"auth\",\"authToken\":{\"duration\":5},\"manageRule\":\"\",\"mfa\":{\"enabled\":true}}"))
                        .expect(400, "\"authToken\":{\"duration\":{\"code\":\"validation_min_greater_equal_than_required\"",
                                "\"manageRule\":{\"code\":\"validation_nil_or_not_empty_required\"",
                                "\"code\":\"validation_mfa_not_enough_auths\"")
                        .named("auth options are validated")));
    }

    @TestFactory
    List<DynamicTest> update() {
        return Scenario.run(server, List.of(
                su(Scenario.patch("/api/collections/missing", "{}"))
                        .expect(404, "\"data\":{}")
                        .named("updating an unknown collection is a 404"),
                su(Scenario.patch("/api/collections/demo", "{}"))
                        .expect(200, "\"name\":\"demo\"", "\"name\":\"title\"")
                        .named("an empty body changes nothing"),
                su(Scenario.patch("/api/collections/demo", "{\"name\":\"Members\",\"type\":\"auth\"}"))
                        .expect(400, "\"message\":\"Failed to update collection.\"", "\"name\":{\"code\":\"validation_collection_name_exists\"",
                                "\"type\":{\"code\":\"validation_collection_type_change\"")
                        .named("the name stays unique and the type never changes"),
                su(Scenario.patch("/api/collections/demo", "{\"listRule\":\"\",\"viewRule\":\"id != ''\"}"))
                        .expect(200, "\"listRule\":\"\"", "\"viewRule\":\"id != ''\"", "\"name\":\"title\"")
                        .named("rules are updated and fields kept when not submitted"),
                su(Scenario.patch("/api/collections/demo", "{\"fields\":[{\"type\":\"number\",\"id\":\"text724990059\",\"name\":\"title\"}]}"))
                        .expect(400, "\"code\":\"validation_field_type_change\"")
                        .named("a field's type cannot change"),
                su(Scenario.patch("/api/collections/demo", "{\"\"}"))
                        .expect(400, "\"data\":{}")
                        .named("malformed JSON is a 400"),
                su(Scenario.patch("/api/collections/demo_rename", "{\"name\":\"demo_renamed\"}"))
                        .expect(200, "\"name\":\"demo_renamed\"")
                        .named("a collection is renamed"),
                su(Scenario.patch("/api/collections/demo_locked", "{\"fields\":[]}"))
                        .expect(400, "\"fields\":{\"code\":\"validation_system_field_change\"")
                        .named("system fields cannot be removed"),
                su(Scenario.patch("/api/collections/_superusers", "{\"name\":\"admins\"}"))
                        .expect(400, "\"name\":{\"code\":\"validation_collection_system_name_change\"")
                        .named("a system collection cannot be renamed"),
                su(Scenario.patch("/api/collections/_superusers", "{\"listRule\":\"\"}"))
                        .expect(400, "\"listRule\":{\"code\":\"validation_collection_system_rule_change\"")
                        .named("a system collection's rules cannot change"),
                su(Scenario.patch("/api/collections/_superusers", "{\"system\":false}"))
                        .expect(400, "\"system\":{\"code\":\"validation_collection_system_flag_change\"")
                        .named("the system flag cannot change"),
                su(Scenario.patch("/api/collections/_superusers", "{\"indexes\":[]}"))
                        .expect(200, "idx_tokenKey_pbc_3142635823", "idx_email_pbc_3142635823")
                        .named("the unique indexes of auth system fields are put back")));
    }

    @TestFactory
    List<DynamicTest> deleteAndTruncate() {
        return Scenario.run(server, List.of(
                su(Scenario.delete("/api/collections/_superusers"))
                        .expect(400, "\"data\":{}")
                        .named("a system collection cannot be deleted"),
                su(Scenario.delete("/api/collections/rel_target"))
                        .expect(400, "existing reference in rel_source")
                        .named("a collection other collections relate to cannot be deleted"),
                su(Scenario.delete("/api/collections/missing"))
                        .expect(404, "\"data\":{}")
                        .named("deleting an unknown collection is a 404"),
                su(Scenario.delete("/api/collections/to_delete"))
                        .expect(204)
                        .named("a collection is deleted with 204"),
                su(Scenario.get("/api/collections/to_delete"))
                        .expect(404)
                        .named("a deleted collection is gone"),
                su(Scenario.delete("/api/collections/missing/truncate"))
                        .expect(404, "\"data\":{}")
                        .named("truncating an unknown collection is a 404"),
                su(Scenario.delete("/api/collections/to_truncate/truncate"))
                        .expect(204)
                        .named("truncate answers 204")));
    }

    @Test
    void aViewCollectionCanBeDeleted() {
        // Views cannot be created yet; store one directly.
        Collection view = CollectionJson.parse("{\"id\":\"pbc_view_1\",\"name\":\"a_view\",\"type\":\"view\","
                + "\"fields\":[{\"id\":\"text_id\",\"name\":\"id\",\"type\":\"text\",\"primaryKey\":true},{\"id\":\"text_title\",\"name\":\"title\",\"type\":\"text\"}],\"viewQuery\":\"select 1 as id\"}");
        server.basalt().database().transaction(tx -> {
            server.basalt().collections().insert(tx, view);
        });
        String su = server.superuserToken();
        assertThat(server.delete("/api/collections/a_view/truncate", su).status()).isEqualTo(400);
        assertThat(server.delete("/api/collections/a_view", su).status()).isEqualTo(204);
        assertThat(server.get("/api/collections/a_view", su).status()).isEqualTo(404);
    }

    @Test
    void truncateDeletesEveryRow() {
        server.basalt().database().transaction(tx -> {
            tx.dsl().insertInto(table(name("to_truncate")), field(name("id")), field(name("title")))
                    .values("t00000000000009", "z").execute();
        });
        assertThat(server.delete("/api/collections/to_truncate/truncate", server.superuserToken()).status()).isEqualTo(204);
        int left = server.basalt().database().read(dsl -> dsl.fetchCount(table(name("to_truncate"))));
        assertThat(left).isZero();
    }

    @Test
    void createdCollectionStartsWithTheIdField() {
        JsonNode c = server.post("/api/collections", "{\"name\":\"ordered\",\"fields\":[{\"type\":\"text\",\"name\":\"a\"}]}",
                server.superuserToken()).json();
        assertThat(c.get("id").asText()).startsWith("pbc_");
        assertThat(c.get("fields").get(0).get("name").asText()).isEqualTo("id");
        assertThat(c.get("fields").get(0).get("primaryKey").asBoolean()).isTrue();
        assertThat(c.get("fields").get(1).get("id").asText()).isEqualTo("text" + crc("a"));
        assertThat(c.get("created").asText()).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z");
    }

    @Test
    void updateReplacesTheFieldsListMatchedById() {
        String su = server.superuserToken();
        JsonNode c = server.post("/api/collections", "{\"name\":\"patch_fields\",\"fields\":[{\"type\":\"text\",\"name\":\"a\"},{\"type\":\"text\",\"name\":\"b\"}]}", su).json();
        String aId = c.get("fields").get(1).get("id").asText();
        JsonNode updated = server.patch("/api/collections/patch_fields",
                "{\"fields\":[{\"type\":\"text\",\"id\":\"" + aId + "\",\"name\":\"a2\"},{\"type\":\"bool\",\"name\":\"c\"}]}", su).json();
        assertThat(updated.get("fields")).extracting(f -> f.get("name").asText()).containsExactly("id", "a2", "c");
        assertThat(updated.get("fields").get(1).get("id").asText()).isEqualTo(aId);
        assertThat(updated.get("fields").get(2).get("id").asText()).isEqualTo("bool" + crc("c"));
    }

    @TestFactory
    List<DynamicTest> importAndScaffolds() {
        return Scenario.run(server, List.of(
                su(Scenario.put("/api/collections/import", "{\"collections\":[]}"))
                        .expect(400, "\"collections\":{\"code\":\"validation_required\"")
                        .named("an import needs collections"),
                su(Scenario.put("/api/collections/import", "{\""))
                        .expect(400, "\"data\":{}")
                        .named("a malformed import body is a 400"),
                su(Scenario.put("/api/collections/import", "{\"collections\":[{\"name\":\"imp_ok\"},{\"name\":\"imp bad\"}]}"))
                        .expect(400, "\"message\":\"Failed to import collections.\"", "\"collections\":{\"code\":\"validation_collections_import_failure\"")
                        .named("one invalid collection fails the whole import"),
                su(Scenario.get("/api/collections/imp_ok"))
                        .expect(404)
                        .named("a failed import creates nothing"),
                su(Scenario.put("/api/collections/import", "{\"collections\":["
                        + "{\"id\":\"imp_target_id\",\"name\":\"imp_target\",\"fields\":[{\"id\":\"koih1lqx\",\"name\":\"test\",\"type\":\"text\"}]},"
                        + "{\"name\":\"imp_source\",\"fields\":[{\"id\":\"koih1lqx\",\"name\":\"test\",\"type\":\"text\"},"
                        + "{\"name\":\"target\",\"type\":\"relation\",\"collectionId\":\"imp_target_id\"}]},"
                        + "{\"name\":\"imp_auth\",\"type\":\"auth\"},"
                        + "{\"name\":\"demo\",\"fields\":[{\"type\":\"bool\",\"name\":\"flag\"}]}]}"))
                        .expect(204)
                        .named("an import creates and updates collections that may relate to each other"),
                su(Scenario.get("/api/collections/imp_source"))
                        .expect(200, "\"collectionId\":\"imp_target_id\"")
                        .named("imported collections exist"),
                su(Scenario.get("/api/collections/demo"))
                        .expect(200, "\"name\":\"flag\"", "\"name\":\"title\"")
                        .named("without deleteMissing an import keeps the fields it does not list"),
                su(Scenario.get("/api/collections/meta/scaffolds"))
                        .expect(200, "\"base\":{", "\"auth\":{", "\"view\":{", "\"id\":\"\"", "\"name\":\"\"", "\"viewQuery\":\"\"",
                                "\"name\":\"tokenKey\"")
                        .notExpect("\"secret\"")
                        .named("scaffolds are the default models of each type")));
    }

    @Test
    void importWithDeleteMissingKeepsSystemCollections() {
        try (TestServer other = TestServer.start()) {
            String su = other.superuserToken();
            other.post("/api/collections", "{\"name\":\"gone\"}", su);
            other.post("/api/collections", "{\"name\":\"kept\",\"fields\":[{\"type\":\"text\",\"name\":\"a\"},{\"type\":\"text\",\"name\":\"b\"}]}", su);
            TestServer.Response r = other.send("PUT", "/api/collections/import",
                    "{\"deleteMissing\":true,\"collections\":[{\"name\":\"kept\",\"fields\":[{\"type\":\"text\",\"name\":\"a\"}]}]}", su);
            assertThat(r.status()).as(r.body()).isEqualTo(204);
            assertThat(other.get("/api/collections/gone", su).status()).isEqualTo(404);
            assertThat(other.get("/api/collections/_superusers", su).status()).isEqualTo(200);
            JsonNode kept = other.get("/api/collections/kept", su).json();
            // PocketBase compat: the stored system id field is appended after the listed fields.
            assertThat(kept.get("fields")).extracting(f -> f.get("name").asText()).containsExactly("a", "id");
        }
    }

    static long crc(String s) {
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return crc.getValue();
    }
}
