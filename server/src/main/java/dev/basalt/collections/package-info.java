/**
 * The collection model (collections, their fields, rules and indexes), its validation, the
 * registry that caches it, and the DDL that keeps each collection's table in step with it.
 * Uses store; rule expressions and list filters are compiled through the {@link
 * dev.basalt.collections.RuleCheck} and {@link dev.basalt.collections.CollectionFilter} seams that
 * app wires to query. Never imports records or http.
 */
package dev.basalt.collections;
