package dev.basalt.records;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;

import dev.basalt.collections.Collection;
import dev.basalt.collections.fields.Field;
import dev.basalt.collections.fields.FileField;
import dev.basalt.collections.fields.RelationField;
import dev.basalt.collections.fields.SelectField;
import dev.basalt.query.FilterException;
import dev.basalt.query.Resolved;
import dev.basalt.query.Resolver;
import dev.basalt.store.Dialect;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.jooq.Condition;

/**
 * Resolves filter identifiers against a collection and a request: fields, relation paths (joins),
 * back-relations {@code <coll>_via_<field>}, JSON paths, the {@code :each/:length/:lower}
 * modifiers, {@code @collection.*} and {@code @request.*}. Join aliases derive from the path, so
 * every use of a path in one query shares one joined row.
 *
 * <p>With {@code allowHiddenFields} off (client filters of non-superusers) hidden fields are
 * refused and emails of auth records only match where {@code emailVisibility} is true.
 */
public final class RecordFieldResolver implements Resolver {

    static final int MAX_NESTED_RELATIONS = 6;
    private static final List<String> MODIFIERS = List.of("isset", "each", "length", "lower", "changed");

    // Finds collections by id or name: the registry, or a draft-aware lookup when validating rules.
    private final Function<String, Optional<Collection>> collections;
    private final Dialect dialect;
    private final Collection base;
    private final RequestValues request;
    private final String baseAlias;
    // The table the base collection's rows are read from: its own, or a draft row (see forDraft).
    private final String baseTable;
    private final String aliasSuffix;
    private boolean allowHiddenFields;
    // Collections joined while hidden fields were not allowed: their listRule must also hold.
    private final Map<String, Collection> listRuleJoins = new LinkedHashMap<>();

    public RecordFieldResolver(Function<String, Optional<Collection>> collections, Dialect dialect, Collection base,
            RequestInfo request, boolean allowHiddenFields) {
        this(collections, dialect, base, request, allowHiddenFields, base.name(), "");
    }

    /**
     * A resolver whose base collection is already joined under {@code baseAlias}; the aliases of
     * the joins it adds end in {@code aliasSuffix} so they cannot meet the outer query's.
     */
    RecordFieldResolver(Function<String, Optional<Collection>> collections, Dialect dialect, Collection base,
            RequestInfo request, boolean allowHiddenFields, String baseAlias, String aliasSuffix) {
        this(collections, dialect, base, request, allowHiddenFields, baseAlias, base.name(), aliasSuffix);
    }

    private RecordFieldResolver(Function<String, Optional<Collection>> collections, Dialect dialect, Collection base,
            RequestInfo request, boolean allowHiddenFields, String baseAlias, String baseTable, String aliasSuffix) {
        this.collections = collections;
        this.dialect = dialect;
        this.base = base;
        this.request = new RequestValues(base, request);
        this.allowHiddenFields = allowHiddenFields;
        this.baseAlias = baseAlias;
        this.baseTable = baseTable;
        this.aliasSuffix = aliasSuffix;
    }

    /**
     * A resolver for a record not stored yet, whose row the query provides as the table
     * {@code draftTable} (a common table expression): the base alias and the "every value"
     * subqueries read the draft row instead of the collection's table. Rules are trusted.
     */
    static RecordFieldResolver forDraft(Function<String, Optional<Collection>> collections, Dialect dialect,
            Collection base, RequestInfo request, String draftTable) {
        return new RecordFieldResolver(collections, dialect, base, request, true, draftTable, draftTable, "");
    }

    /** Collections joined for client input (hidden fields not allowed), by join alias. */
    Map<String, Collection> listRuleJoins() {
        return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(listRuleJoins));
    }

    /** Switches hidden-field access, e.g. off after the rules and before the client's filter. */
    public void allowHiddenFields(boolean allow) {
        this.allowHiddenFields = allow;
    }

    Collection base() {
        return base;
    }

    Dialect dialect() {
        return dialect;
    }

    RequestValues requestValues() {
        return request;
    }

    String baseAlias() {
        return baseAlias;
    }

    String baseTable() {
        return baseTable;
    }

    String aliasSuffix() {
        return aliasSuffix;
    }

    boolean allowsHiddenFields() {
        return allowHiddenFields;
    }

    void joinedForClient(String alias, Collection c) {
        listRuleJoins.put(alias, c);
    }

    @Override
    public Resolved resolve(String identifier) {
        return new FieldPath(this, identifier).resolve();
    }

    @Override
    public Condition like(org.jooq.Field<?> value, org.jooq.Field<?> pattern, boolean negated) {
        return dialect.like(value, pattern, negated);
    }

    @Override
    public org.jooq.Field<?> random() {
        return dialect.random();
    }

    @Override
    public org.jooq.Field<?> rowid() {
        return dialect.rowid(base.name());
    }

    @Override
    public org.jooq.Field<?> strftime(List<org.jooq.Field<?>> args) {
        return dialect.strftime(args);
    }

    @Override
    public Condition compare(org.jooq.Comparator op, org.jooq.Field<?> left, org.jooq.Field<?> right) {
        return dialect.compare(op, left, right);
    }

    @Override
    public org.jooq.Field<?> emptyIfNull(org.jooq.Field<?> value) {
        return dialect.emptyIfNull(value);
    }

    @Override
    public org.jooq.Field<String> text(org.jooq.Field<?> value) {
        return dialect.text(value);
    }

    @Override
    public org.jooq.Field<? extends Number> number(org.jooq.Field<?> value) {
        return dialect.number(value);
    }

    Collection collection(String idOrName) {
        if (base.id().equals(idOrName) || base.name().equals(idOrName)) {
            return base;
        }
        return collections.apply(idOrName).orElse(null);
    }

    static String[] splitModifier(String prop) {
        String[] parts = prop.split(":", -1);
        if (parts.length != 2) {
            return new String[] {prop, ""};
        }
        if (!MODIFIERS.contains(parts[1])) {
            throw new FilterException("unknown modifier \":" + parts[1] + "\" in \"" + prop + "\"");
        }
        return parts;
    }

    static boolean isMultiValuer(Field f) {
        return f instanceof SelectField || f instanceof RelationField || f instanceof FileField;
    }

    static org.jooq.Field<Object> col(String alias, String column) {
        return field(name(alias, column));
    }

    /** The column of a field, typed by what it stores (the dialect compares by these types). */
    static org.jooq.Field<?> column(String alias, Field f) {
        Class<?> type = switch (f.columnKind()) {
            case TEXT -> String.class;
            case NUMBER -> Double.class;
            case BOOL -> Boolean.class;
            case JSON -> org.jooq.JSONB.class;
        };
        return field(name(alias, f.name()), type);
    }

    /** The {@code value} column of a {@code jsonEach} table: the items of select, relation and file lists are texts. */
    static org.jooq.Field<String> eachValue(String alias) {
        return field(name(alias, "value"), String.class);
    }
}
