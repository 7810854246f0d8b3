package dev.basalt.records;

import dev.basalt.collections.Collection;
import dev.basalt.error.ApiException;
import dev.basalt.error.FieldError;
import dev.basalt.store.Dialect;
import dev.basalt.store.UniqueViolation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jooq.exception.DataAccessException;

/**
 * Turns a write that breaks one of a collection's unique indexes into field errors
 * ({@code validation_not_unique} on every field of the index) instead of a server error.
 */
final class UniqueIndexes {

    private static final Pattern INDEX = Pattern.compile(
            "(?is)^\\s*CREATE\\s+(UNIQUE\\s+)?INDEX\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?[`\"\\[]?([\\w]+)[`\"\\]]?"
                    + "\\s+ON\\s+\\S+\\s*\\((.*)\\)");
    private static final Pattern IDENTIFIER = Pattern.compile("^[`\"\\[]?(\\w+)");

    private final Dialect dialect;

    UniqueIndexes(Dialect dialect) {
        this.dialect = dialect;
    }

    /** Runs a write; a unique violation becomes a 400 with {@code message} and field errors. */
    void guard(String message, Collection c, Runnable write) {
        try {
            write.run();
        } catch (DataAccessException e) {
            Optional<UniqueViolation> violation = dialect.uniqueViolation(e);
            if (violation.isEmpty()) {
                throw e;
            }
            Map<String, FieldError> errors = new LinkedHashMap<>();
            for (String column : columns(c, violation.get())) {
                if (c.field(column).isPresent()) {
                    errors.put(column, new FieldError("validation_not_unique", "Value must be unique."));
                }
            }
            throw ApiException.badRequest(message, errors);
        }
    }

    private static List<String> columns(Collection c, UniqueViolation violation) {
        if (!violation.columns().isEmpty()) {
            return violation.columns();
        }
        for (String index : c.indexes()) {
            Matcher m = INDEX.matcher(index);
            if (m.find() && m.group(2).equalsIgnoreCase(violation.index())) {
                return indexColumns(m.group(3));
            }
        }
        return List.of();
    }

    /**
     * Whether one of the statements is a UNIQUE index on exactly this column (a partial index's
     * WHERE clause is ignored, as PocketBase does).
     */
    static boolean hasSingleColumn(List<String> indexes, String column) {
        for (String index : indexes) {
            Matcher m = INDEX.matcher(index);
            if (m.find() && m.group(1) != null) {
                List<String> columns = indexColumns(m.group(3));
                if (columns.size() == 1 && columns.getFirst().equalsIgnoreCase(column)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The leading identifier of each column expression of an index ({@code `slug` COLLATE NOCASE} → slug). */
    static List<String> indexColumns(String list) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        StringBuilder part = new StringBuilder();
        for (char ch : (list + ",").toCharArray()) {
            if (ch == ',' && depth == 0) {
                Matcher id = IDENTIFIER.matcher(part.toString().strip());
                if (id.find()) {
                    out.add(id.group(1));
                }
                part.setLength(0);
                continue;
            }
            depth += ch == '(' ? 1 : ch == ')' ? -1 : 0;
            part.append(ch);
        }
        return out;
    }
}
