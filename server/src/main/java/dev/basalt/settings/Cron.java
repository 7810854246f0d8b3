package dev.basalt.settings;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Syntax of the 5-field cron expressions PocketBase accepts for automatic backups (minute, hour,
 * day of month, month, day of week; {@code *}, lists, ranges and steps) and its macros. Only
 * validation lives here; scheduling belongs to the jobs package.
 */
final class Cron {

    private static final Set<String> MACROS = Set.of("@yearly", "@annually", "@monthly", "@weekly", "@daily",
            "@midnight", "@hourly");
    private static final int[][] RANGES = {{0, 59}, {0, 23}, {1, 31}, {1, 12}, {0, 6}};
    private static final Pattern PART = Pattern.compile("^(\\*|(\\d+)(?:-(\\d+))?)(?:/(\\d+))?$");

    private Cron() {}

    static boolean isValid(String expression) {
        String e = expression.strip();
        if (MACROS.contains(e)) {
            return true;
        }
        String[] fields = e.split("\\s+");
        if (fields.length != 5) {
            return false;
        }
        for (int i = 0; i < 5; i++) {
            for (String part : fields[i].split(",", -1)) {
                if (!validPart(part, RANGES[i][0], RANGES[i][1])) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean validPart(String part, int min, int max) {
        Matcher m = PART.matcher(part);
        if (!m.matches()) {
            return false;
        }
        if (m.group(4) != null && (m.group(4).length() > 4 || Integer.parseInt(m.group(4)) == 0)) {
            return false;
        }
        if (m.group(2) == null) {
            return true;
        }
        if (m.group(2).length() > 4 || (m.group(3) != null && m.group(3).length() > 4)) {
            return false;
        }
        int from = Integer.parseInt(m.group(2));
        int to = m.group(3) == null ? from : Integer.parseInt(m.group(3));
        return from >= min && to <= max && from <= to;
    }
}
