package dev.basalt.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class CompilerTest {

    private static final DSLContext SQL = DSL.using(SQLDialect.SQLITE);
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-02-28T13:14:15.678Z"), ZoneOffset.UTC);

    /** A resolver over one table "t" with a text, a number, a json and a multi-valued operand. */
    static class TableResolver implements Resolver {
        @Override
        public Resolved resolve(String identifier) {
            return switch (identifier) {
                case "title", "views" -> Resolved.column(field(name("t", identifier)));
                case "meta" -> Resolved.json(field(name("t", "meta")));
                case "tags" -> Resolved.column(field(name("j", "value"))).withJoins(List.of(
                        new Join("j", table("json_each(t.tags) j"), DSL.noCondition())))
                        .withMultiMatch(new MultiMatch(table("t mm, json_each(mm.tags) mj"), field(name("mj", "value")),
                                DSL.condition("mm.id = t.id")));
                default -> throw new FilterException("unknown field \"" + identifier + "\"");
            };
        }

        @Override
        public Condition like(Field<?> value, Field<?> pattern, boolean negated) {
            return DSL.condition("{0} " + (negated ? "NOT LIKE" : "LIKE") + " {1} ESCAPE '\\'", value, pattern);
        }

        @Override
        public Field<?> random() {
            return DSL.field("random()");
        }

        @Override
        public Field<?> rowid() {
            return DSL.field(name("t", "_rowid_"));
        }

        @Override
        public Field<?> strftime(List<Field<?>> args) {
            return DSL.function("strftime", String.class, args.toArray(Field[]::new));
        }

        // SQLite's own operators: the engine applies the affinities.
        @Override
        public Condition compare(org.jooq.Comparator op, Field<?> left, Field<?> right) {
            String sql = switch (op) {
                case IS_NOT_DISTINCT_FROM -> "IS";
                case IS_DISTINCT_FROM -> "IS NOT";
                case NOT_EQUALS -> "<>";
                default -> op.toSQL();
            };
            return DSL.condition("{0} " + sql + " {1}", left, right);
        }

        @Override
        public Field<?> emptyIfNull(Field<?> value) {
            return DSL.field("COALESCE({0}, '')", value);
        }

        @Override
        public Field<String> text(Field<?> value) {
            return DSL.field("{0}", String.class, value);
        }

        @Override
        public Field<? extends Number> number(Field<?> value) {
            return DSL.field("{0}", Double.class, value);
        }
    }

    /** (filter, the SQL it compiles to with values inlined). */
    /** (filter, the SQL it compiles to, values inlined). */
    private static final List<String[]> CASES = List.of(
            row("title = 'x'", "(`t`.`title` = 'x')"),
            row("title != 'x'", "(`t`.`title` IS NOT 'x')"),
            row("title = ''", "((`t`.`title` = '') or `t`.`title` is null)"),
            row("title != null", "((`t`.`title` IS NOT '') and `t`.`title` is not null)"),
            row("'' = title", "(('' = `t`.`title`) or `t`.`title` is null)"),
            row("title = views", "(COALESCE(`t`.`title`, '') = COALESCE(`t`.`views`, ''))"),
            row("null = ''", "1 = 1"),
            row("views = true", "(`t`.`views` = 1)"),
            row("views = 12", "(`t`.`views` = 1.2E1)"),
            row("meta = null", "(`t`.`meta` IS null)"),
            row("meta != ''", "(`t`.`meta` IS NOT '')"),
            row("title ~ 'a_b'", "(`t`.`title` LIKE '%a\\_b%' ESCAPE '\\')"),
            row("title !~ '50%'", "(`t`.`title` NOT LIKE '50%' ESCAPE '\\')"),
            row("title ~ views", "(`t`.`title` LIKE ('%' || `t`.`views` || '%') ESCAPE '\\')"),
            row("views ~ 5", "(`t`.`views` LIKE '%5%' ESCAPE '\\')"),
            row("views >= 2.5 && views < 10 || title = 'x'", "(((`t`.`views` >= 2.5E0) and (`t`.`views` < 1E1)) or (`t`.`title` = 'x'))"),
            row("title < @now", "(`t`.`title` < '2025-02-28 13:14:15.678Z')"),
            row("title >= @monthEnd", "(`t`.`title` >= '2025-02-28 23:59:59.999Z')"),
            row("views = @weekday", "(`t`.`views` = 5)"),
            row("tags ?= 'a'", "(`j`.`value` = 'a')"),
            row("tags = 'a'", "((`j`.`value` = 'a') and not exists (select 1 as `one` from (select `mj`.`value` as `multiMatchValue` "
                    + "from t mm, json_each(mm.tags) mj where (mm.id = t.id)) as `__sm1` "
                    + "where not (`__sm1`.`multiMatchValue` = 'a')))"),
            row("'a' != tags", "(('a' IS NOT `j`.`value`) and not exists (select 1 as `one` from (select `mj`.`value` as "
                    + "`multiMatchValue` from t mm, json_each(mm.tags) mj where (mm.id = t.id)) as `__sm1` "
                    + "where not ('a' IS NOT `__sm1`.`multiMatchValue`)))"));

    private static String[] row(String filter, String sql) {
        return new String[] {filter, sql};
    }

    private static String compile(String filter) {
        return SQL.renderInlined(new Compiler(new TableResolver(), CLOCK).compile(Filter.parse(filter)));
    }

    @TestFactory
    Stream<DynamicTest> compilesWithPocketBaseSemantics() {
        return CASES.stream().map(r -> DynamicTest.dynamicTest(r[0], () -> assertThat(compile(r[0]))
                .isEqualTo(r[1])));
    }

    @Test
    void bindsValuesInsteadOfInliningThem() {
        Condition c = new Compiler(new TableResolver()).compile(Filter.parse("title = 'x\\'; drop table t; --'"));
        assertThat(SQL.render(c)).isEqualTo("(`t`.`title` = ?)");
    }

    @Test
    void nullKeywordIsAFieldWhenTheResolverKnowsOne() {
        Resolver withNullField = new TableResolver() {
            @Override
            public Resolved resolve(String identifier) {
                return identifier.equals("null") ? Resolved.column(field(name("t", "null"))) : super.resolve(identifier);
            }
        };
        assertThat(SQL.renderInlined(new Compiler(withNullField).compile(Filter.parse("null = 'x'"))))
                .isEqualTo("(`t`.`null` = 'x')");
    }

    @Test
    void collectsJoinsOnce() {
        Compiler compiler = new Compiler(new TableResolver());
        compiler.compile(Filter.parse("tags ?= 'a' && tags ?= 'b'"));
        assertThat(compiler.joins()).extracting(Join::alias).containsExactly("j");
    }

    @Test
    void rejectsUnknownFieldsFunctionsAndMacros() {
        for (String f : List.of("titel = 1", "lower(title) = 'x'", "title > @tomorow", "geoDistance(1, 2, 3) > 1",
                "strftime(title) = '1'", "geoDistance('a', 2, 3, 4) > 1")) {
            assertThatThrownBy(() -> compile(f)).as(f).isInstanceOf(FilterException.class);
        }
    }

    @Test
    void sortsByFieldsRandomAndRowid() {
        Compiler compiler = new Compiler(new TableResolver());
        var sort = compiler.sort(Sort.parse("-views, +title,@random,@rowid"));
        assertThat(sort).extracting(s -> SQL.render(s)).containsExactly(
                "`t`.`views` desc nulls last", "`t`.`title` asc nulls first", "random() asc nulls first",
                "`t`.`_rowid_` asc nulls first");
    }

    @Test
    void rejectsInvalidSorts() {
        Compiler compiler = new Compiler(new TableResolver());
        for (String s : List.of("nope", "a,b,c,d,e,f,g,h,i", "title,", "-", "x".repeat(256))) {
            assertThatThrownBy(() -> compiler.sort(Sort.parse(s))).as(s).isInstanceOf(FilterException.class);
        }
    }
}
