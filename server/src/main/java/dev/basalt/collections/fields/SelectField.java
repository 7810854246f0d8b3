package dev.basalt.collections.fields;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/** One or more of a fixed list of values; {@code maxSelect} above 1 makes it multiple. */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"id", "name", "system", "hidden", "presentable"})
public record SelectField(
        String id,
        String name,
        boolean system,
        boolean hidden,
        boolean presentable,
        boolean required,
        String help,
        List<String> values,
        int maxSelect) implements Field {

    public SelectField {
        id = id == null ? "" : id;
        name = name == null ? "" : name;
        help = help == null ? "" : help;
        values = values == null ? List.of() : List.copyOf(values);
    }

    @Override
    public SelectField withName(String name) {
        return new SelectField(id, name, system, hidden, presentable, required, help, values, maxSelect);
    }

    @Override
    public SelectField withId(String id) {
        return new SelectField(id, name, system, hidden, presentable, required, help, values, maxSelect);
    }
}
