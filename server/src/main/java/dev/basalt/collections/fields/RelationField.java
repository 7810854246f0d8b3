package dev.basalt.collections.fields;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** Ids of records in another collection; {@code maxSelect} above 1 makes it multiple. */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"id", "name", "system", "hidden", "presentable"})
public record RelationField(
        String id,
        String name,
        boolean system,
        boolean hidden,
        boolean presentable,
        boolean required,
        String help,
        String collectionId,
        boolean cascadeDelete,
        int minSelect,
        int maxSelect) implements Field {

    public RelationField {
        id = id == null ? "" : id;
        name = name == null ? "" : name;
        help = help == null ? "" : help;
        collectionId = collectionId == null ? "" : collectionId;
    }

    @Override
    public RelationField withName(String name) {
        return new RelationField(id, name, system, hidden, presentable, required, help, collectionId, cascadeDelete, minSelect, maxSelect);
    }

    @Override
    public RelationField withId(String id) {
        return new RelationField(id, name, system, hidden, presentable, required, help, collectionId, cascadeDelete, minSelect, maxSelect);
    }
}
