package dev.basalt.records;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.basalt.collections.Timestamps;
import dev.basalt.collections.fields.AutodateField;
import dev.basalt.collections.fields.BoolField;
import dev.basalt.collections.fields.DateField;
import dev.basalt.collections.fields.EditorField;
import dev.basalt.collections.fields.EmailField;
import dev.basalt.collections.fields.Field;
import dev.basalt.collections.fields.FileField;
import dev.basalt.collections.fields.GeoPointField;
import dev.basalt.collections.fields.JsonField;
import dev.basalt.collections.fields.NumberField;
import dev.basalt.collections.fields.PasswordField;
import dev.basalt.collections.fields.RelationField;
import dev.basalt.collections.fields.SelectField;
import dev.basalt.collections.fields.TextField;
import dev.basalt.collections.fields.UrlField;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Write-time coercion of submitted values into the Java types of {@link Record}, as PocketBase's
 * {@code PrepareValue} does: lenient casts that never fail by themselves (an unparsable number is
 * 0, an unparsable date is empty); the validator then judges the result.
 */
final class FieldValues {

    private FieldValues() {}

    /** The empty value of a field (§1.6). */
    static Object empty(Field f) {
        return switch (f) {
            case NumberField n -> 0d;
            case BoolField b -> false;
            case JsonField j -> NullNode.getInstance();
            case GeoPointField g -> RecordRepository.JSON.createObjectNode().put("lon", 0d).put("lat", 0d);
            default -> f.isMultiple() ? List.of() : "";
        };
    }

    /** The stored form of a submitted value. */
    static Object prepare(Field f, Object raw) {
        return switch (f) {
            case NumberField n -> toNumber(raw);
            case BoolField b -> toBool(raw);
            case DateField d -> toDate(raw);
            case AutodateField a -> toDate(raw);
            case JsonField j -> toJson(raw);
            case GeoPointField g -> toJson(raw);
            case SelectField s -> single(f, uniqueStrings(raw));
            case RelationField r -> single(f, uniqueStrings(raw));
            case FileField x -> single(f, uniqueStrings(raw));
            case TextField t -> text(raw);
            case EditorField e -> text(raw);
            case EmailField e -> text(raw);
            case UrlField u -> text(raw);
            case PasswordField p -> text(raw);
        };
    }

    // PocketBase compat: a single select/relation/file keeps the last submitted value.
    private static Object single(Field f, List<String> values) {
        if (f.isMultiple()) {
            return values;
        }
        return values.isEmpty() ? "" : values.getLast();
    }

    /** Text-like values: strings as they are, numbers and booleans printed, anything else empty. */
    static String text(Object raw) {
        return switch (raw) {
            case null -> "";
            case String s -> s;
            case Double d -> formatNumber(d);
            case Float d -> formatNumber(d.doubleValue());
            case Number n -> n.toString();
            case Boolean b -> b.toString();
            case JsonNode node -> node.isValueNode() ? node.asText() : "";
            default -> "";
        };
    }

