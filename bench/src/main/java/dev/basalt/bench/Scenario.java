package dev.basalt.bench;

/**
 * One measured scenario. {@code title} is PocketBase's heading for the full-size scenario, so the
 * report can look up the published figure even when a quick run sends fewer requests.
 */
record Scenario(String section, String title, int requests, int concurrency, String rule, String query) {

    /** The key of the published figure: the same title can appear with different rules. */
    String key() {
        return title + "\t" + (rule == null ? "" : rule);
    }
}
