package dev.basalt.collections.fields;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** A datetime stored as {@code YYYY-MM-DD HH:MM:SS.sssZ} text; optional bounds. */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"id", "name", "system", "hidden", "presentable"})
public record DateField(
        String id,
        String name,
        boolean system,
        boolean hidden,
        boolean presentable,
        boolean required,
        String help,
        String min,
        String max) implements Field {

    public DateField {
        id = id == null ? "" : id;
        name = name == null ? "" : name;
        help = help == null ? "" : help;
        min = min == null ? "" : min;
        max = max == null ? "" : max;
    }

    @Override
    public DateField withName(String name) {
        return new DateField(id, name, system, hidden, presentable, required, help, min, max);
    }

    @Override
    public DateField withId(String id) {
        return new DateField(id, name, system, hidden, presentable, required, help, min, max);
    }
}