    private static String formatNumber(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            return Double.toString(d);
        }
        return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }

    static double toNumber(Object raw) {
        return switch (raw) {
            case null -> 0d;
            case Number n -> n.doubleValue();
            case Boolean b -> b ? 1d : 0d;
            case String s -> parseNumber(s.strip());
            default -> 0d;
        };
    }

    private static double parseNumber(String s) {
        String lower = s.toLowerCase(Locale.ROOT);
        // Go's ParseFloat spells infinity "inf"; Java's "Infinity". Both reach the NaN/Inf check.
        if (lower.equals("inf") || lower.equals("+inf") || lower.equals("infinity") || lower.equals("+infinity")) {
            return Double.POSITIVE_INFINITY;
        }
        if (lower.equals("-inf") || lower.equals("-infinity")) {
            return Double.NEGATIVE_INFINITY;
        }
        if (lower.equals("nan")) {
            return Double.NaN;
        }
        if (s.isEmpty() || !s.matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?")) {
            return 0d;
        }
        return Double.parseDouble(s);
    }

    static boolean toBool(Object raw) {
        return switch (raw) {
            case null -> false;
            case Boolean b -> b;
            case Number n -> n.doubleValue() != 0;
            case String s -> switch (s.strip()) {
                case "1", "t", "T", "true", "TRUE", "True" -> true;
                default -> false;
            };
            default -> false;
        };
    }

    /** A datetime in the wire format, or {@code ""} when the value is empty or not a date. */
    static String toDate(Object raw) {
        return switch (raw) {
            case null -> "";
            case Number n -> Timestamps.format(Instant.ofEpochMilli(Math.round(n.doubleValue() * 1000)));
            case String s -> parseDate(s.strip()).map(Timestamps::format).orElse("");
            default -> "";
        };
    }

    /** Parses the wire layout, RFC 3339, {@code YYYY-MM-DD[ HH:MM[:SS[.sss]]]} (UTC) and unix seconds. */
    static Optional<Instant> parseDate(String s) {
        if (s.isEmpty()) {
            return Optional.empty();
        }
        if (s.matches("-?\\d{1,12}")) {
            return Optional.of(Instant.ofEpochSecond(Long.parseLong(s)));
        }
        String iso = s.length() > 10 && s.charAt(10) == ' ' ? s.substring(0, 10) + "T" + s.substring(11) : s;
        iso = iso.replace(" ", "");
        try {
            return Optional.of(OffsetDateTime.parse(iso).toInstant());
        } catch (DateTimeParseException ignoredOffset) {
            // no zone: try a local datetime, then a bare date, both read as UTC
        }
        try {
            return Optional.of(LocalDateTime.parse(iso).toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException ignoredLocal) {
            // not a local datetime either
        }
        try {
            return Optional.of(LocalDate.parse(iso).atStartOfDay().toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /**
     * A JSON value. Strings that already are JSON (start with a digit, {@code -}, {@code "},
     * {@code [} or {@code {} and parse, or are {@code null/true/false}) are kept raw; any other string
     * becomes a JSON string.
     */
    static JsonNode toJson(Object raw) {
        if (raw == null) {
            return NullNode.getInstance();
        }
        if (raw instanceof JsonNode node) {
            return node;
        }
        if (raw instanceof String s) {
            String trimmed = s.strip();
            if (looksLikeJson(trimmed)) {
                try {
                    return RecordRepository.JSON.readTree(trimmed);
                } catch (JsonProcessingException e) {
                    // not JSON after all: stored as a string below
                }
            }
            return RecordRepository.JSON.getNodeFactory().textNode(s);
        }
        return RecordRepository.JSON.valueToTree(raw);
    }

    private static boolean looksLikeJson(String s) {
        if (s.equals("null") || s.equals("true") || s.equals("false")) {
            return true;
        }
        if (s.isEmpty()) {
            return false;
        }
        char c = s.charAt(0);
        return Character.isDigit(c) || c == '-' || c == '"' || c == '[' || c == '{';
    }

    /**
     * The distinct non-empty strings of a value: a list, a JSON array in a string, or one string
     * (PocketBase's {@code list.ToUniqueStringSlice}).
     */
    static List<String> uniqueStrings(Object raw) {
        List<?> items = switch (raw) {
            case null -> List.of();
            case List<?> list -> list;
            case JsonNode node when node.isArray() -> RecordRepository.JSON.convertValue(node, List.class);
            case String s when s.contains("[") -> parseArray(s);
            case Map<?, ?> m -> List.of();
            default -> List.of(raw);
        };
        LinkedHashSet<String> out = new LinkedHashSet<>();
        for (Object item : items) {
            if (item instanceof List<?> || item instanceof Map<?, ?>) {
                continue;
            }
            String s = text(item);
            if (!s.isEmpty()) {
                out.add(s);
            }
        }
        return List.copyOf(out);
    }

    private static List<?> parseArray(String s) {
        try {
            JsonNode node = RecordRepository.JSON.readTree(s);
            if (node != null && node.isArray()) {
                return RecordRepository.JSON.convertValue(node, List.class);
            }
        } catch (JsonProcessingException e) {
            // not a JSON array: the string is one value
        }
        return List.of(s);
    }

    /** Values of {@code current} without those in {@code removed}. */
    static List<String> subtract(List<String> current, List<String> removed) {
        List<String> out = new ArrayList<>(current);
        out.removeAll(removed);
        return out;
    }
}
