package dev.basalt.jobs;

/** The leadership of a node that is alone by construction: SQLite has one process. */
public final class AlwaysLeader implements Leadership {

    @Override
    public void start() {}

    @Override
    public boolean isLeader() {
        return true;
    }

    @Override
    public void close() {}
}
