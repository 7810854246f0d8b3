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
import dev.basalt.files.FileNames;
import dev.basalt.files.FileUpload;
import java.io.IOException;
import java.io.UncheckedIOException;
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
     * @param errors  values that cannot be accepted at all
     * @param uploads the new files the record keeps, by the stored name given to each (that name
     *                is in the record's file field)
     */
    record Result(Record record, Map<String, Object> changed, Map<String, FieldError> errors,
            Map<String, FileUpload> uploads) {}

    private WriteModifiers() {}

    static Result apply(Record record, Map<String, Object> body, boolean superuser) {
        Collection c = record.collection();
        List<String> keys = new ArrayList<>(body.keySet());
        keys.sort(Comparator.comparingInt(String::length));
        Map<String, Object> values = new LinkedHashMap<>(record.values());
        Map<String, Object> changed = new LinkedHashMap<>();
        Map<String, FieldError> errors = new LinkedHashMap<>();
        Map<String, FileUpload> uploads = new LinkedHashMap<>();
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
            Object raw = f instanceof FileField ? named(body.get(key), uploads) : body.get(key);
            try {
                values.put(f.name(), resolve(f, target.get().op(), values.get(f.name()), raw));
            } catch (IllegalArgumentException e) {
                errors.put(f.name(), FieldError.invalid("Invalid autogenerate pattern."));
                continue;
            }
            changed.put(f.name(), values.get(f.name()));
        }
        Record out = new Record(c, values);
        return new Result(out, changed, errors, kept(out, uploads));
    }

    /**
     * A file field's submitted value with every upload replaced by the name it will be stored
     * under; the uploads are remembered by that name. Text values stay: they name stored files.
     */
    private static Object named(Object raw, Map<String, FileUpload> uploads) {
        if (raw instanceof FileUpload upload) {
            return name(upload, uploads);
        }
        if (!(raw instanceof List<?> list)) {
            return raw;
        }
        List<Object> out = new ArrayList<>(list.size());
        for (Object item : list) {
            out.add(item instanceof FileUpload upload ? name(upload, uploads) : item);
        }
        return out;
    }

    private static String name(FileUpload upload, Map<String, FileUpload> uploads) {
        try {
            String name = FileNames.of(upload);
            uploads.put(name, upload);
            return name;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the upload " + upload.originalName(), e);
        }
    }

    /** The uploads the record's file fields still hold (a single file field keeps only the last one). */
    private static Map<String, FileUpload> kept(Record record, Map<String, FileUpload> uploads) {
        if (uploads.isEmpty()) {
            return Map.of();
        }
        Map<String, FileUpload> out = new LinkedHashMap<>();
        for (Field f : record.collection().fields()) {
            if (f instanceof FileField) {
                for (String name : FieldValues.uniqueStrings(record.get(f.name()))) {
                    if (uploads.containsKey(name)) {
                        out.put(name, uploads.get(name));
                    }
                }
            }
        }
        return out;
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
