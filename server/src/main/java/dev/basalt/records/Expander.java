package dev.basalt.records;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.noCondition;

import dev.basalt.collections.Collection;
import dev.basalt.collections.Index;
import dev.basalt.collections.CollectionRegistry;
import dev.basalt.collections.Rule;
import dev.basalt.collections.fields.RelationField;
import dev.basalt.store.Database;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Table;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resolves {@code ?expand=a,b.c,other_via_field} for a page of records. Each expanded collection is
 * read under its own viewRule for the requester (with {@code @request.context = "expand"});
 * unknown paths, locked collections and failing rules leave their path out without failing the
 * response.
 *
 * <p>The paths are merged into a tree and each node of the tree is read once for the whole page:
 * one query per relation and level (two for a back-relation: the referencing ids, then the records),
 * never one per record.
 */
public final class Expander {

    private static final Logger log = LoggerFactory.getLogger(Expander.class);

    /** The deepest level expanded; deeper path segments are ignored. */
    public static final int MAX_DEPTH = 6;
    /** The most back-related records expanded per record. */
    public static final int MAX_BACK_RELATIONS = 1000;
    // Bound parameters per statement stay well below SQLite's limit of 32766.
    private static final int CHUNK = 5000;
    private static final Pattern BACK_RELATION = Pattern.compile("^(\\w+)_via_(\\w+)$");
    private static final Pattern EDGE_DOTS = Pattern.compile("^\\.+|\\.+$");

    private final Database db;
    private final CollectionRegistry registry;
    private final RecordSearch search;
    private final RecordRepository repository = new RecordRepository();

    public Expander(Database db, CollectionRegistry registry, RecordSearch search) {
        this.db = db;
        this.registry = registry;
        this.search = search;
    }

    /**
     * The records with the relations {@code expand} names, as this requester may see them.
     *
     * @param records records of one collection, in response order
     * @param expand  the raw {@code expand} parameter; blank for none
     * @return one entry per record, in the same order; {@code requested} is set when {@code expand}
     *         is not blank (the wire then carries at least {@code "expand":{}})
     */
    public List<ExpandedRecord> expand(List<Record> records, String expand, RequestInfo request) {
        if (expand == null || expand.isBlank()) {
            return records.stream().map(ExpandedRecord::plain).toList();
        }
        Node tree = Node.of(normalize(expand));
        if (records.isEmpty() || tree.children().isEmpty()) {
            return records.stream().map(r -> new ExpandedRecord(r, Map.of(), true)).toList();
        }
        RequestInfo expandRequest = request.withContext(RequestInfo.CONTEXT_EXPAND);
        Level level = db.read(dsl -> expandLevel(dsl, records, tree, 1, expandRequest));
        return records.stream()
                .map(r -> new ExpandedRecord(r, level.expands().getOrDefault(r.id(), Map.of()), true))
                .toList();
    }

    /**
     * The expand paths of a parameter: spaces removed, leading and trailing dots dropped, and a path
     * dropped when another listed path extends it ({@code a} beside {@code a.b}).
     */
    static List<String> normalize(String expand) {
        List<String> paths = new ArrayList<>();
        for (String raw : expand.split(",")) {
            String p = stripDots(raw.replace(" ", ""));
            if (!p.isEmpty()) {
                paths.add(p);
            }
        }
        Set<String> kept = new LinkedHashSet<>();
        for (String p : paths) {
            boolean extended = paths.stream().anyMatch(other -> other.startsWith(p + "."));
            if (!extended) {
                kept.add(p);
            }
        }
        return List.copyOf(kept);
    }

    private static String stripDots(String s) {
        return EDGE_DOTS.matcher(s).replaceAll("");
    }

    /** The expand paths as a tree of path segments. */
    record Node(Map<String, Node> children) {

        static Node of(List<String> paths) {
            Node root = new Node(new LinkedHashMap<>());
            for (String path : paths) {
                Node at = root;
                for (String segment : path.split("\\.", -1)) {
                    at = at.children().computeIfAbsent(segment, s -> new Node(new LinkedHashMap<>()));
                }
            }
            return root;
        }
    }

