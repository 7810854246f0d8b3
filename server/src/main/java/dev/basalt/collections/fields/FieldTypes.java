package dev.basalt.collections.fields;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** The wire names of the field types. */
public final class FieldTypes {

    private static final Map<Class<?>, String> NAMES = Arrays.stream(
                    Field.class.getAnnotation(JsonSubTypes.class).value())
            .collect(Collectors.toUnmodifiableMap(JsonSubTypes.Type::value, JsonSubTypes.Type::name));

    public static final Set<String> ALL = Set.copyOf(NAMES.values());

    private FieldTypes() {}

    static String nameOf(Field field) {
        return NAMES.get(field.getClass());
    }
}
