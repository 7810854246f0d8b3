/**
 * The collection model (collections, their fields, rules and indexes), its validation, the
 * registry that caches it, and the DDL that keeps each collection's table in step with it.
 * Uses store and query (the list filter); rule expressions are checked through the {@link
 * dev.basalt.collections.RuleCheck} seam, which app wires to the record resolver. Never imports
 * records or http.
 */
package dev.basalt.collections;
