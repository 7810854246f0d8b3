package dev.basalt.collections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.basalt.error.ApiException;
import dev.basalt.store.Database;
import dev.basalt.testing.TestServer;
import java.util.List;
import java.util.Map;
import org.jooq.exception.DataAccessException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SchemaSyncTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static TestServer server;
    static CollectionService collections;
    static Database db;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        collections = server.basalt().collections();
        db = server.basalt().database();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static JsonNode json(String s) {
        try {
            return JSON.readTree(s);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static void insert(String table, Map<String, Object> row) {
        db.transaction(tx -> {
            tx.dsl().insertInto(table(name(table)), row.keySet().stream().map(k -> field(name(k))).toList())
                    .values(row.values())
                    .execute();
        });
    }

    static List<Map<String, Object>> rows(String table) {
        return db.read(dsl -> dsl.selectFrom(table(name(table))).orderBy(field(name("id"))).fetchMaps());
    }

    @Test
    void addRenameAndDropKeepTheDataOfRemainingFields() {
        Collection c = collections.create(json("""
                {"name":"sync_a","fields":[
                  {"type":"text","name":"title"},
                  {"type":"number","name":"count"},
                  {"type":"text","name":"obsolete"}]}"""));
        insert("sync_a", Map.of("id", "a00000000000001", "title", "hello", "count", 3, "obsolete", "x"));
        String titleId = c.field("title").orElseThrow().id();
        String countId = c.field("count").orElseThrow().id();

        collections.update("sync_a", json("""
                {"name":"sync_a2","fields":[
                  {"type":"text","id":"text3208210256","name":"id","primaryKey":true,"required":true,"pattern":"^[a-z0-9]+$","min":15,"max":15},
                  {"type":"text","id":"%s","name":"headline"},
                  {"type":"number","id":"%s","name":"count"},
                  {"type":"bool","name":"fresh"}]}""".formatted(titleId, countId)));

        List<Map<String, Object>> rows = rows("sync_a2");
        assertThat(rows).hasSize(1);
        assertThat(rows.getFirst()).containsEntry("headline", "hello").containsEntry("fresh", false)
                .doesNotContainKeys("title", "obsolete");
        assertThat(((Number) rows.getFirst().get("count")).intValue()).isEqualTo(3);
        assertThat(collections.find("sync_a")).isEmpty();
        assertThat(collections.find("sync_a2")).isPresent();
    }

    @Test
    void swappingTwoFieldNamesKeepsEachValueWithItsField() {
        Collection c = collections.create(json("""
                {"name":"sync_swap","fields":[{"type":"text","name":"first"},{"type":"text","name":"second"}]}"""));
        insert("sync_swap", Map.of("id", "s00000000000001", "first", "one", "second", "two"));
        String first = c.field("first").orElseThrow().id();
        String second = c.field("second").orElseThrow().id();

        collections.update("sync_swap", json("""
                {"fields":[{"type":"text","id":"text3208210256","name":"id","primaryKey":true,"pattern":"^[a-z0-9]+$"},
                  {"type":"text","id":"%s","name":"second"},{"type":"text","id":"%s","name":"first"}]}""".formatted(first, second)));

        assertThat(rows("sync_swap").getFirst()).containsEntry("second", "one").containsEntry("first", "two");
    }

    @Test
    void singleToMultipleWrapsAndMultipleToSingleKeepsTheLastValue() {
        Collection c = collections.create(json("""
                {"name":"sync_select","fields":[{"type":"select","name":"tags","values":["a","b","c"],"maxSelect":1}]}"""));
        insert("sync_select", Map.of("id", "m00000000000001", "tags", "b"));
        insert("sync_select", Map.of("id", "m00000000000002", "tags", ""));
        String tags = c.field("tags").orElseThrow().id();

        collections.update("sync_select", json("""
                {"fields":[{"type":"select","id":"%s","name":"tags","values":["a","b","c"],"maxSelect":3}]}""".formatted(tags)));
        // JSON text on SQLite, a jsonb value on PostgreSQL: compared as JSON text.
        assertThat(rows("sync_select")).extracting(r -> String.valueOf(r.get("tags"))).containsExactly("[\"b\"]", "[]");

        db.transaction(tx -> {
            tx.dsl().update(table(name("sync_select"))).set(field(name("tags")), "[\"a\",\"c\"]")
                    .where(field(name("id")).eq("m00000000000001")).execute();
        });
        collections.update("sync_select", json("""
                {"fields":[{"type":"select","id":"%s","name":"tags","values":["a","b","c"],"maxSelect":1}]}""".formatted(tags)));
        assertThat(rows("sync_select")).extracting(r -> r.get("tags")).containsExactly("c", "");
    }

    @Test
    void aUniqueIndexRejectsDuplicatesAtTheSqlLevel() {
        collections.create(json("""
                {"name":"sync_unique","fields":[{"type":"text","name":"slug"}],
                 "indexes":["CREATE UNIQUE INDEX `idx_sync_slug` ON `whatever` (`slug` COLLATE NOCASE)"]}"""));
        insert("sync_unique", Map.of("id", "u00000000000001", "slug", "Hello"));

        assertThatThrownBy(() -> insert("sync_unique", Map.of("id", "u00000000000002", "slug", "hello")))
                .isInstanceOf(DataAccessException.class)
                .satisfies(e -> assertThat(db.dialect().uniqueViolation((DataAccessException) e)).isPresent());
    }

    @Test
    void indexesFollowRenamesAndRemovals() {
        Collection c = collections.create(json("""
                {"name":"sync_idx","fields":[{"type":"text","name":"code"}],
                 "indexes":["CREATE UNIQUE INDEX `idx_sync_code` ON `sync_idx` (`code`) WHERE `code` != ''"]}"""));
        insert("sync_idx", Map.of("id", "i00000000000001", "code", ""));
        insert("sync_idx", Map.of("id", "i00000000000002", "code", ""));
        String code = c.field("code").orElseThrow().id();

        collections.update("sync_idx", json("""
                {"name":"sync_idx2","fields":[{"type":"text","id":"text3208210256","name":"id","primaryKey":true,"pattern":"^[a-z0-9]+$"},
                  {"type":"text","id":"%s","name":"ref"}],
                 "indexes":["CREATE UNIQUE INDEX `idx_sync_code` ON `sync_idx` (`ref`) WHERE `ref` != ''"]}""".formatted(code)));
        insert("sync_idx2", Map.of("id", "i00000000000003", "ref", "x"));
        assertThatThrownBy(() -> insert("sync_idx2", Map.of("id", "i00000000000004", "ref", "x")))
                .isInstanceOf(DataAccessException.class);

        collections.update("sync_idx2", json("{\"indexes\":[]}"));
        insert("sync_idx2", Map.of("id", "i00000000000004", "ref", "x"));
        assertThat(rows("sync_idx2")).hasSize(4);
    }

    @Test
    void aUniqueIndexOverDuplicatedDataFailsTheUpdateAndChangesNothing() {
        Collection c = collections.create(json("""
                {"name":"sync_dup","fields":[{"type":"text","name":"email2"}]}"""));
        insert("sync_dup", Map.of("id", "d00000000000001", "email2", "same"));
        insert("sync_dup", Map.of("id", "d00000000000002", "email2", "same"));

        assertThatThrownBy(() -> collections.update("sync_dup", json("""
                {"name":"sync_dup_renamed","indexes":["CREATE UNIQUE INDEX `idx_dup` ON `sync_dup` (`email2`)"]}""")))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.data()).containsKey("indexes");
                });
        assertThat(rows("sync_dup")).hasSize(2);
        assertThat(collections.view("sync_dup").indexes()).isEmpty();
        assertThat(collections.find("sync_dup_renamed")).isEmpty();
        assertThat(c.id()).isNotEmpty();
    }

    @Test
    void indexStatementsParseLikePocketBase() {
        Index idx = Index.parse("create unique index if not exists \"main\".`idx_x` on [posts] (`a` collate nocase desc, lower(b), c) where a != ''")
                .orElseThrow();
        assertThat(idx.name()).isEqualTo("idx_x");
        assertThat(idx.unique()).isTrue();
        assertThat(idx.table()).isEqualTo("posts");
        assertThat(idx.columns()).containsExactly(new Index.Column("a", "nocase", "DESC"),
                new Index.Column("lower(b)", "", ""), new Index.Column("c", "", ""));
        assertThat(idx.where()).isEqualTo("a != ''");
        assertThat(Index.parse("CREATE INDEX nope")).isEmpty();
        assertThat(Index.parse("CREATE INDEX `i` ON `t` ()")).isEmpty();
    }

    @Test
    void sqliteQuotesBecomeStandardQuotesOutsideLiterals() {
        assertThat(Index.standardQuotes("`email` != '' AND [a b] = 'x`y'")).isEqualTo("\"email\" != '' AND \"a b\" = 'x`y'");
    }

    @Test
    void aChangeOfCaseAloneRenamesTheTable() {
        collections.create(json("{\"name\":\"sync_case\",\"fields\":[{\"type\":\"text\",\"name\":\"a\"}]}"));
        insert("sync_case", Map.of("id", "c00000000000001", "a", "kept"));

        collections.update("sync_case", json("{\"name\":\"Sync_Case\"}"));

        List<String> tables = db.read(dsl -> dsl.meta().getTables().stream().map(org.jooq.Table::getName).toList());
        assertThat(tables).contains("Sync_Case").doesNotContain("sync_case");
        assertThat(rows("Sync_Case")).extracting(r -> r.get("a")).containsExactly("kept");
    }
}
