/**
 * OAuth2/OIDC sign-in: one generic provider model ({@link dev.basalt.auth.oauth2.OAuth2Provider}),
 * the well-known providers as configurations of it, the HTTP exchange with a provider and the
 * {@code auth-with-oauth2} flow. Uses records, collections and auth; never http.
 */
package dev.basalt.auth.oauth2;
