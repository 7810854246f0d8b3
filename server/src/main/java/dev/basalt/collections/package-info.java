/**
 * The collection model (collections, their fields, rules and indexes), its validation, the
 * registry that caches it, and the DDL that keeps each collection's table in step with it.
 * Uses store and query (to validate rules); never records or http.
 */
package dev.basalt.collections;
