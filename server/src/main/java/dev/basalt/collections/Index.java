package dev.basalt.collections;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One entry of a collection's {@code indexes}: PocketBase keeps them as raw SQLite
 * {@code CREATE [UNIQUE] INDEX} statements; this is the parsed form the schema sync renders for
 * the dialect. The table named in the statement is ignored: an index always belongs to the
 * collection that lists it.
 *
 * @param where the partial-index condition as written, or {@code ""}
 */
public record Index(String name, boolean unique, String table, List<Column> columns, String where) {

    /**
     * One indexed column or expression.
     *
     * @param collate the collation ({@code NOCASE}, ...) or {@code ""}
     * @param sort {@code ASC}, {@code DESC} or {@code ""}
     */
    public record Column(String name, String collate, String sort) {

        /** Whether this is an expression such as {@code lower(name)} rather than a column name. */
        public boolean isExpression() {
            return name.contains("(") || name.contains(" ");
        }
    }

    private static final Pattern STATEMENT = Pattern.compile(
            "(?is)create\\s+(unique\\s+)?\\s*index\\s*(?:if\\s+not\\s+exists\\s+)?(\\S*)\\s+on\\s+(\\S*)\\s*\\((.*)\\)(?:\\s*where\\s+(.*))?");
    private static final Pattern COLUMN = Pattern.compile(
            "(?is)^(.+?)(?:\\s+collate\\s+(\\w+))?(?:\\s+(asc|desc))?$");
    private static final String TRIM = "`\"'[] \t\r\n\f";

    public Index {
        columns = List.copyOf(columns);
        where = where == null ? "" : where;
    }

    /**
     * Parses a {@code CREATE INDEX} statement the way PocketBase does (loosely, by pattern); empty
     * when it has no name, no table or no column.
     */
    public static Optional<Index> parse(String statement) {
        if (statement == null) {
            return Optional.empty();
        }
        Matcher m = STATEMENT.matcher(statement.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        String rawName = m.group(2);
        int dot = lastTopLevelDot(rawName);
        String name = trim(dot < 0 ? rawName : rawName.substring(dot + 1));
        String table = trim(m.group(3));
        List<Column> columns = new ArrayList<>();
        for (String raw : splitTopLevel(m.group(4))) {
            Matcher c = COLUMN.matcher(raw.strip());
            if (!c.matches()) {
                continue;
            }
            String colName = trim(c.group(1));
            if (colName.isEmpty()) {
                continue;
            }
            columns.add(new Column(colName, c.group(2) == null ? "" : c.group(2).strip(),
                    c.group(3) == null ? "" : c.group(3).toUpperCase(Locale.ROOT)));
        }
        String where = m.group(5) == null ? "" : m.group(5).strip();
        if (name.isEmpty() || table.isEmpty() || columns.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Index(name, unique(m.group(1)), table, columns, where));
    }

    /** Whether this is a UNIQUE index over exactly this one column (case-insensitive), ignoring WHERE. */
    public boolean isSingleColumnUnique(String column) {
        return unique && columns.size() == 1 && columns.getFirst().name().equalsIgnoreCase(column);
    }

    /** The same index on another table. */
    public Index onTable(String newTable) {
        return new Index(name, unique, newTable, columns, where);
    }

    /** The definition without the index name, to detect the same index listed twice. */
    String definitionKey() {
        StringBuilder b = new StringBuilder(unique ? "unique(" : "(");
        for (Column c : columns) {
            b.append(c.name().toLowerCase(Locale.ROOT)).append(' ').append(c.collate().toLowerCase(Locale.ROOT))
                    .append(' ').append(c.sort()).append(',');
        }
        return b.append(") ").append(where).toString();
    }

    /** The statement in PocketBase's canonical SQLite form (backtick-quoted identifiers). */
    public String toSql() {
        StringBuilder b = new StringBuilder("CREATE ");
        if (unique) {
            b.append("UNIQUE ");
        }
        b.append("INDEX `").append(name).append("` ON `").append(table).append("` (");
        for (int i = 0; i < columns.size(); i++) {
            Column c = columns.get(i);
            if (i > 0) {
                b.append(", ");
            }
            b.append(c.isExpression() ? c.name() : "`" + c.name() + "`");
            if (!c.collate().isEmpty()) {
                b.append(" COLLATE ").append(c.collate());
            }
            if (!c.sort().isEmpty()) {
                b.append(' ').append(c.sort());
            }
        }
        b.append(')');
        if (!where.isEmpty()) {
            b.append(" WHERE ").append(where);
        }
        return b.toString();
    }

    /**
     * SQL written for SQLite with its other identifier quotes ({@code `name`}, {@code [name]})
     * rewritten to the standard double quotes every dialect understands; string literals are
     * left alone.
     */
    public static String standardQuotes(String sql) {
        StringBuilder out = new StringBuilder(sql.length());
        int i = 0;
        while (i < sql.length()) {
            char ch = sql.charAt(i);
            if (ch == '\'') {
                int end = sql.indexOf('\'', i + 1);
                end = end < 0 ? sql.length() - 1 : end;
                out.append(sql, i, end + 1);
                i = end + 1;
            } else if (ch == '`' || ch == '[') {
                char close = ch == '[' ? ']' : '`';
                int end = sql.indexOf(close, i + 1);
                if (end < 0) {
                    out.append(sql.substring(i));
                    break;
                }
                out.append('"').append(sql, i + 1, end).append('"');
                i = end + 1;
            } else {
                out.append(ch);
                i++;
            }
        }
        return out.toString();
    }

    /** Finds the single-column unique index of a column among raw statements. */
    public static Optional<Index> findSingleColumnUnique(List<String> statements, String column) {
        for (String s : statements) {
            Optional<Index> idx = parse(s).filter(i -> i.isSingleColumnUnique(column));
            if (idx.isPresent()) {
                return idx;
            }
        }
        return Optional.empty();
    }

    private static boolean unique(String group) {
        return group != null && !group.isBlank();
    }

    private static String trim(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && TRIM.indexOf(s.charAt(start)) >= 0) {
            start++;
        }
        while (end > start && TRIM.indexOf(s.charAt(end - 1)) >= 0) {
            end--;
        }
        return s.substring(start, end);
    }

    private static int lastTopLevelDot(String s) {
        char quote = 0;
        int found = -1;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (quote != 0) {
                if (ch == quote) {
                    quote = 0;
                }
            } else if (ch == '`' || ch == '"' || ch == '\'' || ch == '[') {
                quote = ch == '[' ? ']' : ch;
            } else if (ch == '.') {
                found = i;
            }
        }
        return found;
    }

    /** Splits on commas that are outside parentheses and quotes. */
    private static List<String> splitTopLevel(String s) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        char quote = 0;
        StringBuilder current = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (quote != 0) {
                if (ch == quote) {
                    quote = 0;
                }
            } else if (ch == '`' || ch == '"' || ch == '\'' || ch == '[') {
                quote = ch == '[' ? ']' : ch;
            } else if (ch == '(') {
                depth++;
            } else if (ch == ')') {
                depth--;
            } else if (ch == ',' && depth == 0) {
                parts.add(current.toString());
                current.setLength(0);
                continue;
            }
            current.append(ch);
        }
        parts.add(current.toString());
        return parts;
    }
}
