package dev.basalt.records;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.noCondition;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.selectOne;
import static org.jooq.impl.DSL.table;

import dev.basalt.collections.Collection;
import dev.basalt.collections.CollectionRegistry;
import dev.basalt.collections.Rule;
import dev.basalt.collections.fields.Field;
import dev.basalt.error.ApiException;
import dev.basalt.query.Compiler;
import dev.basalt.query.Expr;
import dev.basalt.query.Filter;
import dev.basalt.query.FilterException;
import dev.basalt.query.Join;
import dev.basalt.query.Sort;
import dev.basalt.store.Dialect;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.SelectField;
import org.jooq.SortField;
import org.jooq.Table;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compiles filter expressions (rules and client filters) and sort lists over a collection into a
 * {@link SearchQuery}, resolving identifiers against the collection model and the request.
 *
 * <p>Rules are trusted: they may use hidden fields. A client's {@code filter} and {@code sort} may
 * not, unless the requester is a superuser. (Refusing {@code @request.}/{@code @collection.} in
 * client input with a 403 is the HTTP layer's substring check, done before calling this.)
 */
public final class RecordSearch {

    private static final Logger log = LoggerFactory.getLogger(RecordSearch.class);

    private final CollectionRegistry registry;
    private final Dialect dialect;

    public RecordSearch(CollectionRegistry registry, Dialect dialect) {
        this.registry = registry;
        this.dialect = dialect;
    }

    /**
     * Trusted expressions only (rules, superuser input): hidden fields allowed.
     *
     * @param filters expressions that must all hold (null and empty ones are skipped)
     * @param sort    the {@code sort} parameter, or blank for none
     * @throws ApiException 400 when an expression or the sort does not compile
     */
    public SearchQuery build(Collection collection, List<String> filters, String sort, RequestInfo request) {
        return compile(collection, parse(collection, filters), null, sort, true, request);
    }

    /**
     * A list/search request: the rules (trusted) and the client's filter and sort (restricted to
     * visible fields unless the requester is a superuser).
     *
     * @param rules        rule expressions that must all hold (null and empty ones are skipped)
     * @param clientFilter the {@code filter} parameter (null or empty: none; at most
     *                     {@link Filter#MAX_CLIENT_FILTER_LENGTH} bytes)
     * @param clientSort   the {@code sort} parameter (null or blank: none)
     * @throws ApiException 400 "Invalid filter parameters." / "Invalid sort parameters."
     */
    public SearchQuery build(Collection collection, List<String> rules, String clientFilter, String clientSort,
            RequestInfo request) {
        return compile(collection, parse(collection, rules), clientFilter, clientSort, request.isSuperuser(), request);
    }

    /**
     * A trusted filter with {@code {:name}} placeholders (hooks, the embedding API): the values
     * are bound as literals, so they cannot change the expression. Hidden fields allowed.
     *
     * <pre>{@code
     * search.build(posts, "author = {:user} && views > {:min}", Map.of("user", id, "min", 10), "-created",
     *         RequestInfo.guest());
     * }</pre>
     */
    public SearchQuery build(Collection collection, String filter, Map<String, ?> params, String sort,
            RequestInfo request) {
        Expr expr;
        try {
            expr = filter == null || filter.isEmpty() ? null : Filter.bind(filter, params);
        } catch (FilterException e) {
            throw invalid("filter", collection, e);
        }
        return compile(collection, expr == null ? List.of() : List.of(expr), null, sort, true, request);
    }

    /**
     * Whether the stored record {@code recordId} matches {@code rule} for this request (view,
     * update and delete rules). Runs one {@code SELECT 1} on {@code dsl}.
     *
     * @throws ApiException 400 when the rule does not compile
     */
    public boolean matches(DSLContext dsl, Collection collection, String recordId, String rule, RequestInfo request) {
        SearchQuery q = build(collection, rule == null ? List.of() : List.of(rule), "", request);
        Condition isRecord = field(name(collection.name(), "id"), String.class).eq(recordId);
        return dsl.fetchExists(selectOne().from(q.from()).where(q.where().and(isRecord)));
    }

    /**
     * Whether {@code draft}, a record not stored yet, would match {@code rule} for this request
     * (create rules). The draft's row is supplied by a common table expression standing in for
     * the collection's table, so the rule sees exactly the would-be values, relation paths and
     * back-relations included, and nothing is written. Runs one query on {@code dsl}.
     *
     * @throws ApiException 400 when the rule does not compile
     */
    public boolean matchesDraft(DSLContext dsl, Record draft, String rule, RequestInfo request) {
        Collection collection = draft.collection();
        // A name no collection can have (names are \w+), so it cannot shadow a joined table.
        String draftTable = collection.name() + "-draft";
        Expr expr;
        try {
            expr = Filter.parse(rule);
        } catch (FilterException e) {
            throw invalid("filter", collection, e);
        }
        Optional<Boolean> decided = RequestOnlyRule.evaluate(expr, collection,
                RecordFieldResolver.forDraft(registry::find, dialect, collection, request, draftTable));
        if (decided.isPresent()) {
            return decided.get();
        }
        RecordFieldResolver resolver = RecordFieldResolver.forDraft(registry::find, dialect, collection, request,
                draftTable);
        Compiler compiler = new Compiler(resolver);
        Condition where;
        try {
            where = compiler.compile(expr);
        } catch (FilterException e) {
            throw invalid("filter", collection, e);
        }
        Table<?> from = table(name(draftTable));
        for (Join j : compiler.joins()) {
            from = from.leftJoin(j.table()).on(j.on());
        }
        return dsl.with(name(draftTable).as(draftRow(draft))).selectOne().from(from).where(where).limit(1)
                .fetchOptional().isPresent();
    }

    // The record's values as one row, typed as its table's columns are.
    private org.jooq.Select<?> draftRow(Record record) {
        List<SelectField<?>> columns = new ArrayList<>();
        for (Field f : record.collection().fields()) {
            columns.add(dialect.typedValue(RecordRepository.toColumn(f, record.get(f.name())), f.columnKind()).as(f.name()));
        }
        return select(columns);
    }

    /**
     * As {@link #matchesDraft(DSLContext, Record, String, RequestInfo)}, with a client's filter
     * besides the (trusted) rule, restricted as a list request's {@code filter} is: hidden fields
     * only for superusers, and the listRule of every collection the filter reaches into must hold.
     * Realtime checks a change this way against the values the change carried.
     *
     * @param rule         a rule expression, or blank for none
     * @param clientFilter a client's filter, or blank for none
     * @throws ApiException 400 when the rule or the filter does not compile
     */
    public boolean matchesDraft(DSLContext dsl, Record record, String rule, String clientFilter, RequestInfo request) {
        Collection collection = record.collection();
        String draftTable = collection.name() + "-draft";
        RecordFieldResolver resolver = RecordFieldResolver.forDraft(registry::find, dialect, collection, request,
                draftTable);
        SearchQuery q = compile(resolver, table(name(draftTable)), parse(collection, List.of(rule)), clientFilter, "",
                request.isSuperuser(), request);
        return dsl.with(name(draftTable).as(draftRow(record))).selectOne().from(q.from()).where(q.where()).limit(1)
                .fetchOptional().isPresent();
    }

    /**
     * Checks a rule expression against a collection without running it: every field, relation,
     * collection and modifier must exist. {@code collection} may be a draft not saved yet.
     *
     * @return the problem, or empty when the rule is valid
     */
    public Optional<String> checkRule(Collection collection, String expression) {
        return checkRule(collection, expression, registry::find);
    }

    /**
     * As {@link #checkRule(Collection, String)}, finding other collections through
     * {@code collections} (e.g. drafts saved in the same import).
     */
    public Optional<String> checkRule(Collection collection, String expression,
            Function<String, Optional<Collection>> collections) {
        if (expression == null || expression.isEmpty()) {
            return Optional.empty();
        }
        try {
            RecordFieldResolver resolver = new RecordFieldResolver(collections, dialect, collection,
                    RequestInfo.guest(), true);
            new Compiler(resolver).compile(Filter.parse(expression));
            return Optional.empty();
        } catch (FilterException e) {
            return Optional.of(e.getMessage());
        }
    }

    /** The non-empty expressions, parsed (null and empty ones are skipped). */
    private static List<Expr> parse(Collection collection, List<String> expressions) {
        List<Expr> out = new ArrayList<>();
        try {
            for (String e : expressions) {
                if (e != null && !e.isEmpty()) {
                    out.add(Filter.parse(e));
                }
            }
        } catch (FilterException e) {
            throw invalid("filter", collection, e);
        }
        return out;
    }

    private SearchQuery compile(Collection collection, List<Expr> rules, String clientFilter, String sort,
            boolean clientMaySeeHidden, RequestInfo request) {
        RecordFieldResolver resolver = new RecordFieldResolver(registry::find, dialect, collection, request, true);
        return compile(resolver, table(name(collection.name())), rules, clientFilter, sort, clientMaySeeHidden, request);
    }

    private SearchQuery compile(RecordFieldResolver resolver, Table<?> base, List<Expr> rules, String clientFilter,
            String sort, boolean clientMaySeeHidden, RequestInfo request) {
        Collection collection = resolver.base();
        Compiler compiler = new Compiler(resolver);
        Condition where = noCondition();
        try {
            for (Expr rule : rules) {
                where = where.and(compiler.compile(rule));
            }
            resolver.allowHiddenFields(clientMaySeeHidden);
            if (clientFilter != null && !Filter.isWithinClientLimit(clientFilter)) {
                throw new FilterException("filter longer than " + Filter.MAX_CLIENT_FILTER_LENGTH + " bytes");
            }
            if (clientFilter != null && !clientFilter.isEmpty()) {
                where = where.and(compiler.compile(Filter.parse(clientFilter)));
            }
        } catch (FilterException e) {
            throw invalid("filter", collection, e);
        }
        List<SortField<?>> orderBy;
        try {
            orderBy = compiler.sort(Sort.parse(sort));
        } catch (FilterException e) {
            throw invalid("sort", collection, e);
        }
        List<Join> joins = new ArrayList<>(compiler.joins());
        try {
            where = where.and(joinedListRules(resolver, request, joins));
        } catch (FilterException e) {
            throw invalid("filter", collection, e);
        }
        Table<?> from = base;
        for (Join j : joins) {
            from = from.leftJoin(j.table()).on(j.on());
        }
        return new SearchQuery(from, where, orderBy, joins.stream().anyMatch(j -> !j.toOne()));
    }

    /**
     * PocketBase compat: when client input reaches into another collection, that collection's
     * listRule must hold for the joined row (or there is no joined row: a missing relation exposes
     * nothing). Appends the joins the rules need.
     */
    private Condition joinedListRules(RecordFieldResolver resolver, RequestInfo request, List<Join> joins) {
        Condition all = noCondition();
        int n = 0;
        for (Map.Entry<String, Collection> e : resolver.listRuleJoins().entrySet()) {
            if (!(e.getValue().listRule() instanceof Rule.Filter rule)) {
                continue;
            }
            String alias = e.getKey();
            RecordFieldResolver joined = new RecordFieldResolver(registry::find, dialect, e.getValue(), request, true,
                    alias, "_lr" + (++n));
            Compiler compiler = new Compiler(joined);
            Condition holds = compiler.compile(Filter.parse(rule.expression()));
            all = all.and(field(name(alias, "id")).isNull().or(holds));
            joins.addAll(compiler.joins());
        }
        return all;
    }

    private static ApiException invalid(String what, Collection collection, FilterException e) {
        log.debug("invalid {} collection={} problem={}", what, collection.name(), e.getMessage());
        return ApiException.badRequest("Invalid " + what + " parameters.");
    }
}
