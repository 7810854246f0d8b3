/**
 * The command line: serve, superuser, version. The only package that reads the environment
 * ({@code BASALT_*} as defaults of the flags); builds the {@code Config} and hands over to
 * {@code app}. Imports app only.
 */
package dev.basalt.cli;
