package dev.basalt.jobs;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cron scheduler, part of the embedding API: a job registered with an id and a cron
 * expression ({@link Schedule}: PocketBase's 5 fields or a macro, UTC) runs in every minute its
 * schedule is due, on a virtual thread of its own.
 *
 * <pre>{@code
 * basalt.cron().add("nightlyReport", "0 3 * * *", () -> reports.sendDaily());
 * basalt.cron().add("purgeDrafts", "@hourly", drafts::deleteAbandoned);
 * }</pre>
 *
 * <p>In a cluster only the leader runs scheduled jobs ({@link Leadership}), so a job runs once per
 * due minute however many nodes there are; {@link #run} starts a job at once on the node it is
 * called on. A job that is still running is not started again. A job that throws is logged and
 * runs again when next due. Missed minutes (the process was suspended) are skipped, not caught up.
 */
public final class Cron implements AutoCloseable {

    static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
    private static final String SYSTEM_PREFIX = "__pb";
    private static final Duration MINUTE = Duration.ofMinutes(1);

    private static final Logger log = LoggerFactory.getLogger(Cron.class);

    private record Entry(Job job, Schedule schedule, Runnable work, long order, AtomicBoolean busy) {}

    private final Leadership leadership;
    private final Clock clock;
    // Written by add/remove from any thread; read by the ticker and the Crons API.
    private final Map<String, Entry> jobs = new ConcurrentHashMap<>();
    private final AtomicLong added = new AtomicLong();
    // The threads of the jobs running now; each removes itself when its job returns.
    private final Set<Thread> running = ConcurrentHashMap.newKeySet();
    private final ReentrantLock lifecycle = new ReentrantLock();
    private Thread ticker;
    private volatile boolean closed;

    /** A scheduler whose jobs run on this node only while {@code leadership} says it leads. */
    public Cron(Leadership leadership) {
        this(leadership, Clock.systemUTC());
    }

    Cron(Leadership leadership, Clock clock) {
        this.leadership = leadership;
        this.clock = clock;
    }

    /**
     * Registers a job, replacing any job with the same id.
     *
     * @param expression a 5-field cron expression or a macro such as {@code @daily}
     * @throws IllegalArgumentException when the id is blank or the expression is invalid
     */
    public void add(String id, String expression, Runnable job) {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("a cron job needs an id");
        }
        Schedule schedule = Schedule.parse(expression);
        jobs.put(id, new Entry(new Job(id, schedule.expression()), schedule, job, added.incrementAndGet(),
                new AtomicBoolean()));
    }

    /** Unregisters a job (a run in progress finishes); returns whether there was one. */
    public boolean remove(String id) {
        return jobs.remove(id) != null;
    }

    /**
     * The registered jobs. PocketBase compat: the embedder's jobs sorted by id, then the system
     * jobs ({@code __pb...}) in the order they were added.
     */
    public List<Job> jobs() {
        Comparator<Entry> listed = Comparator.comparing(Cron::isSystem)
                .thenComparing(e -> isSystem(e) ? "" : e.job().id())
                .thenComparingLong(Entry::order);
        return jobs.values().stream().sorted(listed).map(Entry::job).toList();
    }

    private static boolean isSystem(Entry entry) {
        return entry.job().id().startsWith(SYSTEM_PREFIX);
    }

    /**
     * Starts a job now on this node, leader or not, without waiting for it (what the Crons API's
     * run does). A run already in progress is not started again.
     *
     * @return false when no job has this id
     */
    public boolean run(String id) {
        Entry entry = jobs.get(id);
        if (entry == null) {
            return false;
        }
        launch(entry);
        return true;
    }

    /** Whether a run of job {@code id} is in progress on this node. */
    boolean isRunning(String id) {
        Entry entry = jobs.get(id);
        return entry != null && entry.busy().get();
    }

    /** Starts competing for leadership and ticking at the start of every minute. */
    public void start() {
        lifecycle.lock();
        try {
            if (ticker == null && !closed) {
                leadership.start();
                ticker = Thread.ofVirtual().name("basalt-cron").start(this::loop);
                log.info("cron started jobs={}", jobs.size());
            }
        } finally {
            lifecycle.unlock();
        }
    }

    private void loop() {
        Instant next = nextMinute(clock.instant());
        while (!closed) {
            Instant now = clock.instant();
            Duration wait = Duration.between(now, next);
            if (wait.compareTo(MINUTE) > 0) {
                // The clock went back: wait for the next minute of the new time.
                next = nextMinute(now);
                continue;
            }
            if (wait.isPositive()) {
                try {
                    Thread.sleep(wait);
                } catch (InterruptedException e) {
                    return;
                }
                continue;
            }
            tick(next);
            Instant after = clock.instant();
            next = nextMinute(after.isAfter(next) ? after : next);
        }
    }

    /** Starts the jobs due in the minute that begins at {@code minute}, if this node leads. */
    void tick(Instant minute) {
        try {
            List<Entry> due = jobs.values().stream().filter(e -> e.schedule().isDue(minute)).toList();
            if (due.isEmpty()) {
                return;
            }
            if (!leadership.isLeader()) {
                log.debug("cron jobs left to the leader minute={} due={}", minute, due.size());
                return;
            }
            due.forEach(this::launch);
        } catch (RuntimeException e) {
            log.error("cron tick failed minute={}", minute, e);
        }
    }

    private void launch(Entry entry) {
        String id = entry.job().id();
        if (closed) {
            log.warn("cron job not started id={} reason=\"the scheduler is closed\"", id);
            return;
        }
        if (!entry.busy().compareAndSet(false, true)) {
            log.warn("cron job not started id={} reason=\"still running\"", id);
            return;
        }
        Thread thread = Thread.ofVirtual().name("cron-" + id).unstarted(() -> execute(entry));
        running.add(thread);
        thread.start();
    }

    private void execute(Entry entry) {
        String id = entry.job().id();
        long started = System.nanoTime();
        try {
            log.debug("cron job started id={}", id);
            entry.work().run();
            log.debug("cron job finished id={} durationMs={}", id, millisSince(started));
        } catch (Exception e) {
            log.error("cron job failed id={} durationMs={}", id, millisSince(started), e);
        } finally {
            entry.busy().set(false);
            running.remove(Thread.currentThread());
        }
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }

    private static Instant nextMinute(Instant t) {
        return t.truncatedTo(ChronoUnit.MINUTES).plus(MINUTE);
    }

    /**
     * Stops ticking, waits up to {@link #STOP_TIMEOUT} for running jobs (the database closes after
     * this) and gives leadership up.
     */
    @Override
    public void close() {
        Thread stopping;
        lifecycle.lock();
        try {
            closed = true;
            stopping = ticker;
        } finally {
            lifecycle.unlock();
        }
        try {
            if (stopping != null) {
                stopping.interrupt();
                stopping.join(STOP_TIMEOUT);
            }
            long deadline = System.nanoTime() + STOP_TIMEOUT.toNanos();
            for (Thread job : List.copyOf(running)) {
                long left = deadline - System.nanoTime();
                if (left > 0) {
                    job.join(Duration.ofNanos(left));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (!running.isEmpty()) {
                log.warn("cron closed with jobs still running threads={}", running.stream().map(Thread::getName).toList());
            }
            leadership.close();
        }
    }
}
