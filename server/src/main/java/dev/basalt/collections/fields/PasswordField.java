package dev.basalt.collections.fields;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** A bcrypt-hashed password of an auth collection; never serialised with a record. */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"id", "name", "system", "hidden", "presentable"})
public record PasswordField(
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
        int cost) implements Field {

    public PasswordField {
        id = id == null ? "" : id;
        name = name == null ? "" : name;
        help = help == null ? "" : help;
        pattern = pattern == null ? "" : pattern;
    }

    @Override
    public PasswordField withName(String name) {
        return new PasswordField(id, name, system, hidden, presentable, required, help, min, max, pattern, cost);
    }

    @Override
    public PasswordField withId(String id) {
        return new PasswordField(id, name, system, hidden, presentable, required, help, min, max, pattern, cost);
    }
}
