package dev.basalt.collections.fields;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** A boolean; required means it must be true. */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"id", "name", "system", "hidden", "presentable"})
public record BoolField(
        String id,
        String name,
        boolean system,
        boolean hidden,
        boolean presentable,
        boolean required,
        String help) implements Field {

    public BoolField {
        id = id == null ? "" : id;
        name = name == null ? "" : name;
        help = help == null ? "" : help;
    }

    @Override
    public BoolField withName(String name) {
        return new BoolField(id, name, system, hidden, presentable, required, help);
    }

    @Override
    public BoolField withId(String id) {
        return new BoolField(id, name, system, hidden, presentable, required, help);
    }
}
