package dev.basalt.records;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the {@code CREATE INDEX} statements of a collection's {@code indexes}. */
final class UniqueIndexes {

    private static final Pattern CREATE_INDEX = Pattern.compile(
            "create\\s+(unique\\s+)?\\s*index\\s*(if\\s+not\\s+exists\\s+)?(\\S*)\\s+on\\s+(\\S*)\\s*\\(([\\s\\S]*)\\)(?:\\s*where\\s+([\\s\\S]*))?",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern COLUMN = Pattern.compile(
            "^([\\s\\S]+?)(?:\\s+collate\\s+\\w+)?(?:\\s+(?:asc|desc))?$", Pattern.CASE_INSENSITIVE);
    private static final String QUOTES_AND_SPACE = "`\"'[] \t\r\n\f\u000b";

    private UniqueIndexes() {}

    /**
     * Whether one of the statements is a UNIQUE index on exactly this column (a partial index's
     * WHERE clause is ignored, as PocketBase does).
     */
    static boolean hasSingleColumn(List<String> indexes, String column) {
        for (String index : indexes) {
            Matcher m = CREATE_INDEX.matcher(index);
            if (!m.find() || m.group(1) == null) {
                continue;
            }
            List<String> columns = columns(m.group(5));
            if (columns.size() == 1 && columns.getFirst().equalsIgnoreCase(column)) {
                return true;
            }
        }
        return false;
    }

    private static List<String> columns(String list) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        StringBuilder current = new StringBuilder();
        for (char ch : list.toCharArray()) {
            if (ch == '(') {
                depth++;
            } else if (ch == ')' && depth > 0) {
                depth--;
            }
            if (ch == ',' && depth == 0) {
                addColumn(out, current.toString());
                current.setLength(0);
            } else {
                current.append(ch);
            }
        }
        addColumn(out, current.toString());
        return out;
    }

    private static void addColumn(List<String> out, String raw) {
        Matcher m = COLUMN.matcher(raw.strip());
        if (m.matches()) {
            String name = trim(m.group(1));
            if (!name.isEmpty()) {
                out.add(name);
            }
        }
    }

    private static String trim(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && QUOTES_AND_SPACE.indexOf(s.charAt(start)) >= 0) {
            start++;
        }
        while (end > start && QUOTES_AND_SPACE.indexOf(s.charAt(end - 1)) >= 0) {
            end--;
        }
        return s.substring(start, end);
    }
}
