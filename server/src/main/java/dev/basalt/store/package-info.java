/**
 * The database: connection pools, transactions with after-commit work, the SQL dialect seam and
 * the system-table migrations. Knows nothing of HTTP, collections or records.
 */
package dev.basalt.store;
