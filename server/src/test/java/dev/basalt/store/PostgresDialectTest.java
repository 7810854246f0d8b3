package dev.basalt.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.val;

import dev.basalt.testing.TestDatabases;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.jooq.Comparator;
import org.jooq.Condition;
import org.jooq.JSONB;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * SQLite's comparison semantics rebuilt by {@link PostgresDialect}, on a real PostgreSQL: each row
 * states what SQLite answers for one comparison over one row of typed columns (t text '12',
 * n number 12, b bool true, j jsonb, e text '').
 */
class PostgresDialectTest {

    @TempDir
    static Path dir;
    static Database db;
    static final PostgresDialect DIALECT = new PostgresDialect();

    @BeforeAll
    static void open() {
        db = Database.openPostgres(DatabaseConfig.postgres(dir, TestDatabases.newPostgresDatabase()));
        db.transaction(tx -> {
            tx.dsl().createTable("row").column("t", DIALECT.columnType(ColumnKind.TEXT))
                    .column("n", DIALECT.columnType(ColumnKind.NUMBER)).column("b", DIALECT.columnType(ColumnKind.BOOL))
                    .column("j", DIALECT.columnType(ColumnKind.JSON)).column("e", DIALECT.columnType(ColumnKind.TEXT))
                    .execute();
            tx.dsl().execute("INSERT INTO \"row\" VALUES ('12', 12, TRUE, '{\"s\":\"9\",\"x\":7,\"f\":true,\"a\":[1,2]}', '')");
        });
    }

    @AfterAll
    static void close() {
        db.close();
    }

    static final org.jooq.Field<String> T = field(name("row", "t"), String.class);
    static final org.jooq.Field<Double> N = field(name("row", "n"), Double.class);
    static final org.jooq.Field<Boolean> B = field(name("row", "b"), Boolean.class);
    static final org.jooq.Field<JSONB> J = field(name("row", "j"), JSONB.class);

    private static org.jooq.Field<Object> json(String path) {
        return DIALECT.jsonExtract(J, path);
    }

    record Case(String what, Condition condition, boolean sqlite) {}

