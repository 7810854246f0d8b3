/**
 * The field types of a collection, one record per type with the options the wire carries. A
 * closed set: code that handles fields switches over {@link dev.basalt.collections.fields.Field}
 * and the compiler checks every type is covered.
 */
package dev.basalt.collections.fields;
