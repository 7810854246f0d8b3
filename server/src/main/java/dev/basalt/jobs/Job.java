package dev.basalt.jobs;

/**
 * A registered cron job as the Crons API lists it: {@code {"id": "...", "expression": "0 * * * *"}}.
 *
 * @param expression the 5-field form of the schedule (a macro is expanded)
 */
public record Job(String id, String expression) {}
