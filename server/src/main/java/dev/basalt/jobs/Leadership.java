package dev.basalt.jobs;

/**
 * Whether this node runs the scheduled jobs of a cluster. {@link Cron} starts and closes it and
 * asks {@link #isLeader()} once per minute that has due jobs.
 */
public interface Leadership extends AutoCloseable {

    /** Begins competing for leadership (in the background; returns at once). */
    void start();

    /** Whether this node leads now. May ask the database, so it can take a moment; never throws. */
    boolean isLeader();

    /** Gives leadership up, so another node can take it over. */
    @Override
    void close();
}
