package dev.basalt.collections.fields;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** A datetime the server sets on create and/or update; never writable by clients. */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"id", "name", "system", "hidden", "presentable"})
public record AutodateField(
        String id,
        String name,
        boolean system,
        boolean hidden,
        boolean presentable,
        boolean onCreate,
        boolean onUpdate) implements Field {

    public AutodateField {
        id = id == null ? "" : id;
        name = name == null ? "" : name;
    }

    @Override
    public AutodateField withName(String name) {
        return new AutodateField(id, name, system, hidden, presentable, onCreate, onUpdate);
    }

    @Override
    public AutodateField withId(String id) {
        return new AutodateField(id, name, system, hidden, presentable, onCreate, onUpdate);
    }
}
