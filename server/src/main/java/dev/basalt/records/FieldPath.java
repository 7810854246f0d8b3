package dev.basalt.records;

import static dev.basalt.records.RecordFieldResolver.MAX_NESTED_RELATIONS;
import static dev.basalt.records.RecordFieldResolver.col;
import static dev.basalt.records.RecordFieldResolver.column;
import static dev.basalt.records.RecordFieldResolver.eachValue;
import static dev.basalt.records.RecordFieldResolver.isMultiValuer;
import static dev.basalt.records.RecordFieldResolver.splitModifier;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.noCondition;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.table;
import static org.jooq.impl.DSL.val;

import dev.basalt.collections.Collection;
import dev.basalt.collections.Index;
import dev.basalt.collections.Rule;
import dev.basalt.collections.fields.Field;
import dev.basalt.collections.fields.GeoPointField;
import dev.basalt.collections.fields.JsonField;
import dev.basalt.collections.fields.RelationField;
import dev.basalt.query.FilterException;
import dev.basalt.query.Join;
import dev.basalt.query.MultiMatch;
import dev.basalt.query.Resolved;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jooq.Comparator;
import org.jooq.Condition;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * The resolution of one identifier by a {@link RecordFieldResolver}: the path walked so far, the
 * joins the main query needs and, for multi-valued paths, the same walk under aliases of its own
 * for the "every value" subquery.
 */
final class FieldPath {

    private static final Pattern VIA = Pattern.compile("^(\\w+)_via_(\\w+)$");

    private final RecordFieldResolver resolver;
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

    FieldPath(RecordFieldResolver resolver, String identifier) {
        this.resolver = resolver;
        this.identifier = identifier;
        this.props = List.of(identifier.split("\\.", -1));
        this.active = resolver.base();
        this.activeAlias = resolver.baseAlias();
        String first = props.getFirst();
        this.allowHidden = resolver.allowsHiddenFields() || first.equals("@collection") || first.equals("@request");
        this.nullifyMissing = first.equals("@request");
        this.mmFromAlias = "__mm_" + resolver.baseAlias();
        this.mmActiveAlias = mmFromAlias;
    }

    Resolved resolve() {
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
        Collection c = resolver.collection(nameAndAlias[0]);
        if (c == null) {
            throw new FilterException("unknown collection \"" + nameAndAlias[0] + "\" in \"" + identifier + "\"");
        }
        active = c;
        activeAlias = (nameAndAlias.length == 2 && !nameAndAlias[1].isEmpty()
                ? "__collection_alias_" + nameAndAlias[1]
                : "__collection_" + c.name()) + resolver.aliasSuffix();
        withMultiMatch = true;
        collectionJoin(activeAlias, c, noCondition());
        mmActiveAlias = "__mm" + activeAlias;
        mmJoins.add(new Join(mmActiveAlias, table(name(c.name())).as(mmActiveAlias), noCondition()));
        props = props.subList(2, props.size());
        return activeProps();
    }

