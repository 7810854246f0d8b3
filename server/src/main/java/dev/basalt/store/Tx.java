package dev.basalt.store;

import java.util.ArrayList;
import java.util.List;
import org.jooq.DSLContext;

/**
 * One open write transaction. Work that must only happen when the transaction commits (events,
 * deleting replaced files) is registered with {@link #afterCommit(Runnable)}, so a rolled-back
 * write publishes nothing.
 */
public final class Tx {

    private final DSLContext dsl;
    private final List<Runnable> afterCommit = new ArrayList<>();

    Tx(DSLContext dsl) {
        this.dsl = dsl;
    }

    public DSLContext dsl() {
        return dsl;
    }

    public void afterCommit(Runnable work) {
        afterCommit.add(work);
    }

    List<Runnable> afterCommitWork() {
        return afterCommit;
    }
}
