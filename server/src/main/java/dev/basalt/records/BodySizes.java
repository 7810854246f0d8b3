package dev.basalt.records;

import dev.basalt.collections.Collection;
import dev.basalt.collections.fields.EditorField;
import dev.basalt.collections.fields.Field;
import dev.basalt.collections.fields.FileField;
import dev.basalt.collections.fields.JsonField;

/**
 * How many bytes a create or update body may carry for its collection beyond the default request
 * limit: PocketBase adds each field's own limit (a file field's {@code maxSize × maxSelect}, an
 * editor's and a json field's {@code maxSize}, each with its default when 0).
 */
public final class BodySizes {

    private BodySizes() {}

    /** The sum of the field limits of a collection; 0 for a view (it takes no writes). */
    public static long fieldLimits(Collection c) {
        if (c.isView()) {
            return 0;
        }
        long total = 0;
        for (Field f : c.fields()) {
            total = saturatedAdd(total, switch (f) {
                case FileField x -> saturatedMultiply(FileValidator.maxSize(x), FileValidator.maxSelect(x));
                case EditorField e -> e.maxSize() <= 0 ? RecordValidator.EDITOR_MAX_DEFAULT : e.maxSize();
                case JsonField j -> j.maxSize() <= 0 ? RecordValidator.JSON_MAX_DEFAULT : j.maxSize();
                default -> 0L;
            });
        }
        return total;
    }

    /** {@code a + b} for non-negative values, {@link Long#MAX_VALUE} instead of an overflow. */
    public static long saturatedAdd(long a, long b) {
        long sum = a + b;
        return sum < 0 ? Long.MAX_VALUE : sum;
    }

    private static long saturatedMultiply(long a, long b) {
        return Math.multiplyHigh(a, b) != 0 || a * b < 0 ? Long.MAX_VALUE : a * b;
    }
}
