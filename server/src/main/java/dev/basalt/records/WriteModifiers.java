package dev.basalt.records;

import dev.basalt.collections.Collection;
import dev.basalt.collections.fields.AutodateField;
import dev.basalt.collections.fields.Field;
import dev.basalt.collections.fields.FileField;
import dev.basalt.collections.fields.NumberField;
import dev.basalt.collections.fields.PasswordField;
import dev.basalt.collections.fields.RelationField;
import dev.basalt.collections.fields.SelectField;
import dev.basalt.collections.fields.TextField;
import dev.basalt.error.FieldError;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Applies a create/update body to a record: plain keys set a field, modifier keys ({@code n+},
 * {@code n-}, {@code tags+}, {@code +tags}, {@code tags-}, {@code slug:autogenerate}) change the
 * current value. Keys are applied shortest first, so {@code n}, {@code n+} and {@code n-} compose.
 * Unknown keys, autodate and password fields and (for non-superusers) hidden fields are ignored.
 */
final class WriteModifiers {

    private static final String AUTOGENERATE = ":autogenerate";

    private enum Op { SET, ADD, PREPEND, SUBTRACT, AUTOGENERATE }

    private record Target(Field field, Op op) {}

    /**
     * @param record  the record before the write (stored values, or empty values for a create)
     * @param body    the submitted keys and values
     * @param changed the resolved value of every field the body touched, as rules see {@code @request.body}
     * @param errors  values that cannot be accepted at all (file values outside multipart)
     */
    record Result(Record record, Map<String, Object> changed, Map<String, FieldError> errors) {}

    private WriteModifiers() {}

    static Result apply(Record record, Map<String, Object> body, boolean superuser) {
        Collection c = record.collection();
        List<String> keys = new ArrayList<>(body.keySet());
        keys.sort(Comparator.comparingInt(String::length));
        Map<String, Object> values = new LinkedHashMap<>(record.values());
        Map<String, Object> changed = new LinkedHashMap<>();
        Map<String, FieldError> errors = new LinkedHashMap<>();
        for (String key : keys) {
            Optional<Target> target = target(c, key);
            if (target.isEmpty()) {
                continue;
            }
            Field f = target.get().field();
            // Passwords are plain text in a body and a hash in the record: RecordService hashes them.
            if (f instanceof AutodateField || f instanceof PasswordField || (f.hidden() && !superuser)) {
                continue;
            }
            Object raw = body.get(key);
            if (f instanceof FileField && rejectsFile(target.get().op(), raw)) {
                errors.put(f.name(), new FieldError("validation_invalid_file",
                        "Files can only be uploaded with a multipart/form-data request."));
                continue;
            }
            try {
                values.put(f.name(), resolve(f, target.get().op(), values.get(f.name()), raw));
            } catch (IllegalArgumentException e) {
                errors.put(f.name(), FieldError.invalid("Invalid autogenerate pattern."));
                continue;
            }
            changed.put(f.name(), values.get(f.name()));
        }
        return new Result(new Record(c, values), changed, errors);
    }

    private static Optional<Target> target(Collection c, String key) {
        Optional<Field> exact = c.field(key);
        if (exact.isPresent()) {
            return Optional.of(new Target(exact.get(), Op.SET));
        }
        if (key.endsWith(AUTOGENERATE)) {
            return c.field(key.substring(0, key.length() - AUTOGENERATE.length()))
                    .filter(f -> f instanceof TextField)
                    .map(f -> new Target(f, Op.AUTOGENERATE));
        }
        if (key.length() < 2) {
            return Optional.empty();
        }
        if (key.startsWith("+")) {
            return c.field(key.substring(1)).filter(WriteModifiers::isList).map(f -> new Target(f, Op.PREPEND));
        }
        String base = key.substring(0, key.length() - 1);
        if (key.endsWith("+")) {
            return c.field(base).filter(f -> isList(f) || f instanceof NumberField).map(f -> new Target(f, Op.ADD));
        }
        if (key.endsWith("-")) {
            return c.field(base).filter(f -> isList(f) || f instanceof NumberField).map(f -> new Target(f, Op.SUBTRACT));
        }
        return Optional.empty();
    }

    private static boolean isList(Field f) {
        return f instanceof SelectField || f instanceof RelationField || f instanceof FileField;
    }

    // Uploads arrive with multipart bodies; a JSON body may only clear a file field or remove
    // stored names from it.
    private static boolean rejectsFile(Op op, Object raw) {
        return op != Op.SUBTRACT && !FieldValues.uniqueStrings(raw).isEmpty();
    }

    private static Object resolve(Field f, Op op, Object current, Object raw) {
        return switch (op) {
            case SET -> FieldValues.prepare(f, raw);
            case AUTOGENERATE -> {
                String pattern = ((TextField) f).autogeneratePattern();
                yield FieldValues.text(raw) + (pattern.isEmpty() ? "" : RandomPattern.generate(pattern));
            }
            case ADD -> f instanceof NumberField
                    ? FieldValues.toNumber(current) + FieldValues.toNumber(raw)
                    : FieldValues.prepare(f, concat(FieldValues.uniqueStrings(current), FieldValues.uniqueStrings(raw)));
            case PREPEND -> FieldValues.prepare(f, concat(FieldValues.uniqueStrings(raw), FieldValues.uniqueStrings(current)));
            case SUBTRACT -> f instanceof NumberField
                    ? FieldValues.toNumber(current) - FieldValues.toNumber(raw)
                    : FieldValues.prepare(f, FieldValues.subtract(FieldValues.uniqueStrings(current), FieldValues.uniqueStrings(raw)));
        };
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> out = new ArrayList<>(first);
        out.addAll(second);
        return out;
    }
}
