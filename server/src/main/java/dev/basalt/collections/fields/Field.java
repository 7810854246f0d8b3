package dev.basalt.collections.fields;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * A field of a collection. The JSON shape is PocketBase's: common keys ({@code id, name, type,
 * system, hidden, presentable}) plus the options of the type, flattened.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type", visible = false)
@JsonSubTypes({
    @JsonSubTypes.Type(value = TextField.class, name = "text"),
    @JsonSubTypes.Type(value = EditorField.class, name = "editor"),
    @JsonSubTypes.Type(value = NumberField.class, name = "number"),
    @JsonSubTypes.Type(value = BoolField.class, name = "bool"),
    @JsonSubTypes.Type(value = EmailField.class, name = "email"),
    @JsonSubTypes.Type(value = UrlField.class, name = "url"),
    @JsonSubTypes.Type(value = DateField.class, name = "date"),
    @JsonSubTypes.Type(value = AutodateField.class, name = "autodate"),
    @JsonSubTypes.Type(value = SelectField.class, name = "select"),
    @JsonSubTypes.Type(value = JsonField.class, name = "json"),
    @JsonSubTypes.Type(value = RelationField.class, name = "relation"),
    @JsonSubTypes.Type(value = FileField.class, name = "file"),
    @JsonSubTypes.Type(value = PasswordField.class, name = "password"),
    @JsonSubTypes.Type(value = GeoPointField.class, name = "geoPoint"),
})
@JsonIgnoreProperties(ignoreUnknown = true)
public sealed interface Field
        permits TextField, EditorField, NumberField, BoolField, EmailField, UrlField, DateField,
                AutodateField, SelectField, JsonField, RelationField, FileField, PasswordField, GeoPointField {

    String id();

    String name();

    boolean system();

    boolean hidden();

    boolean presentable();

    /** The wire name of the type ({@code text}, {@code number}, ...). */
    default String type() {
        return FieldTypes.nameOf(this);
    }

    /** Whether the stored value is a list (multi select, multi relation, multi file). */
    @JsonIgnore
    default boolean isMultiple() {
        return switch (this) {
            case SelectField s -> s.maxSelect() > 1;
            case RelationField r -> r.maxSelect() > 1;
            case FileField f -> f.maxSelect() > 1;
            default -> false;
        };
    }

    /** The storage class of the field's column. */
    @JsonIgnore
    default dev.basalt.store.ColumnKind columnKind() {
        return switch (this) {
            case NumberField n -> dev.basalt.store.ColumnKind.NUMBER;
            case BoolField b -> dev.basalt.store.ColumnKind.BOOL;
            case JsonField j -> dev.basalt.store.ColumnKind.JSON;
            case GeoPointField g -> dev.basalt.store.ColumnKind.JSON;
            default -> isMultiple() ? dev.basalt.store.ColumnKind.JSON : dev.basalt.store.ColumnKind.TEXT;
        };
    }

    /** A copy of this field under another name. */
    Field withName(String name);

    /** A copy of this field with another id. */
    Field withId(String id);
}
