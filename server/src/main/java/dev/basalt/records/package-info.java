/**
 * Records: CRUD with rules, validation and after-commit events; expand; the resolver that lets the
 * filter language see a collection's fields and relations; the files of records (stored names,
 * upload validation, storage in step with the row). Uses collections, files, query and store;
 * never auth, realtime or http.
 */
package dev.basalt.records;
