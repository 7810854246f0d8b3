/**
 * The filter language of PocketBase: lexer, parser, the sealed {@link dev.basalt.query.Expr} AST,
 * the {@link dev.basalt.query.Resolver} seam through which identifiers become SQL, the compiler to a
 * jOOQ condition, and the {@code sort} parameter. Imports no other Basalt package, no JDBC, no HTTP.
 */
package dev.basalt.query;
