/**
 * The application object: wiring of every capability, lifecycle and the startup configuration.
 * The only package that imports http.
 */
package dev.basalt.app;
