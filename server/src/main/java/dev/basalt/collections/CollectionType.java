package dev.basalt.collections;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The kind of a collection; it never changes once the collection exists. */
public enum CollectionType {
    BASE,
    AUTH,
    VIEW;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static CollectionType of(String wire) {
        if (wire == null || wire.isEmpty()) {
            return BASE;
        }
        for (CollectionType t : values()) {
            if (t.wire().equals(wire)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown collection type \"" + wire + "\"");
    }
}
