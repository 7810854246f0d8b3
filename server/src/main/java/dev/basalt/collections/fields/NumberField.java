package dev.basalt.collections.fields;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** A number (IEEE double); {@code min}/{@code max} are optional bounds. */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"id", "name", "system", "hidden", "presentable"})
public record NumberField(
        String id,
        String name,
        boolean system,
        boolean hidden,
        boolean presentable,
        boolean required,
        String help,
        Double min,
        Double max,
        boolean onlyInt) implements Field {

    public NumberField {
        id = id == null ? "" : id;
        name = name == null ? "" : name;
        help = help == null ? "" : help;
    }

    @Override
    public NumberField withName(String name) {
        return new NumberField(id, name, system, hidden, presentable, required, help, min, max, onlyInt);
    }

    @Override
    public NumberField withId(String id) {
        return new NumberField(id, name, system, hidden, presentable, required, help, min, max, onlyInt);
    }
}
