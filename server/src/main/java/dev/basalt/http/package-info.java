/**
 * HTTP: Javalin setup, middleware, the mapping of {@link dev.basalt.error.ApiException} to the
 * error envelope, and one {@code *Api} class per API area with thin handlers. Only {@code app}
 * imports this package.
 */
package dev.basalt.http;
