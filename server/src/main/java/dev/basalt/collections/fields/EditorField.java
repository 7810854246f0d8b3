package dev.basalt.collections.fields;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** Rich text (HTML); {@code maxSize} in bytes, 0 means 5 MiB. */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"id", "name", "system", "hidden", "presentable"})
public record EditorField(
        String id,
        String name,
        boolean system,
        boolean hidden,
        boolean presentable,
        boolean required,
        String help,
        long maxSize,
        boolean convertURLs) implements Field {

    public EditorField {
        id = id == null ? "" : id;
        name = name == null ? "" : name;
        help = help == null ? "" : help;
    }

    @Override
    public EditorField withName(String name) {
        return new EditorField(id, name, system, hidden, presentable, required, help, maxSize, convertURLs);
    }

    @Override
    public EditorField withId(String id) {
        return new EditorField(id, name, system, hidden, presentable, required, help, maxSize, convertURLs);
    }
}