    /**
     * What one level produced: the expand map of each parent record by id, and whether at least one
     * of the level's paths could be expanded.
     */
    private record Level(Map<String, Map<String, Object>> expands, boolean anySucceeded) {}

    /** How a path segment leads from a record to other records. */
    private record Link(Collection target, boolean multiple, Map<String, List<String>> idsByParent) {}

    /** A path segment that cannot be expanded; the path is left out. */
    private static final class Skip extends RuntimeException {
        Skip(String message) {
            super(message, null, false, false);
        }
    }

    private Level expandLevel(DSLContext dsl, List<Record> parents, Node node, int depth, RequestInfo request) {
        Map<String, Map<String, Object>> expands = new HashMap<>();
        if (parents.isEmpty()) {
            return new Level(expands, true);
        }
        Collection parentCollection = parents.getFirst().collection();
        boolean anySucceeded = false;
        for (Map.Entry<String, Node> entry : node.children().entrySet()) {
            String segment = entry.getKey();
            Node next = entry.getValue();
            try {
                Link link = link(dsl, parentCollection, segment, parents);
                List<Record> related = fetch(dsl, link.target(), allIds(link.idsByParent()), request);
                Map<String, Map<String, Object>> nested = Map.of();
                boolean nestedRequested = false;
                // PocketBase compat: segments beyond MAX_DEPTH are ignored, not an error.
                if (!next.children().isEmpty() && depth < MAX_DEPTH) {
                    Level deeper = expandLevel(dsl, related, next, depth + 1, request);
                    if (!deeper.anySucceeded()) {
                        // PocketBase compat: a path whose deeper segment fails is left out entirely.
                        throw new Skip("no nested path of " + segment + " could be expanded");
                    }
                    nested = deeper.expands();
                    nestedRequested = true;
                }
                Map<String, ExpandedRecord> byId = new HashMap<>();
                for (Record r : related) {
                    byId.put(r.id(), new ExpandedRecord(r, nested.getOrDefault(r.id(), Map.of()), nestedRequested));
                }
                for (Record parent : parents) {
                    List<ExpandedRecord> found = new ArrayList<>();
                    for (String id : link.idsByParent().getOrDefault(parent.id(), List.of())) {
                        ExpandedRecord e = byId.get(id);
                        if (e != null) {
                            found.add(e);
                        }
                    }
                    if (!found.isEmpty()) {
                        expands.computeIfAbsent(parent.id(), k -> new LinkedHashMap<>())
                                .put(segment, link.multiple() ? List.copyOf(found) : found.getFirst());
                    }
                }
                anySucceeded = true;
            } catch (RuntimeException e) {
                log.debug("expand skipped collection={} segment={} depth={}: {}",
                        parentCollection.name(), segment, depth, e.getMessage());
            }
        }
        return new Level(expands, anySucceeded);
    }

    private Link link(DSLContext dsl, Collection parentCollection, String segment, List<Record> parents) {
        Matcher via = BACK_RELATION.matcher(segment);
        if (via.matches()) {
            return backLink(dsl, parentCollection, via.group(1), via.group(2), parents);
        }
        if (!(parentCollection.field(segment).orElse(null) instanceof RelationField relation)) {
            throw new Skip("no relation field " + segment + " in " + parentCollection.name());
        }
        Collection target = registry.find(relation.collectionId())
                .orElseThrow(() -> new Skip("missing related collection " + relation.collectionId()));
        Map<String, List<String>> idsByParent = new HashMap<>();
        for (Record parent : parents) {
            idsByParent.put(parent.id(), ids(parent.get(segment)));
        }
        return new Link(target, relation.isMultiple(), idsByParent);
    }

