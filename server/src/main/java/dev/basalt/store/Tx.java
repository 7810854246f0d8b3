package dev.basalt.store;

import java.util.ArrayList;
import java.util.List;
import org.jooq.DSLContext;

/**
 * One open write transaction. Work that must only happen when the transaction commits (events,
 * deleting replaced files) is registered with {@link #afterCommit(Runnable)}, so a rolled-back
 * write publishes nothing. Work that undoes side effects outside the database (files written for
 * the transaction) is registered with {@link #afterRollback(Runnable)}. Nested transactions share
 * one {@code Tx}, so both run once, when the outermost transaction ends.
 */
public final class Tx {

    private final DSLContext dsl;
    private final List<Runnable> afterCommit = new ArrayList<>();
    private final List<Runnable> afterRollback = new ArrayList<>();

    Tx(DSLContext dsl) {
        this.dsl = dsl;
    }

    public DSLContext dsl() {
        return dsl;
    }

    public void afterCommit(Runnable work) {
        afterCommit.add(work);
    }

    /** Runs {@code work} if the outermost transaction rolls back (never when it commits). */
    public void afterRollback(Runnable work) {
        afterRollback.add(work);
    }

    List<Runnable> afterCommitWork() {
        return afterCommit;
    }

    List<Runnable> afterRollbackWork() {
        return afterRollback;
    }
}
