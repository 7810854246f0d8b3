package dev.basalt.collections.fields;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/** A URL, optionally limited to or excluding hosts. */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"id", "name", "system", "hidden", "presentable"})
public record UrlField(
        String id,
        String name,
        boolean system,
        boolean hidden,
        boolean presentable,
        boolean required,
        String help,
        List<String> exceptDomains,
        List<String> onlyDomains) implements Field {

    public UrlField {
        id = id == null ? "" : id;
        name = name == null ? "" : name;
        help = help == null ? "" : help;
        exceptDomains = exceptDomains == null ? List.of() : List.copyOf(exceptDomains);
        onlyDomains = onlyDomains == null ? List.of() : List.copyOf(onlyDomains);
    }

    @Override
    public UrlField withName(String name) {
        return new UrlField(id, name, system, hidden, presentable, required, help, exceptDomains, onlyDomains);
    }

    @Override
    public UrlField withId(String id) {
        return new UrlField(id, name, system, hidden, presentable, required, help, exceptDomains, onlyDomains);
    }
}
