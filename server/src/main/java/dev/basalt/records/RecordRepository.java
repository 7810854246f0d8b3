package dev.basalt.records;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.basalt.collections.Collection;
import dev.basalt.collections.fields.BoolField;
import dev.basalt.collections.fields.Field;
import dev.basalt.collections.fields.GeoPointField;
import dev.basalt.collections.fields.JsonField;
import dev.basalt.collections.fields.NumberField;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.basalt.store.Dialect;
import dev.basalt.store.RenderedSql;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.Table;

/**
 * The jOOQ statements for a collection's table and the mapping between columns and the value
 * types of {@link Record}. No rules, no principals, no hooks.
 */
public final class RecordRepository {

    // Buffers from a shared pool, not per thread: a request's virtual thread is new every time.
    static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
            .recyclerPool(JsonRecyclerPools.sharedConcurrentDequePool()).build());
    private static final TypeReference<List<Object>> LIST = new TypeReference<>() {};

    public Optional<Record> findById(DSLContext dsl, Collection c, String id) {
        return byIdSql(dsl, c).fetch(dsl, List.of(id), row -> toRecord(c, row)).stream().findFirst();
    }

    /**
     * The records with these ids, in the order the database gives them (the expansion of a page's
     * relations). As findById, the SQL is rendered once per collection object and number of ids.
     */
    public List<Record> findByIds(DSLContext dsl, Collection c, List<String> ids) {
        return byIdsSql(dsl, c, ids.size()).fetch(dsl, ids, row -> toRecord(c, row));
    }

    // The SQL of findById and findByIds depends on the collection, the dialect and the number of
    // ids alone, and its binds are the ids: rendered once per collection object (the registry
    // replaces it on a change) instead of once per call. Weak keys compare by identity.
    private static final Cache<Collection, ByIdSql> BY_ID_SQL = Caffeine.newBuilder().weakKeys().build();
    private static final Cache<Collection, java.util.concurrent.ConcurrentMap<Integer, ByIdSql>> BY_IDS_SQL =
            Caffeine.newBuilder().weakKeys().build();

    private record ByIdSql(SQLDialect dialect, RenderedSql sql) {}

    private static RenderedSql byIdSql(DSLContext dsl, Collection c) {
        ByIdSql known = BY_ID_SQL.getIfPresent(c);
        if (known != null && known.dialect() == dsl.dialect()) {
            return known.sql();
        }
        RenderedSql sql = RenderedSql.of(dsl, dsl.select(columns(c)).from(table(c))
                .where(field(name(c.name(), "id"), String.class).eq("")).limit(inline(1)));
        BY_ID_SQL.put(c, new ByIdSql(dsl.dialect(), sql));
        return sql;
    }

    private static RenderedSql byIdsSql(DSLContext dsl, Collection c, int n) {
        var bySize = BY_IDS_SQL.get(c, k -> new java.util.concurrent.ConcurrentHashMap<>());
        ByIdSql known = bySize.get(n);
        if (known != null && known.dialect() == dsl.dialect()) {
            return known.sql();
        }
        RenderedSql sql = RenderedSql.of(dsl, dsl.select(columns(c)).from(table(c))
                .where(field(name(c.name(), "id"), String.class).in(java.util.Collections.nCopies(n, ""))));
        bySize.put(n, new ByIdSql(dsl.dialect(), sql));
        return sql;
    }

    /** Runs a rendered select of {@link #columns(Collection)}; its rows as records. */
    static List<Record> fetchRecords(DSLContext dsl, Collection c, RenderedSql select, List<?> values) {
        return select.fetch(dsl, values, row -> toRecord(c, row));
    }

    /** A record from the current row of a result selected as {@link #columns(Collection)}. */
    private static Record toRecord(Collection c, ResultSet row) throws SQLException {
        List<Field> fields = c.fields();
        LinkedHashMap<String, Object> values = LinkedHashMap.newLinkedHashMap(fields.size());
        for (int i = 0; i < fields.size(); i++) {
            Field f = fields.get(i);
            Object stored = switch (f.columnKind()) {
                case TEXT, JSON -> row.getString(i + 1);
                case NUMBER, BOOL -> row.getObject(i + 1);
            };
            values.put(f.name(), fromColumn(f, stored));
        }
        return Record.adopt(c, values);
    }

    /**
     * The record, locked until the transaction ends where the engine has row locks: a
     * read-modify-write ({@code count+}) on another node waits instead of losing this update.
     */
    public Optional<Record> findByIdForUpdate(DSLContext dsl, Dialect dialect, Collection c, String id) {
        RenderedSql find = FIND_FOR_UPDATE.get(c, x -> RenderedSql.of(dsl, dialect.lockForUpdate(
                dsl.select(table(c).asterisk()).from(table(c)).where(field(name(c.name(), "id"), String.class).eq("")))));
        return find.fetchRow(dsl, List.of(id)).map(row -> toRecord(c, row));
    }

    public Optional<Record> findFirst(DSLContext dsl, Collection c, Condition where) {
        var row = dsl.select(columns(c)).from(table(c)).where(where).limit(1).fetchOne();
        return row == null ? Optional.empty() : Optional.of(toRecord(c, row));
    }

    /**
     * The collection's columns in field order, typed as they are stored, for selects read with
     * {@link #toRecord(Collection, org.jooq.Record)}: jOOQ then reads each column by its type
     * instead of asking the driver for the result's metadata ({@code SELECT *}).
     */
    public static List<org.jooq.Field<?>> columns(Collection c) {
        List<Field> fields = c.fields();
        List<org.jooq.Field<?>> out = new ArrayList<>(fields.size());
        for (Field f : fields) {
            Class<?> type = switch (f.columnKind()) {
                // Texts, and JSON documents as their text (fromColumn parses them).
                case TEXT, JSON -> String.class;
                // As the driver gives them: fromColumn accepts numbers, booleans and texts.
                case NUMBER, BOOL -> Object.class;
            };
            out.add(field(name(c.name(), f.name()), type));
        }
        return out;
    }

    /** A record from a row selected as {@link #columns(Collection)}. */
    public static Record toRecord(Collection c, org.jooq.Record row) {
        List<Field> fields = c.fields();
        LinkedHashMap<String, Object> values = LinkedHashMap.newLinkedHashMap(fields.size());
        for (int i = 0; i < fields.size(); i++) {
            Field f = fields.get(i);
            values.put(f.name(), fromColumn(f, row.get(i)));
        }
        return Record.adopt(c, values);
    }

    public void insert(DSLContext dsl, Record r) {
        Collection c = r.collection();
        List<Object> values = new ArrayList<>();
        for (Field f : c.fields()) {
            Object value = r.values().containsKey(f.name()) ? r.get(f.name()) : FieldValues.empty(f);
            values.add(toColumn(f, value));
        }
        statements(dsl, c).insert().execute(dsl, values);
    }

    public void update(DSLContext dsl, Record r) {
        Collection c = r.collection();
        List<Object> values = new ArrayList<>();
        for (Field f : c.fields()) {
            if (!f.name().equals("id")) {
                values.add(toColumn(f, r.get(f.name())));
            }
        }
        values.add(r.id());
        statements(dsl, c).update().execute(dsl, values);
    }

    /** How many of these ids (no duplicates) are records of {@code c}: one indexed count. */
    static long countIds(DSLContext dsl, Collection c, List<String> ids) {
        java.util.function.IntFunction<RenderedSql> render = n -> RenderedSql.of(dsl,
                dsl.selectCount().from(table(c)).where(field(name(c.name(), "id")).in(new ArrayList<>(ids))));
        RenderedSql count = ids.size() > MAX_CACHED_IDS ? render.apply(ids.size())
                : statements(dsl, c).countIds().computeIfAbsent(ids.size(), render::apply);
        return count.fetchLong(dsl, ids);
    }

    // Relation checks of up to this many ids keep their rendered count (one per list length).
    private static final int MAX_CACHED_IDS = 32;

    /*
     * The statements of every write, rendered once per collection version: their SQL depends on
     * the table and field names only, and a changed collection is a new instance (the keys are
     * weak and compared by identity, so an old version's entry goes with it).
     */
    private static final Cache<Collection, Statements> STATEMENTS = Caffeine.newBuilder().weakKeys().build();
    private static final Cache<Collection, RenderedSql> FIND_FOR_UPDATE = Caffeine.newBuilder().weakKeys().build();

    private static Statements statements(DSLContext dsl, Collection c) {
        return STATEMENTS.get(c, x -> Statements.render(dsl, c));
    }

    private record Statements(RenderedSql insert, RenderedSql update, Map<Integer, RenderedSql> countIds) {

        static Statements render(DSLContext dsl, Collection c) {
            List<org.jooq.Field<Object>> columns = new ArrayList<>();
            Map<org.jooq.Field<?>, Object> set = new LinkedHashMap<>();
            for (Field f : c.fields()) {
                columns.add(field(name(f.name())));
                if (!f.name().equals("id")) {
                    set.put(field(name(f.name())), "");
                }
            }
            RenderedSql insert = RenderedSql.of(dsl,
                    dsl.insertInto(table(c), columns).values(columns.stream().map(x -> (Object) "").toList()));
            RenderedSql update = RenderedSql.of(dsl, dsl.update(table(c)).set(set).where(field(name("id")).eq("")));
            return new Statements(insert, update, new ConcurrentHashMap<>());
        }
    }

    /**
     * The record as the database holds it once {@code written} was inserted or updated: its bound
     * column values mapped back where the engine stores values as bound (no second statement),
     * otherwise read back.
     */
    public Record stored(DSLContext dsl, Dialect dialect, Record written) {
        Collection c = written.collection();
        if (!dialect.storesValuesAsBound()) {
            return findById(dsl, c, written.id()).orElseThrow();
        }
        LinkedHashMap<String, Object> values = LinkedHashMap.newLinkedHashMap(c.fields().size());
        for (Field f : c.fields()) {
            Object value = written.values().containsKey(f.name()) ? written.get(f.name()) : FieldValues.empty(f);
            values.put(f.name(), fromColumn(f, toColumn(f, value)));
        }
        return Record.adopt(c, values);
    }

    public void delete(DSLContext dsl, Record r) {
        dsl.deleteFrom(table(r.collection())).where(field(name("id")).eq(r.id())).execute();
    }

    public static Table<?> table(Collection c) {
        return org.jooq.impl.DSL.table(name(c.name()));
    }

    /** A record from a row of the collection's table (columns by field name). */
    public static Record toRecord(Collection c, Map<String, Object> row) {
        LinkedHashMap<String, Object> values = LinkedHashMap.newLinkedHashMap(c.fields().size());
        for (Field f : c.fields()) {
            values.put(f.name(), fromColumn(f, row.get(f.name())));
        }
        return Record.adopt(c, values);
    }

    /** The Java value of a stored column value, per the conventions of {@link Record}. */
    public static Object fromColumn(Field f, Object stored) {
        return switch (f) {
            case NumberField n -> stored instanceof Number num ? num.doubleValue() : parseDouble(stored);
            case BoolField b -> stored instanceof Boolean bool ? bool
                    : stored instanceof Number num ? num.intValue() != 0
                    : "true".equalsIgnoreCase(String.valueOf(stored)) || "1".equals(String.valueOf(stored));
            case JsonField j -> stored == null ? NullNode.getInstance() : parseJson(stored.toString());
            case GeoPointField g -> stored == null ? parseJson("{\"lon\":0,\"lat\":0}") : parseJson(stored.toString());
            default -> {
                if (f.isMultiple()) {
                    yield parseList(stored);
                }
                yield stored == null ? "" : stored.toString();
            }
        };
    }

    /** The column value of a Java value. */
    public static Object toColumn(Field f, Object value) {
        if (value instanceof JsonNode node) {
            return node.isNull() || node.isMissingNode() ? null : node.toString();
        }
        if (value instanceof List<?> list) {
            try {
                return JSON.writeValueAsString(list);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
        return value;
    }

    private static double parseDouble(Object stored) {
        if (stored == null) {
            return 0d;
        }
        try {
            return Double.parseDouble(stored.toString());
        } catch (NumberFormatException e) {
            return 0d;
        }
    }

    private static JsonNode parseJson(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            // Stored by something other than Basalt: keep the text as a JSON string.
            return JSON.getNodeFactory().textNode(text);
        }
    }

    /**
     * The items of a JSON array of plain strings ({@code ["a","b"]}, what Basalt stores for
     * multi-value fields) without a JSON parser; null for anything else (escapes, numbers, nulls,
     * malformed text), which the parser then reads.
     */
    static List<String> simpleStrings(String text) {
        int end = text.length() - 1;
        if (end < 1 || text.charAt(end) != ']' || text.indexOf('\\') >= 0) {
            return null;
        }
        List<String> out = new ArrayList<>(4);
        int i = skipSpaces(text, 1, end);
        if (i == end) {
            return List.of();
        }
        while (true) {
            if (text.charAt(i) != '"') {
                return null;
            }
            int close = text.indexOf('"', i + 1);
            if (close < 0 || close >= end) {
                return null;
            }
            out.add(text.substring(i + 1, close));
            i = skipSpaces(text, close + 1, end);
            if (i == end) {
                return List.copyOf(out);
            }
            if (text.charAt(i) != ',') {
                return null;
            }
            i = skipSpaces(text, i + 1, end);
            if (i == end) {
                return null;
            }
        }
    }

    private static int skipSpaces(String text, int from, int end) {
        int i = from;
        while (i < end && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return i;
    }

    private static List<String> parseList(Object stored) {
        if (stored == null) {
            return List.of();
        }
        String text = stored.toString().strip();
        if (text.isEmpty()) {
            return List.of();
        }
        if (!text.startsWith("[")) {
            return List.of(text);
        }
        List<String> simple = simpleStrings(text);
        if (simple != null) {
            return simple;
        }
        try {
            List<String> out = new ArrayList<>();
            for (Object o : JSON.readValue(text, LIST)) {
                if (o != null) {
                    out.add(o.toString());
                }
            }
            return List.copyOf(out);
        } catch (JsonProcessingException e) {
            return List.of();
        }
    }
}
