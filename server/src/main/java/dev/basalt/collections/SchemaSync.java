package dev.basalt.collections;

import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.name;

import dev.basalt.collections.fields.AutodateField;
import dev.basalt.collections.fields.BoolField;
import dev.basalt.collections.fields.DateField;
import dev.basalt.collections.fields.EditorField;
import dev.basalt.collections.fields.EmailField;
import dev.basalt.collections.fields.Field;
import dev.basalt.collections.fields.FileField;
import dev.basalt.collections.fields.GeoPointField;
import dev.basalt.collections.fields.JsonField;
import dev.basalt.collections.fields.NumberField;
import dev.basalt.collections.fields.PasswordField;
import dev.basalt.collections.fields.RelationField;
import dev.basalt.collections.fields.SelectField;
import dev.basalt.collections.fields.TextField;
import dev.basalt.collections.fields.UrlField;
import dev.basalt.store.ColumnKind;
import dev.basalt.store.Dialect;
import org.jooq.DSLContext;
import org.jooq.DataType;

/**
 * Keeps a collection's table in step with its model: the table is named after the collection and
 * has one column per field. Identifiers come only from the validated model.
 */
final class SchemaSync {

    private final Dialect dialect;

    SchemaSync(Dialect dialect) {
        this.dialect = dialect;
    }

    void createTable(DSLContext dsl, Collection c) {
        var create = dsl.createTable(name(c.name()));
        for (Field f : c.fields()) {
            create = create.column(name(f.name()), columnType(f));
        }
        create.primaryKey(name("id")).execute();
    }

    void dropTable(DSLContext dsl, Collection c) {
        dsl.dropTableIfExists(name(c.name())).execute();
    }

    /** The storage class of a field's column. */
    static ColumnKind kindOf(Field f) {
        return switch (f) {
            case NumberField n -> ColumnKind.NUMBER;
            case BoolField b -> ColumnKind.BOOL;
            case JsonField j -> ColumnKind.JSON;
            case GeoPointField g -> ColumnKind.JSON;
            case SelectField s -> s.isMultiple() ? ColumnKind.JSON : ColumnKind.TEXT;
            case RelationField r -> r.isMultiple() ? ColumnKind.JSON : ColumnKind.TEXT;
            case FileField x -> x.isMultiple() ? ColumnKind.JSON : ColumnKind.TEXT;
            case TextField t -> ColumnKind.TEXT;
            case EditorField e -> ColumnKind.TEXT;
            case EmailField e -> ColumnKind.TEXT;
            case UrlField u -> ColumnKind.TEXT;
            case DateField d -> ColumnKind.TEXT;
            case AutodateField a -> ColumnKind.TEXT;
            case PasswordField p -> ColumnKind.TEXT;
        };
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private DataType<?> columnType(Field f) {
        DataType type = dialect.columnType(kindOf(f));
        return switch (f) {
            case JsonField j -> type.nullable(true);
            case NumberField n -> type.nullable(false).defaultValue(inline(0d));
            case BoolField b -> type.nullable(false).defaultValue(inline(false));
            case GeoPointField g -> type.nullable(false).defaultValue(inline("{\"lon\":0,\"lat\":0}"));
            default -> f.isMultiple()
                    ? type.nullable(false).defaultValue(inline("[]"))
                    : type.nullable(false).defaultValue(inline(""));
        };
    }
}
