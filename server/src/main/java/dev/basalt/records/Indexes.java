package dev.basalt.records;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the index definitions of a collection (PocketBase keeps them as CREATE INDEX statements). */
final class Indexes {

    private static final Pattern COLUMNS = Pattern.compile("\\(([^()]*)\\)\\s*(WHERE.*)?$",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

    private Indexes() {}

    /** Whether one of the indexes is a UNIQUE index on exactly this column (no partial WHERE). */
    static boolean hasSingleColumnUnique(List<String> indexes, String column) {
        for (String sql : indexes) {
            if (!sql.toUpperCase(Locale.ROOT).contains("UNIQUE")) {
                continue;
            }
            Matcher m = COLUMNS.matcher(sql.strip());
            if (!m.find() || m.group(2) != null) {
                continue;
            }
            String[] cols = m.group(1).split(",");
            if (cols.length != 1) {
                continue;
            }
            String c = cols[0].strip().split("\\s+")[0].replaceAll("[`\"\\[\\]]", "");
            if (c.equalsIgnoreCase(column)) {
                return true;
            }
        }
        return false;
    }
}
