package dev.basalt.collections;

import static dev.basalt.collections.ValidationErrors.error;

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
import dev.basalt.error.FieldError;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** The settings checks of each field type (PocketBase's {@code Field.ValidateSettings}). */
final class FieldSettingsValidator {

    private static final Pattern NAME = Pattern.compile("^\\w+$");
    private static final Set<String> EXCLUDED_NAMES =
            Set.of("null", "true", "false", "_rowid_", "collectionId", "collectionName", "expand");
    private static final Pattern THUMB = Pattern.compile("^(\\d+)x(\\d+)(t|b|f)?$");
    private static final Set<String> ZERO_THUMBS = Set.of("0x0", "0x0t", "0x0b", "0x0f");
    private static final Pattern DOMAIN = Pattern.compile(
            "^(?=.{1,253}$)([a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?\\.)+[a-zA-Z]{2,63}$");
    private static final long MAX_SAFE_INT = (1L << 53) - 1;
    private static final int MAX_HELP = 300;
    private static final DateTimeFormatter WIRE_INPUT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss[.SSS]'Z'");

    private FieldSettingsValidator() {}

    /**
     * The errors of one field's settings, keyed by option name.
     *
     * @param oldField the stored field with the same id, when updating
     */
    static ValidationErrors validate(Field field, Collection collection, Optional<Field> oldField, Catalog catalog) {
        ValidationErrors e = new ValidationErrors();
        checkId(e, field.id());
        checkName(e, field.name());
        switch (field) {
            case TextField t -> text(e, t, collection);
            case NumberField n -> number(e, n);
            case SelectField s -> select(e, s);
            case RelationField r -> relation(e, r, collection, oldField, catalog);
            case FileField f -> file(e, f);
            case AutodateField a -> autodate(e, a, oldField);
            case JsonField j -> nonNegative(e, "maxSize", j.maxSize());
            case EditorField ed -> nonNegative(e, "maxSize", ed.maxSize());
            case DateField d -> date(e, d);
            case EmailField em -> domains(e, em.exceptDomains(), em.onlyDomains());
            case UrlField u -> domains(e, u.exceptDomains(), u.onlyDomains());
            case PasswordField p -> password(e, p);
            case BoolField b -> { }
            case GeoPointField g -> { }
        }
        help(field).ifPresent(h -> {
            if (h.length() > MAX_HELP) {
                e.add("help", error("validation_length_too_long", "The length must be no more than " + MAX_HELP + "."));
            }
        });
        return e;
    }

    private static Optional<String> help(Field f) {
        return switch (f) {
            case TextField t -> Optional.of(t.help());
            case NumberField n -> Optional.of(n.help());
            case SelectField s -> Optional.of(s.help());
            case RelationField r -> Optional.of(r.help());
            case FileField x -> Optional.of(x.help());
            case JsonField j -> Optional.of(j.help());
            case EditorField ed -> Optional.of(ed.help());
            case DateField d -> Optional.of(d.help());
            case EmailField em -> Optional.of(em.help());
            case UrlField u -> Optional.of(u.help());
            case PasswordField p -> Optional.of(p.help());
            case BoolField b -> Optional.of(b.help());
            case GeoPointField g -> Optional.of(g.help());
            case AutodateField a -> Optional.empty();
        };
    }

    private static void checkId(ValidationErrors e, String id) {
        if (id.isEmpty()) {
            e.add("id", FieldError.required());
        } else if (id.length() > 100) {
            e.add("id", lengthOutOfRange(1, 100));
        }
    }

    static void checkName(ValidationErrors e, String name) {
        if (name.isEmpty()) {
            e.add("name", FieldError.required());
        } else if (name.length() > 100) {
            e.add("name", lengthOutOfRange(1, 100));
        } else if (!NAME.matcher(name).matches()) {
            e.add("name", matchInvalid());
        } else if (EXCLUDED_NAMES.contains(name)) {
            e.add("name", error("validation_not_in_invalid", "Must not be in list."));
        } else if (name.toLowerCase(java.util.Locale.ROOT).contains("_via_")) {
            e.add("name", foundVia());
        }
    }

    private static void text(ValidationErrors e, TextField t, Collection collection) {
        if (t.primaryKey() && !e.has("name") && !t.name().equals("id")) {
            e.add("name", error("validation_in_invalid", "The primary key must be named \"id\"."));
        }
        if (t.primaryKey() && collection.fields().stream().filter(f -> f instanceof TextField x && x.primaryKey()).count() > 1) {
            e.add("primaryKey", error("validation_unsupported_composite_pk",
                    "Composite PKs are not supported and the collection must have only 1 PK."));
        }
        range(e, "min", t.min(), 0, MAX_SAFE_INT);
        if (t.max() != 0) {
            range(e, "max", t.max(), t.min(), MAX_SAFE_INT);
        }
        if (t.primaryKey() && t.pattern().isEmpty()) {
            e.add("pattern", FieldError.required());
        }
        regex(e, "pattern", t.pattern());
        if (t.primaryKey() && t.hidden()) {
            e.add("hidden", error("validation_empty", "Must be blank."));
        }
        if (t.primaryKey() && !t.required()) {
            e.add("required", FieldError.required());
        }
        regex(e, "autogeneratePattern", t.autogeneratePattern());
    }

    private static void number(ValidationErrors e, NumberField n) {
        if (n.onlyInt() && n.min() != null && !isInt(n.min())) {
            e.add("min", onlyInt());
        }
        if (n.onlyInt() && n.max() != null && !isInt(n.max())) {
            e.add("max", onlyInt());
        } else if (n.min() != null && n.max() != null && n.max() < n.min()) {
            e.add("max", error("validation_min_greater_equal_than_required", "Must be no less than " + plain(n.min()) + ".",
                    Map.of("threshold", n.min())));
        }
    }

    private static void select(ValidationErrors e, SelectField s) {
        if (s.values().isEmpty()) {
            e.add("values", FieldError.required());
        }
        range(e, "maxSelect", s.maxSelect(), 0, Math.max(s.values().size(), 1));
    }

    private static void relation(ValidationErrors e, RelationField r, Collection collection, Optional<Field> oldField,
            Catalog catalog) {
        String target = r.collectionId();
        if (target.isEmpty()) {
            e.add("collectionId", FieldError.required());
        } else if (oldField.orElse(null) instanceof RelationField old && !old.collectionId().equals(target)) {
            e.add("collectionId", error("validation_field_relation_change", "The relation collection cannot be changed."));
        } else if (!target.equals(collection.id())) {
            Optional<Collection> related = catalog.find(target).filter(c -> c.id().equals(target));
            if (related.isEmpty()) {
                e.add("collectionId", error("validation_field_relation_missing_collection",
                        "The relation collection doesn't exist."));
            } else if (!collection.isView() && related.get().isView()) {
                e.add("collectionId", error("validation_relation_field_non_view_base_collection",
                        "Only view collections are allowed to have relations to other views."));
            }
        }
        range(e, "minSelect", r.minSelect(), 0, Long.MAX_VALUE);
        if (r.minSelect() > 0 && r.maxSelect() == 0) {
            e.add("maxSelect", FieldError.required());
        } else if (r.maxSelect() != 0) {
            range(e, "maxSelect", r.maxSelect(), r.minSelect(), Long.MAX_VALUE);
        }
    }

    private static void file(ValidationErrors e, FileField f) {
        range(e, "maxSelect", f.maxSelect(), 0, MAX_SAFE_INT);
        range(e, "maxSize", f.maxSize(), 0, MAX_SAFE_INT);
        ValidationErrors thumbs = new ValidationErrors();
        for (int i = 0; i < f.thumbs().size(); i++) {
            String thumb = f.thumbs().get(i);
            if (ZERO_THUMBS.contains(thumb)) {
                thumbs.add(Integer.toString(i), error("validation_not_in_invalid", "Must not be in list."));
            } else if (!THUMB.matcher(thumb).matches()) {
                thumbs.add(Integer.toString(i), matchInvalid());
            }
        }
        e.add("thumbs", thumbs);
    }

    private static void autodate(ValidationErrors e, AutodateField a, Optional<Field> oldField) {
        if (a.system() && oldField.orElse(null) instanceof AutodateField old) {
            if (old.onCreate() != a.onCreate()) {
                e.add("onCreate", error("validation_values_mismatch", "Values don't match."));
            }
            if (old.onUpdate() != a.onUpdate()) {
                e.add("onUpdate", error("validation_values_mismatch", "Values don't match."));
            }
        }
        if (!a.onCreate() && !a.onUpdate()) {
            e.add("onCreate", error("validation_required", "Either onCreate or onUpdate must be enabled."));
            e.add("onUpdate", error("validation_required", "Either onCreate or onUpdate must be enabled."));
        }
    }

    private static void date(ValidationErrors e, DateField d) {
        Optional<Instant> min = parseDate(d.min());
        if (!d.min().isEmpty() && min.isEmpty()) {
            e.add("min", error("validation_date_invalid", "Must be a valid date."));
        }
        if (d.max().isEmpty()) {
            return;
        }
        Optional<Instant> max = parseDate(d.max());
        if (max.isEmpty()) {
            e.add("max", error("validation_date_invalid", "Must be a valid date."));
        } else if (min.isPresent() && max.get().isBefore(min.get())) {
            e.add("max", error("validation_date_out_of_range", "The date is out of range."));
        }
    }

    private static void domains(ValidationErrors e, List<String> except, List<String> only) {
        if (!except.isEmpty() && !only.isEmpty()) {
            e.add("exceptDomains", error("validation_empty", "Must be blank."));
            e.add("onlyDomains", error("validation_empty", "Must be blank."));
            return;
        }
        domainList(e, "exceptDomains", except);
        domainList(e, "onlyDomains", only);
    }

    private static void domainList(ValidationErrors e, String key, List<String> domains) {
        ValidationErrors each = new ValidationErrors();
        for (int i = 0; i < domains.size(); i++) {
            if (!DOMAIN.matcher(domains.get(i)).matches()) {
                each.add(Integer.toString(i), error("validation_is_domain", "Must be a valid domain."));
            }
        }
        e.add(key, each);
    }

    private static void password(ValidationErrors e, PasswordField p) {
        if (p.min() != 0) {
            range(e, "min", p.min(), 1, 71);
        }
        if (p.max() != 0) {
            range(e, "max", p.max(), p.min(), 71);
        }
        if (p.cost() != 0) {
            range(e, "cost", p.cost(), 4, 31);
        }
        regex(e, "pattern", p.pattern());
    }

    private static void nonNegative(ValidationErrors e, String key, long value) {
        range(e, key, value, 0, MAX_SAFE_INT);
    }

    private static void range(ValidationErrors e, String key, long value, long min, long max) {
        if (value < min) {
            e.add(key, error("validation_min_greater_equal_than_required", "Must be no less than " + min + ".",
                    Map.of("threshold", min)));
        } else if (value > max) {
            e.add(key, error("validation_max_less_equal_than_required", "Must be no greater than " + max + ".",
                    Map.of("threshold", max)));
        }
    }

    private static void regex(ValidationErrors e, String key, String pattern) {
        if (pattern.isEmpty()) {
            return;
        }
        try {
            Pattern.compile(pattern);
        } catch (PatternSyntaxException ex) {
            e.add(key, error("validation_invalid_regex", "Invalid regular expression: " + ex.getDescription() + "."));
        }
    }

    static Optional<Instant> parseDate(String value) {
        if (value.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDateTime.parse(value, WIRE_INPUT).toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException ignored) {
            // not the wire layout; try the other layouts PocketBase accepts below
        }
        try {
            return Optional.of(OffsetDateTime.parse(value).toInstant());
        } catch (DateTimeParseException ignored) {
            // not RFC 3339 either
        }
        try {
            return Optional.of(LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant());
        } catch (DateTimeParseException ex) {
            return Optional.empty();
        }
    }

    private static boolean isInt(double d) {
        return d == Math.rint(d) && !Double.isInfinite(d);
    }

    private static String plain(double d) {
        return isInt(d) ? Long.toString((long) d) : Double.toString(d);
    }

    private static FieldError onlyInt() {
        return error("validation_only_int_constraint", "Decimal numbers are not allowed.");
    }

    static FieldError lengthOutOfRange(int min, int max) {
        return error("validation_length_out_of_range", "The length must be between " + min + " and " + max + ".",
                Map.of("min", min, "max", max));
    }

    static FieldError matchInvalid() {
        return error("validation_match_invalid", "Must be in a valid format.");
    }

    static FieldError foundVia() {
        return error("validation_found_via", "The value cannot contain \"_via_\".");
    }
}
