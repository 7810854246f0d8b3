package dev.basalt.collections.fields;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** A text field: length in characters, optional pattern, and a pattern to generate empty values from. */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"id", "name", "system", "hidden", "presentable"})
public record TextField(
        String id,
        String name,
        boolean system,
        boolean hidden,
        boolean presentable,
        boolean required,
        String help,
        int min,
        int max,
        String pattern,
        String autogeneratePattern,
        boolean primaryKey) implements Field {

    public TextField {
        id = id == null ? "" : id;
        name = name == null ? "" : name;
        help = help == null ? "" : help;
        pattern = pattern == null ? "" : pattern;
        autogeneratePattern = autogeneratePattern == null ? "" : autogeneratePattern;
    }

    @Override
    public TextField withName(String name) {
        return new TextField(id, name, system, hidden, presentable, required, help, min, max, pattern, autogeneratePattern, primaryKey);
    }

    @Override
    public TextField withId(String id) {
        return new TextField(id, name, system, hidden, presentable, required, help, min, max, pattern, autogeneratePattern, primaryKey);
    }
}
