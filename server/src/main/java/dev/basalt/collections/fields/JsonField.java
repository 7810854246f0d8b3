package dev.basalt.collections.fields;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** Any JSON value; {@code maxSize} in bytes, 0 means 1 MiB. */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"id", "name", "system", "hidden", "presentable"})
public record JsonField(
        String id,
        String name,
        boolean system,
        boolean hidden,
        boolean presentable,
        boolean required,
        String help,
        long maxSize) implements Field {

    public JsonField {
        id = id == null ? "" : id;
        name = name == null ? "" : name;
        help = help == null ? "" : help;
    }

    @Override
    public JsonField withName(String name) {
        return new JsonField(id, name, system, hidden, presentable, required, help, maxSize);
    }

    @Override
    public JsonField withId(String id) {
        return new JsonField(id, name, system, hidden, presentable, required, help, maxSize);
    }
}
