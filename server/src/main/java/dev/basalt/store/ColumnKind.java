package dev.basalt.store;

/** The storage classes a collection field maps to; the dialect picks the column type for each. */
public enum ColumnKind {
    /** Text, including datetimes, single select/relation/file ids and hashes. */
    TEXT,
    /** IEEE double. */
    NUMBER,
    BOOL,
    /** A JSON document: json fields and multi-value fields (as arrays). */
    JSON
}
