package dev.basalt.bench;

/** A scenario with what it measured. */
record Result(Scenario scenario, Measurement measurement) {
}
