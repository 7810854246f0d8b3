package dev.basalt.records;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.noCondition;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.table;
import static org.jooq.impl.DSL.val;

import dev.basalt.collections.Collection;
import dev.basalt.collections.CollectionRegistry;
import dev.basalt.collections.Rule;
import dev.basalt.collections.fields.Field;
import dev.basalt.collections.fields.FileField;
import dev.basalt.collections.fields.GeoPointField;
import dev.basalt.collections.fields.JsonField;
import dev.basalt.collections.fields.RelationField;
import dev.basalt.collections.fields.SelectField;
import dev.basalt.query.FilterException;
import dev.basalt.query.Join;
import dev.basalt.query.MultiMatch;
import dev.basalt.query.Resolved;
import dev.basalt.query.Resolver;
import dev.basalt.store.Dialect;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jooq.Condition;
import org.jooq.Table;
import org.jooq.impl.DSL;

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
    private static final Pattern VIA = Pattern.compile("^(\\w+)_via_(\\w+)$");
    private static final List<String> MODIFIERS = List.of("isset", "each", "length", "lower", "changed");

    private final CollectionRegistry registry;
    private final Dialect dialect;
    private final Collection base;
    private final RequestValues request;
    private final String baseAlias;
    private final String aliasSuffix;
    private boolean allowHiddenFields;
    // Collections joined while hidden fields were not allowed: their listRule must also hold.
    private final Map<String, Collection> listRuleJoins = new LinkedHashMap<>();

    public RecordFieldResolver(CollectionRegistry registry, Dialect dialect, Collection base, RequestInfo request,
            boolean allowHiddenFields) {
        this(registry, dialect, base, request, allowHiddenFields, base.name(), "");
    }

    /**
     * A resolver whose base collection is already joined under {@code baseAlias}; the aliases of
     * the joins it adds end in {@code aliasSuffix} so they cannot meet the outer query's.
     */
    RecordFieldResolver(CollectionRegistry registry, Dialect dialect, Collection base, RequestInfo request,
            boolean allowHiddenFields, String baseAlias, String aliasSuffix) {
        this.registry = registry;
        this.dialect = dialect;
        this.base = base;
        this.request = new RequestValues(base, request);
        this.allowHiddenFields = allowHiddenFields;
        this.baseAlias = baseAlias;
        this.aliasSuffix = aliasSuffix;
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

    @Override
    public Resolved resolve(String identifier) {
        return new Run(identifier).run();
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

    Collection collection(String idOrName) {
        if (base.id().equals(idOrName) || base.name().equals(idOrName)) {
            return base;
        }
        return registry.find(idOrName).orElse(null);
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

    private static org.jooq.Field<Object> col(String alias, String column) {
        return field(name(alias, column));
    }

    /** One identifier's resolution: the path walked so far and the joins it needs. */
    private final class Run {

        private final String identifier;
        private List<String> props;
        private Collection active;
        private String activeAlias;
        private boolean allowHidden;
        private final boolean nullifyMissing;
        private boolean withMultiMatch;
        private final String mmFromAlias;
        private String mmActiveAlias;
        private final List<Join> mmJoins = new ArrayList<>();
        private final List<Join> joins = new ArrayList<>();

        Run(String identifier) {
            this.identifier = identifier;
            this.props = List.of(identifier.split("\\.", -1));
            this.active = base;
            this.activeAlias = baseAlias;
            String first = props.getFirst();
            this.allowHidden = allowHiddenFields || first.equals("@collection") || first.equals("@request");
            this.nullifyMissing = first.equals("@request");
            this.mmFromAlias = "__mm_" + baseAlias;
            this.mmActiveAlias = mmFromAlias;
        }

        Resolved run() {
            for (String p : props) {
                if (p.isEmpty()) {
                    throw new FilterException("invalid field path \"" + identifier + "\"");
                }
            }
            return switch (props.getFirst()) {
                case "@collection" -> collectionField();
                case "@request" -> requestField();
                default -> activeProps();
            };
        }

        private Resolved collectionField() {
            if (props.size() < 3) {
                throw new FilterException("invalid @collection path \"" + identifier
                        + "\" (expected @collection.<name>.<field>)");
            }
            String[] nameAndAlias = props.get(1).split(":", 2);
            Collection c = collection(nameAndAlias[0]);
            if (c == null) {
                throw new FilterException("unknown collection \"" + nameAndAlias[0] + "\" in \"" + identifier + "\"");
            }
            active = c;
            activeAlias = (nameAndAlias.length == 2 && !nameAndAlias[1].isEmpty()
                    ? "__collection_alias_" + nameAndAlias[1]
                    : "__collection_" + c.name()) + aliasSuffix;
            withMultiMatch = true;
            collectionJoin(activeAlias, c, noCondition());
            mmActiveAlias = "__mm" + activeAlias;
            mmJoins.add(new Join(mmActiveAlias, table(name(c.name())).as(mmActiveAlias), noCondition()));
            props = props.subList(2, props.size());
            return activeProps();
        }

        private Resolved requestField() {
            if (identifier.startsWith("@request.auth.")) {
                return authField();
            }
            if (identifier.startsWith("@request.body.") && props.size() > 2) {
                String[] nm = splitModifier(props.get(2));
                Optional<Field> bodyField = base.field(nm[0]);
                if (bodyField.isPresent()) {
                    Field f = bodyField.get();
                    if (f instanceof RelationField rel && props.size() > 3) {
                        return bodyRelationField(rel);
                    }
                    if (props.size() == 3) {
                        switch (nm[1]) {
                            case "each":
                                return bodyEach(f);
                            case "length":
                                return Resolved.keyword(String.valueOf(request.bodyItems(f).size()));
                            case "lower":
                                return Resolved.loweredValue(request.bodyText(f));
                            case "changed":
                                return bodyChanged(f);
                            default:
                                break;
                        }
                    }
                }
            }
            return request.resolveStatic(props.subList(1, props.size()));
        }

        private Resolved authField() {
            Record auth = request.auth();
            if (auth == null) {
                return Resolved.nullKeyword();
            }
            if (props.size() == 3 && RequestValues.PLAIN_AUTH_FIELDS.contains(splitModifier(props.get(2))[0])) {
                return request.resolveStatic(props.subList(1, props.size()));
            }
            Collection c = auth.collection();
            active = c;
            activeAlias = "__auth_" + c.name() + aliasSuffix;
            collectionJoin(activeAlias, c, col(activeAlias, "id").eq(val(auth.id())));
            mmActiveAlias = "__mm_" + activeAlias;
            mmJoins.add(new Join(mmActiveAlias, table(name(c.name())).as(mmActiveAlias),
                    col(mmActiveAlias, "id").eq(val(auth.id()))));
            props = props.subList(2, props.size());
            return activeProps();
        }

        private Resolved bodyRelationField(RelationField rel) {
            Collection target = collection(rel.collectionId());
            if (target == null) {
                throw new FilterException("unknown collection of relation field \"" + rel.name() + "\"");
            }
            List<String> ids = request.bodyItems(rel).stream().map(String::valueOf).distinct().toList();
            if (ids.isEmpty()) {
                return Resolved.nullKeyword();
            }
            active = target;
            activeAlias = "__data_" + target.name() + "_" + rel.name() + aliasSuffix;
            collectionJoin(activeAlias, target, col(activeAlias, "id").in(ids));
            if (rel.isMultiple()) {
                withMultiMatch = true;
            }
            mmActiveAlias = "__data_mm_" + target.name() + "_" + rel.name();
            mmJoins.add(new Join(mmActiveAlias, table(name(target.name())).as(mmActiveAlias),
                    col(mmActiveAlias, "id").in(ids)));
            props = props.subList(3, props.size());
            return activeProps();
        }

        private Resolved bodyEach(Field f) {
            if (!isMultiValuer(f)) {
                throw new FilterException("field \"" + f.name() + "\" does not support :each");
            }
            String json = request.bodyItemsJson(f);
            String alias = "__dataEach_" + f.name() + "_je" + aliasSuffix;
            joins.add(new Join(alias, dialect.jsonEach(val(json), alias), noCondition()));
            Resolved r = Resolved.column(col(alias, "value"));
            if (f.isMultiple()) {
                withMultiMatch = true;
                String alias2 = "__mm" + alias;
                mmJoins.add(new Join(alias2, dialect.jsonEach(val(json), alias2), noCondition()));
                return finish(r, col(alias2, "value"));
            }
            return finish(r, null);
        }

        // @request.body.f:changed is "submitted and different from the stored value", as a 1/0 value.
        private Resolved bodyChanged(Field f) {
            if (!request.bodyHas(f.name())) {
                return Resolved.keyword("0");
            }
            Object v = request.bodyValue(f);
            org.jooq.Field<Object> stored = col(baseAlias, f.name());
            Condition differs = v == null || "".equals(v)
                    ? DSL.condition("({0} IS NOT '' AND {0} IS NOT NULL)", stored)
                    : DSL.condition("{0} IS NOT {1}", val(v), stored);
            return Resolved.column(DSL.field("(CASE WHEN {0} THEN 1 ELSE 0 END)", Integer.class, differs));
        }

        private Resolved activeProps() {
            int total = props.size();
            for (int i = 0; i < total; i++) {
                String prop = props.get(i);
                if (i == total - 1) {
                    return lastProp(prop);
                }
                Field f = active.field(prop).orElse(null);
                if (f != null && f.hidden() && !allowHidden) {
                    throw new FilterException("non-filterable field \"" + prop + "\"");
                }
                if (f instanceof JsonField || f instanceof GeoPointField) {
                    return jsonPath(f, props.subList(i + 1, total));
                }
                if (i >= MAX_NESTED_RELATIONS) {
                    throw new FilterException("too many nested relations in \"" + identifier + "\" (the maximum is "
                            + MAX_NESTED_RELATIONS + ")");
                }
                if (f == null) {
                    Resolved missing = backRelation(prop);
                    if (missing != null) {
                        return missing;
                    }
                    continue;
                }
                if (!(f instanceof RelationField rel)) {
                    throw new FilterException("field \"" + prop + "\" of collection \"" + active.name()
                            + "\" is not a relation, so \"" + identifier + "\" cannot continue past it");
                }
                Collection target = collection(rel.collectionId());
                if (target == null) {
                    throw new FilterException("unknown collection of relation field \"" + prop + "\"");
                }
                // "rel.id" is the stored id itself: no join needed.
                if (!rel.isMultiple() && i == total - 2 && props.get(i + 1).equals("id")) {
                    return lastProp(rel.name());
                }
                relation(rel, target);
            }
            throw new FilterException("cannot resolve \"" + identifier + "\"");
        }

        private void relation(RelationField rel, Collection target) {
            String newAlias = activeAlias + "_" + rel.name() + aliasSuffix;
            if (!rel.isMultiple()) {
                collectionJoin(newAlias, target, col(newAlias, "id").eq(col(activeAlias, rel.name())));
            } else {
                String je = activeAlias + "_" + rel.name() + "_je" + aliasSuffix;
                joins.add(new Join(je, dialect.jsonEach(col(activeAlias, rel.name()), je), noCondition()));
                collectionJoin(newAlias, target, col(newAlias, "id").eq(col(je, "value")));
                withMultiMatch = true;
            }
            String newAlias2 = mmActiveAlias + "_" + rel.name();
            Table<?> t2 = table(name(target.name())).as(newAlias2);
            if (!rel.isMultiple()) {
                mmJoins.add(new Join(newAlias2, t2, col(newAlias2, "id").eq(col(mmActiveAlias, rel.name()))));
            } else {
                String je2 = mmActiveAlias + "_" + rel.name() + "_je";
                mmJoins.add(new Join(je2, dialect.jsonEach(col(mmActiveAlias, rel.name()), je2), noCondition()));
                mmJoins.add(new Join(newAlias2, t2, col(newAlias2, "id").eq(col(je2, "value"))));
            }
            active = target;
            activeAlias = newAlias;
            mmActiveAlias = newAlias2;
        }

        /** Joins {@code <coll>_via_<field>}; returns a NULL operand when a missing @request path nullifies. */
        private Resolved backRelation(String prop) {
            Matcher m = VIA.matcher(prop);
            if (!m.matches()) {
                return missing("unknown field \"" + prop + "\" in collection \"" + active.name() + "\"");
            }
            Collection back = collection(m.group(1));
            if (back == null) {
                return missing("unknown collection \"" + m.group(1) + "\" in back-relation \"" + prop + "\"");
            }
            Field bf = back.field(m.group(2)).orElse(null);
            if (bf == null) {
                return missing("unknown field \"" + m.group(2) + "\" in collection \"" + back.name() + "\"");
            }
            if (!(bf instanceof RelationField rel)) {
                return missing("back-relation field \"" + m.group(2) + "\" of collection \"" + back.name()
                        + "\" is not a relation");
            }
            if (rel.hidden() && !allowHidden) {
                throw new FilterException("non-filterable back-relation field \"" + rel.name() + "\"");
            }
            if (!rel.collectionId().equals(active.id())) {
                return missing("back-relation field \"" + rel.name() + "\" of collection \"" + back.name()
                        + "\" does not point to collection \"" + active.name() + "\"");
            }
            boolean multiple = rel.isMultiple() || !Indexes.hasSingleColumnUnique(back.indexes(), rel.name());
            String newAlias = activeAlias + "_" + prop + aliasSuffix;
            collectionJoin(newAlias, back, backCondition(newAlias, rel.name(), activeAlias, multiple));
            String newAlias2 = mmActiveAlias + "_" + prop;
            mmJoins.add(new Join(newAlias2, table(name(back.name())).as(newAlias2),
                    backCondition(newAlias2, rel.name(), mmActiveAlias, multiple)));
            if (multiple) {
                withMultiMatch = true;
            }
            active = back;
            activeAlias = newAlias;
            mmActiveAlias = newAlias2;
            return null;
        }

        private Condition backCondition(String backAlias, String relName, String ownAlias, boolean multiple) {
            if (!multiple) {
                return col(backAlias, relName).eq(col(ownAlias, "id"));
            }
            String je = backAlias + "_je";
            return col(ownAlias, "id").in(select(col(je, "value"))
                    .from(dialect.jsonEach(col(backAlias, relName), je)));
        }

        private void collectionJoin(String alias, Collection c, Condition on) {
            if (!allowHiddenFields) {
                // PocketBase compat: client input reaches another collection only where its
                // listRule lets the requester list; superusers-only collections not at all.
                if (c.listRule() instanceof Rule.SuperusersOnly) {
                    throw new FilterException("fields of collection \"" + c.name()
                            + "\" can only be filtered by superusers");
                }
                listRuleJoins.put(alias, c);
            }
            joins.add(new Join(alias, table(name(c.name())).as(alias), on));
        }

        private Resolved missing(String message) {
            if (nullifyMissing) {
                return Resolved.nullKeyword();
            }
            throw new FilterException(message);
        }

        private Resolved jsonPath(Field f, List<String> rest) {
            StringBuilder path = new StringBuilder();
            for (int j = 0; j < rest.size(); j++) {
                String p = rest.get(j);
                if (p.chars().allMatch(Character::isDigit)) {
                    path.append('[').append(p).append(']');
                } else {
                    if (j > 0) {
                        path.append('.');
                    }
                    path.append(p);
                }
            }
            Resolved r = Resolved.json(dialect.jsonExtract(col(activeAlias, f.name()), path.toString()));
            return finish(r, withMultiMatch ? dialect.jsonExtract(col(mmActiveAlias, f.name()), path.toString()) : null);
        }

        private Resolved lastProp(String prop) {
            String[] nm = splitModifier(prop);
            String fieldName = nm[0];
            String modifier = nm[1];
            Field f = active.field(fieldName).orElse(null);
            if (f == null) {
                return missing("unknown field \"" + fieldName + "\" in collection \"" + active.name() + "\"");
            }
            if (f.hidden() && !allowHidden) {
                throw new FilterException("non-filterable field \"" + fieldName + "\"");
            }
            org.jooq.Field<Object> column = col(activeAlias, f.name());
            org.jooq.Field<Object> mmColumn = col(mmActiveAlias, f.name());
            if (modifier.equals("length") && isMultiValuer(f)) {
                return finish(Resolved.column(dialect.jsonArrayLength(column)),
                        withMultiMatch ? dialect.jsonArrayLength(mmColumn) : null);
            }
            if (modifier.equals("each") && isMultiValuer(f)) {
                String je = activeAlias + "_" + f.name() + "_je" + aliasSuffix;
                joins.add(new Join(je, dialect.jsonEach(column, je), noCondition()));
                if (f.isMultiple()) {
                    withMultiMatch = true;
                }
                org.jooq.Field<?> mmValue = null;
                if (withMultiMatch) {
                    String je2 = mmActiveAlias + "_" + f.name() + "_je";
                    mmJoins.add(new Join(je2, dialect.jsonEach(mmColumn, je2), noCondition()));
                    mmValue = col(je2, "value");
                }
                return finish(Resolved.column(col(je, "value")), mmValue);
            }
            Resolved r;
            org.jooq.Field<?> mmValue = mmColumn;
            if (f instanceof JsonField) {
                r = Resolved.json(dialect.jsonExtract(column, ""));
                mmValue = dialect.jsonExtract(mmColumn, "");
            } else {
                r = Resolved.column(column);
            }
            if (modifier.equals("lower")) {
                r = r.withField(DSL.field("LOWER({0})", Object.class, r.field()));
                mmValue = DSL.field("LOWER({0})", Object.class, mmValue);
            }
            if (f.name().equals("email") && !allowHidden && active.isAuth()) {
                r = r.withGuard(DSL.condition("{0} = TRUE", col(activeAlias, "emailVisibility")));
            }
            return finish(r, withMultiMatch ? mmValue : null);
        }

        private Resolved finish(Resolved r, org.jooq.Field<?> mmValue) {
            Resolved out = r.withJoins(joins);
            if (withMultiMatch && mmValue != null) {
                Table<?> from = table(name(base.name())).as(mmFromAlias);
                for (Join j : mmJoins) {
                    from = from.leftJoin(j.table()).on(j.on());
                }
                out = out.withMultiMatch(new MultiMatch(from, mmValue, col(mmFromAlias, "id").eq(col(baseAlias, "id"))));
            }
            return out;
        }
    }
}
