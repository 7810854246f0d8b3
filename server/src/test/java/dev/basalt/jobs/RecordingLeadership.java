package dev.basalt.jobs;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/** A leadership the test decides, recording how the scheduler uses it. */
final class RecordingLeadership implements Leadership {

    final AtomicBoolean leading = new AtomicBoolean(true);
    final AtomicInteger starts = new AtomicInteger();
    final AtomicInteger questions = new AtomicInteger();
    final AtomicInteger closes = new AtomicInteger();

    @Override
    public void start() {
        starts.incrementAndGet();
    }

    @Override
    public boolean isLeader() {
        questions.incrementAndGet();
        return leading.get();
    }

    @Override
    public void close() {
        closes.incrementAndGet();
    }
}