    private Resolved requestField() {
        String key = props.size() > 1 ? props.get(1) : "";
        boolean known = switch (key) {
            case "context", "method" -> props.size() == 2;
            case "auth", "body", "query", "headers" -> props.size() > 2;
            default -> false;
        };
        if (!known) {
            throw new FilterException("unknown request field \"" + identifier + "\" (expected @request.context, "
                    + "@request.method or @request.auth|body|query|headers.<key>)");
        }
        if (identifier.startsWith("@request.auth.")) {
            return authField();
        }
        if (identifier.startsWith("@request.body.") && props.size() > 2) {
            String[] nm = splitModifier(props.get(2));
            Optional<Field> bodyField = resolver.base().field(nm[0]);
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
                            return Resolved.keyword(String.valueOf(resolver.requestValues().bodyItems(f).size()));
                        case "lower":
                            return Resolved.loweredValue(resolver.requestValues().bodyText(f));
                        case "changed":
                            return bodyChanged(f);
                        default:
                            break;
                    }
                }
            }
        }
        return resolver.requestValues().resolveStatic(props.subList(1, props.size()));
    }

    private Resolved authField() {
        Record auth = resolver.requestValues().auth();
        if (auth == null) {
            return Resolved.nullKeyword();
        }
        if (props.size() == 3 && RequestValues.PLAIN_AUTH_FIELDS.contains(splitModifier(props.get(2))[0])) {
            return resolver.requestValues().resolveStatic(props.subList(1, props.size()));
        }
        Collection c = auth.collection();
        active = c;
        activeAlias = "__auth_" + c.name() + resolver.aliasSuffix();
        collectionJoin(activeAlias, c, col(activeAlias, "id").eq(val(auth.id())), true);
        mmActiveAlias = "__mm_" + activeAlias;
        mmJoins.add(new Join(mmActiveAlias, table(name(c.name())).as(mmActiveAlias),
                col(mmActiveAlias, "id").eq(val(auth.id()))));
        props = props.subList(2, props.size());
        return activeProps();
    }

    private Resolved bodyRelationField(RelationField rel) {
        Collection target = resolver.collection(rel.collectionId());
        if (target == null) {
            throw new FilterException("unknown collection of relation field \"" + rel.name() + "\"");
        }
        List<String> ids = resolver.requestValues().bodyItems(rel).stream().map(String::valueOf).distinct().toList();
        if (ids.isEmpty()) {
            return Resolved.nullKeyword();
        }
        active = target;
        activeAlias = "__data_" + target.name() + "_" + rel.name() + resolver.aliasSuffix();
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
        String json = resolver.requestValues().bodyItemsJson(f);
        String alias = "__dataEach_" + f.name() + "_je" + resolver.aliasSuffix();
        joins.add(new Join(alias, resolver.dialect().jsonEach(val(json), alias), noCondition()));
        Resolved r = Resolved.column(eachValue(alias));
        if (f.isMultiple()) {
            withMultiMatch = true;
            String alias2 = "__mm" + alias;
            mmJoins.add(new Join(alias2, resolver.dialect().jsonEach(val(json), alias2), noCondition()));
            return finish(r, eachValue(alias2));
        }
        return finish(r, null);
    }

    // @resolver.requestValues().body.f:changed is "submitted and different from the stored value", as a 1/0 value.
    private Resolved bodyChanged(Field f) {
        if (!resolver.requestValues().bodyHas(f.name())) {
            return Resolved.keyword("0");
        }
        Object v = resolver.requestValues().bodyValue(f);
        org.jooq.Field<?> stored = column(resolver.baseAlias(), f);
        Condition differs = v == null || "".equals(v)
                ? resolver.compare(Comparator.IS_DISTINCT_FROM, stored, DSL.inline("")).and(stored.isNotNull())
                : resolver.compare(Comparator.IS_DISTINCT_FROM, val(v), stored);
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
            Collection target = resolver.collection(rel.collectionId());
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
        String newAlias = activeAlias + "_" + rel.name() + resolver.aliasSuffix();
        if (!rel.isMultiple()) {
            // By the target's primary key: one row at most (a view's id column promises nothing).
            collectionJoin(newAlias, target, col(newAlias, "id").eq(col(activeAlias, rel.name())), !target.isView());
        } else {
            String je = activeAlias + "_" + rel.name() + "_je" + resolver.aliasSuffix();
            joins.add(new Join(je, resolver.dialect().jsonEach(column(activeAlias, rel), je), noCondition()));
            collectionJoin(newAlias, target, col(newAlias, "id").eq(col(je, "value")));
            withMultiMatch = true;
        }
        String newAlias2 = mmActiveAlias + "_" + rel.name();
        Table<?> t2 = table(name(target.name())).as(newAlias2);
        if (!rel.isMultiple()) {
            mmJoins.add(new Join(newAlias2, t2, col(newAlias2, "id").eq(col(mmActiveAlias, rel.name()))));
        } else {
            String je2 = mmActiveAlias + "_" + rel.name() + "_je";
            mmJoins.add(new Join(je2, resolver.dialect().jsonEach(column(mmActiveAlias, rel), je2), noCondition()));
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
        Collection back = resolver.collection(m.group(1));
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
        boolean multiple = rel.isMultiple() || Index.findSingleColumnUnique(back.indexes(), rel.name()).isEmpty();
        String newAlias = activeAlias + "_" + prop + resolver.aliasSuffix();
        collectionJoin(newAlias, back, backCondition(newAlias, rel, activeAlias, multiple));
        String newAlias2 = mmActiveAlias + "_" + prop;
        mmJoins.add(new Join(newAlias2, table(name(back.name())).as(newAlias2),
                backCondition(newAlias2, rel, mmActiveAlias, multiple)));
        if (multiple) {
            withMultiMatch = true;
        }
        active = back;
        activeAlias = newAlias;
        mmActiveAlias = newAlias2;
        return null;
    }

    private Condition backCondition(String backAlias, RelationField rel, String ownAlias, boolean multiple) {
        if (!multiple) {
            return col(backAlias, rel.name()).eq(col(ownAlias, "id"));
        }
        String je = backAlias + "_je";
        return col(ownAlias, "id").in(select(col(je, "value"))
                .from(resolver.dialect().jsonEach(column(backAlias, rel), je)));
    }

    private void collectionJoin(String alias, Collection c, Condition on) {
        collectionJoin(alias, c, on, false);
    }

    private void collectionJoin(String alias, Collection c, Condition on, boolean toOne) {
        if (!resolver.allowsHiddenFields()) {
            // PocketBase compat: client input reaches another collection only where its
            // listRule lets the requester list; superusers-only collections not at all.
            if (c.listRule() instanceof Rule.SuperusersOnly) {
                throw new FilterException("fields of collection \"" + c.name()
                        + "\" can only be filtered by superusers");
            }
            resolver.joinedForClient(alias, c);
        }
        joins.add(new Join(alias, table(name(c.name())).as(alias), on, toOne));
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
        Resolved r = Resolved.json(resolver.dialect().jsonExtract(column(activeAlias, f), path.toString()));
        return finish(r, withMultiMatch ? resolver.dialect().jsonExtract(column(mmActiveAlias, f), path.toString()) : null);
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
        org.jooq.Field<?> column = column(activeAlias, f);
        org.jooq.Field<?> mmColumn = column(mmActiveAlias, f);
        if (modifier.equals("length") && isMultiValuer(f)) {
            return finish(Resolved.column(resolver.dialect().jsonArrayLength(column)),
                    withMultiMatch ? resolver.dialect().jsonArrayLength(mmColumn) : null);
        }
        if (modifier.equals("each") && isMultiValuer(f)) {
            String je = activeAlias + "_" + f.name() + "_je" + resolver.aliasSuffix();
            joins.add(new Join(je, resolver.dialect().jsonEach(column, je), noCondition()));
            if (f.isMultiple()) {
                withMultiMatch = true;
            }
            org.jooq.Field<?> mmValue = null;
            if (withMultiMatch) {
                String je2 = mmActiveAlias + "_" + f.name() + "_je";
                mmJoins.add(new Join(je2, resolver.dialect().jsonEach(mmColumn, je2), noCondition()));
                mmValue = eachValue(je2);
            }
            return finish(Resolved.column(eachValue(je)), mmValue);
        }
        Resolved r;
        org.jooq.Field<?> mmValue = mmColumn;
        if (f instanceof JsonField) {
            r = Resolved.json(resolver.dialect().jsonExtract(column, ""));
            mmValue = resolver.dialect().jsonExtract(mmColumn, "");
        } else {
            r = Resolved.column(column);
        }
        if (modifier.equals("lower")) {
            r = r.withField(resolver.dialect().lower(r.field()));
            mmValue = resolver.dialect().lower(mmValue);
        }
        if (f.name().equals("email") && !allowHidden && active.isAuth()) {
            r = r.withGuard(DSL.condition("{0} = TRUE", col(activeAlias, "emailVisibility")));
        }
        return finish(r, withMultiMatch ? mmValue : null);
    }

    private Resolved finish(Resolved r, org.jooq.Field<?> mmValue) {
        Resolved out = r.withJoins(joins);
        if (withMultiMatch && mmValue != null) {
            Table<?> from = table(name(resolver.baseTable())).as(mmFromAlias);
            for (Join j : mmJoins) {
                from = from.leftJoin(j.table()).on(j.on());
            }
            out = out.withMultiMatch(new MultiMatch(from, mmValue, col(mmFromAlias, "id").eq(col(resolver.baseAlias(), "id"))));
        }
        return out;
    }
}