    /** {@code <collection>_via_<field>}: the records of that collection whose field references a parent. */
    private Link backLink(DSLContext dsl, Collection parentCollection, String collectionName, String fieldName,
            List<Record> parents) {
        Collection back = registry.find(collectionName)
                .orElseThrow(() -> new Skip("missing back-related collection " + collectionName));
        if (!(back.field(fieldName).orElse(null) instanceof RelationField relation)
                || !relation.collectionId().equals(parentCollection.id())) {
            throw new Skip("no relation field " + fieldName + " in " + back.name() + " to " + parentCollection.name());
        }
        Table<?> table = RecordRepository.table(back);
        org.jooq.Field<String> id = field(name(back.name(), "id"), String.class);
        org.jooq.Field<?> column = RecordFieldResolver.column(back.name(), relation);
        Set<String> parentIds = new LinkedHashSet<>();
        parents.forEach(p -> parentIds.add(p.id()));
        Map<String, List<String>> idsByParent = new HashMap<>();
        for (List<String> chunk : chunks(List.copyOf(parentIds))) {
            Condition references = relation.isMultiple()
                    ? db.dialect().jsonArrayContainsAny(column, chunk)
                    : column.in(chunk);
            for (var row : dsl.select(id, column).from(table).where(references).fetch()) {
                for (String referenced : ids(RecordRepository.fromColumn(relation, row.value2()))) {
                    if (parentIds.contains(referenced)) {
                        List<String> ids = idsByParent.computeIfAbsent(referenced, k -> new ArrayList<>());
                        if (ids.size() < MAX_BACK_RELATIONS && !ids.contains(row.value1())) {
                            ids.add(row.value1());
                        }
                    }
                }
            }
        }
        // PocketBase compat: a single-column UNIQUE index makes the back-relation a single record.
        boolean multiple = Index.findSingleColumnUnique(back.indexes(), relation.name()).isEmpty();
        return new Link(back, multiple, idsByParent);
    }

    /** The records of {@code target} with these ids that the requester may view. */
    private List<Record> fetch(DSLContext dsl, Collection target, List<String> ids, RequestInfo request) {
        if (ids.isEmpty()) {
            return List.of();
        }
        Table<?> from = RecordRepository.table(target);
        Condition where = noCondition();
        boolean distinct = false;
        // No rule to apply: the ids alone select the rows.
        boolean plain = true;
        if (!request.isSuperuser()) {
            switch (target.viewRule()) {
                case Rule.SuperusersOnly locked -> throw new Skip("only superusers can view " + target.name());
                case Rule.Everyone everyone -> { }
                case Rule.Filter rule -> {
                    plain = false;
                    SearchQuery q = search.build(target, List.of(rule.expression()), null, request);
                    from = q.from();
                    where = q.where();
                    distinct = q.distinct();
                }
            }
        }
        List<Record> out = new ArrayList<>();
        if (plain) {
            for (List<String> chunk : chunks(ids)) {
                out.addAll(repository.findByIds(dsl, target, chunk));
            }
            return out;
        }
        var columns = RecordRepository.columns(target);
        org.jooq.Field<String> id = field(name(target.name(), "id"), String.class);
        for (List<String> chunk : chunks(ids)) {
            var select = distinct ? dsl.selectDistinct(columns) : dsl.select(columns);
            for (var row : select.from(from).where(where).and(id.in(chunk)).fetch()) {
                out.add(RecordRepository.toRecord(target, row));
            }
        }
        return out;
    }

    private static List<String> allIds(Map<String, List<String>> idsByParent) {
        Set<String> all = new LinkedHashSet<>();
        idsByParent.values().forEach(all::addAll);
        return List.copyOf(all);
    }

    /** The ids a relation value holds: none for blank, one for a string, all of a list. */
    private static List<String> ids(Object value) {
        return switch (value) {
            case null -> List.of();
            case List<?> list -> list.stream().filter(v -> v != null && !v.toString().isEmpty()).map(Object::toString).toList();
            default -> value.toString().isEmpty() ? List.of() : List.of(value.toString());
        };
    }

    private static <T> List<List<T>> chunks(List<T> all) {
        List<List<T>> out = new ArrayList<>();
        for (int i = 0; i < all.size(); i += CHUNK) {
            out.add(all.subList(i, Math.min(all.size(), i + CHUNK)));
        }
        return out;
    }
}