    @TestFactory
    Stream<DynamicTest> comparesAsSqliteDoes() {
        List<Case> cases = List.of(
                new Case("a text column meets a number as text: '12' = 12.0 is false", DIALECT.compare(Comparator.EQUALS, T, val(12d)), false),
                new Case("a text column meets an integer as text: '12' = 12", DIALECT.compare(Comparator.EQUALS, T, inline(12)), true),
                new Case("a number column converts a numeric-looking text", DIALECT.compare(Comparator.EQUALS, N, val("12")), true),
                new Case("a number column converts a padded numeric text", DIALECT.compare(Comparator.EQUALS, N, val(" 12.0 ")), true),
                new Case("a number sorts before any other text", DIALECT.compare(Comparator.LESS, N, val("abc")), true),
                new Case("a number never equals a non-numeric text", DIALECT.compare(Comparator.NOT_EQUALS, N, val("abc")), true),
                new Case("a bool column is 1", DIALECT.compare(Comparator.EQUALS, B, inline(1)), true),
                new Case("a bool column is not the text 'true'", DIALECT.compare(Comparator.EQUALS, B, val("true")), false),
                new Case("a number column against a numeric text column converts it", DIALECT.compare(Comparator.EQUALS, N, T), true),
                new Case("a JSON string '9' is text: not 9", DIALECT.compare(Comparator.EQUALS, json("s"), val(9d)), false),
                new Case("a JSON string '9' is text: '9'", DIALECT.compare(Comparator.EQUALS, json("s"), val("9")), true),
                new Case("a JSON text sorts above a number", DIALECT.compare(Comparator.GREATER, json("s"), val(100d)), true),
                new Case("a JSON number compares as a number", DIALECT.compare(Comparator.LESS, json("x"), val(7.5d)), true),
                new Case("JSON true is 1", DIALECT.compare(Comparator.EQUALS, json("f"), inline(1)), true),
                new Case("a JSON array index", DIALECT.compare(Comparator.EQUALS, json("a[1]"), val(2d)), true),
                new Case("a missing JSON key IS NULL", DIALECT.compare(Comparator.IS_NOT_DISTINCT_FROM, json("nope"), inline((Object) null)), true),
                new Case("a missing JSON key is not ''", DIALECT.compare(Comparator.IS_NOT_DISTINCT_FROM, json("nope"), inline("")), false),
                new Case("a JSON number meets a text column as text", DIALECT.compare(Comparator.EQUALS, json("x"), DSL.field(name("row", "e"), String.class)), false),
                new Case("text order is byte order: 'B' < 'a'", DIALECT.compare(Comparator.LESS, val("B"), val("a")), true),
                new Case("LIKE ignores ASCII case only", DIALECT.like(val("Élan"), val("élan"), false), false),
                new Case("LIKE ignores ASCII case", DIALECT.like(val("HELLO"), val("%ell%"), false), true),
                new Case("LOWER leaves non-ASCII letters", DIALECT.compare(Comparator.EQUALS, DIALECT.lower(val("ÉLAN")), val("Élan")), true),
                new Case("COALESCE(number, '') keeps the number", DIALECT.compare(Comparator.EQUALS, DIALECT.emptyIfNull(N), val(12d)), true),
                new Case("a JSON array element is in a list", DIALECT.jsonArrayContainsAny(val("[\"a\",\"b\"]"), List.of("b", "z")), true),
                new Case("a plain text is a one-item list", DIALECT.jsonArrayContainsAny(T, List.of("12")), true));
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.what(), () -> assertThat(holds(c.condition()))
                .as(db.renderer().renderInlined(c.condition())).isEqualTo(c.sqlite())));
    }

    private static boolean holds(Condition condition) {
        return db.read(dsl -> dsl.fetchExists(dsl.selectOne().from(DSL.table(name("row"))).where(condition)));
    }

    @Test
    void strftimeFormatsAStoredDatetime() {
        String out = db.read(dsl -> dsl.select(DIALECT.strftime(List.of(val("%Y-%m-%d %H:%M:%S|%j"),
                val("2024-03-01 10:20:30.000Z"), val("+1 day"), val("start of day")))).fetchOne(0, String.class));
        assertThat(out).isEqualTo("2024-03-02 00:00:00|062");
    }

    @Test
    void strftimeOfSomethingThatIsNoDateIsNull() {
        String out = db.read(dsl -> dsl.select(DIALECT.strftime(List.of(val("%Y"), val("")))).fetchOne(0, String.class));
        assertThat(out).isNull();
    }

    @Test
    void readsTheColumnsOfAUniqueViolation() {
        db.transaction(tx -> {
            tx.dsl().createTable("uniq").column("code", SQLDataType.CLOB).column("lang", SQLDataType.CLOB).execute();
            tx.dsl().execute("CREATE UNIQUE INDEX idx_code_lang ON uniq (code, lang)");
            tx.dsl().execute("CREATE UNIQUE INDEX idx_lower ON uniq (lower(lang)) WHERE code = 'x'");
        });
        db.transaction(tx -> {
            tx.dsl().execute("INSERT INTO uniq VALUES ('a', 'en'), ('x', 'de')");
        });
        assertThat(violation("INSERT INTO uniq VALUES ('a', 'en')")).contains(new UniqueViolation(List.of("code", "lang"), ""));
        assertThat(violation("INSERT INTO uniq VALUES ('x', 'DE')")).contains(new UniqueViolation(List.of(), "idx_lower"));
    }

    private static java.util.Optional<UniqueViolation> violation(String sql) {
        try {
            db.transaction(tx -> {
                tx.dsl().execute(sql);
            });
            return java.util.Optional.empty();
        } catch (DataAccessException e) {
            return DIALECT.uniqueViolation(e);
        }
    }

    @Test
    void jsonPathsBecomeKeyLists() {
        assertThat(PostgresDialect.jsonPath("a.b[0].c")).containsExactly("a", "b", "0", "c");
        assertThat(PostgresDialect.jsonPath("[2]")).containsExactly("2");
        assertThat(PostgresDialect.jsonPath("")).isEmpty();
    }
}
