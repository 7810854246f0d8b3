package dev.basalt.collections.fields;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/** An email address, optionally limited to or excluding domains. */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"id", "name", "system", "hidden", "presentable"})
public record EmailField(
        String id,
        String name,
        boolean system,
        boolean hidden,
        boolean presentable,
        boolean required,
        String help,
        List<String> exceptDomains,
        List<String> onlyDomains) implements Field {

    public EmailField {
        id = id == null ? "" : id;
        name = name == null ? "" : name;
        help = help == null ? "" : help;
        exceptDomains = exceptDomains == null ? List.of() : List.copyOf(exceptDomains);
        onlyDomains = onlyDomains == null ? List.of() : List.copyOf(onlyDomains);
    }

    @Override
    public EmailField withName(String name) {
        return new EmailField(id, name, system, hidden, presentable, required, help, exceptDomains, onlyDomains);
    }

    @Override
    public EmailField withId(String id) {
        return new EmailField(id, name, system, hidden, presentable, required, help, exceptDomains, onlyDomains);
    }
}
