package dev.basalt.collections.fields;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** A point {@code {lon, lat}}. */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"id", "name", "system", "hidden", "presentable"})
public record GeoPointField(
        String id,
        String name,
        boolean system,
        boolean hidden,
        boolean presentable,
        boolean required,
        String help) implements Field {

    public GeoPointField {
        id = id == null ? "" : id;
        name = name == null ? "" : name;
        help = help == null ? "" : help;
    }

    @Override
    public GeoPointField withName(String name) {
        return new GeoPointField(id, name, system, hidden, presentable, required, help);
    }

    @Override
    public GeoPointField withId(String id) {
        return new GeoPointField(id, name, system, hidden, presentable, required, help);
    }
}
