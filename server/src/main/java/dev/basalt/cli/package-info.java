/** The command line: serve, superuser. Builds the {@code Config} and hands over to {@code app}. */
package dev.basalt.cli;
