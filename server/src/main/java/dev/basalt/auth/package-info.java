/**
 * Authentication: password hashing, tokens and the auth flows. Uses records and collections;
 * never http.
 */
package dev.basalt.auth;
