package dev.basalt.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class CronTest {

    // A Wednesday; the ticker of a started Cron never reaches the next minute of a fixed clock.
    static final Instant NOON = Instant.parse("2025-01-01T12:00:00Z");
    static final Clock FIXED = Clock.fixed(NOON.plusSeconds(30), ZoneOffset.UTC);

    final RecordingLeadership leadership = new RecordingLeadership();
    final Cron cron = new Cron(leadership, FIXED);

    @AfterEach
    void close() {
        cron.close();
        ((Logger) LoggerFactory.getLogger(Cron.class)).detachAndStopAllAppenders();
    }

    static Instant minute(int n) {
        return NOON.plus(n, ChronoUnit.MINUTES);
    }

    @Test
    void runsADueJobOncePerMinuteTick() {
        AtomicInteger everyMinute = new AtomicInteger();
        AtomicInteger everyFive = new AtomicInteger();
        cron.add("everyMinute", "* * * * *", everyMinute::incrementAndGet);
        cron.add("everyFive", "*/5 * * * *", everyFive::incrementAndGet);
        for (int m = 0; m < 10; m++) {
            cron.tick(minute(m));
            int expected = m + 1;
            Await.until("tick " + m + " ran", () -> everyMinute.get() == expected);
        }
        Await.until("both due runs of everyFive finished", () -> everyFive.get() == 2);
        assertThat(everyMinute).hasValue(10);
        assertThat(everyFive).as("due at 12:00 and 12:05").hasValue(2);
    }

    @Test
    void aMinuteWithNothingDueDoesNotAskForLeadership() {
        cron.add("hourly", "@hourly", () -> {});
        cron.tick(minute(1));
        assertThat(leadership.questions).hasValue(0);
        cron.tick(minute(60));
        assertThat(leadership.questions).hasValue(1);
    }

    @Test
    void aNodeThatDoesNotLeadRunsNothing() {
        AtomicInteger runs = new AtomicInteger();
        cron.add("job", "* * * * *", runs::incrementAndGet);
        leadership.leading.set(false);
        cron.tick(minute(0));
        leadership.leading.set(true);
        cron.tick(minute(1));
        Await.until("the leader's tick ran", () -> runs.get() == 1);
        assertThat(leadership.questions).hasValue(2);
    }

    @Test
    void doesNotStartAJobThatIsStillRunning() throws InterruptedException {
        AtomicInteger starts = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        cron.add("slow", "* * * * *", () -> {
            starts.incrementAndGet();
            await(release);
        });
        cron.tick(minute(0));
        Await.until("the first run started", () -> starts.get() == 1);
        cron.tick(minute(1));
        assertThat(cron.run("slow")).as("a manual run of a known job is accepted").isTrue();
        release.countDown();
        Await.until("the first run finished", () -> !cron.isRunning("slow"));
        assertThat(starts).as("neither the next tick nor the manual run started a second run").hasValue(1);

        cron.tick(minute(2));
        Await.until("a tick after the run finished started it again", () -> starts.get() == 2);
    }

    @Test
    void aFailingJobIsLoggedAndTheSchedulerGoesOn() {
        ListAppender<ILoggingEvent> logged = capture();
        AtomicInteger failures = new AtomicInteger();
        AtomicInteger others = new AtomicInteger();
        cron.add("broken", "* * * * *", () -> {
            failures.incrementAndGet();
            throw new IllegalStateException("disk on fire");
        });
        cron.add("healthy", "* * * * *", others::incrementAndGet);
        cron.tick(minute(0));
        Await.until("the first tick's jobs ran", () -> failures.get() == 1 && others.get() == 1);
        Await.until("the failure was logged", () -> errors(logged).size() == 1);
        // A job logs its failure before it stops counting as running: a tick before then skips it.
        Await.until("both runs finished", () -> !cron.isRunning("broken") && !cron.isRunning("healthy"));
        cron.tick(minute(1));
        Await.until("both jobs ran again", () -> failures.get() == 2 && others.get() == 2);
        Await.until("the second failure was logged", () -> errors(logged).size() == 2);

        ILoggingEvent error = errors(logged).getFirst();
        assertThat(error.getFormattedMessage()).startsWith("cron job failed id=broken durationMs=");
        assertThat(error.getThrowableProxy().getMessage()).isEqualTo("disk on fire");
    }

    @Test
    void runStartsAJobNowWhetherOrNotThisNodeLeads() throws InterruptedException {
        CountDownLatch ran = new CountDownLatch(1);
        cron.add("report", "@yearly", ran::countDown);
        leadership.leading.set(false);
        assertThat(cron.run("report")).isTrue();
        assertThat(ran.await(15, TimeUnit.SECONDS)).isTrue();
        assertThat(cron.run("nope")).isFalse();
    }

    @Test
    void listsTheEmbeddersJobsByIdThenTheSystemJobsInTheOrderAdded() {
        cron.add("__pbDBOptimize__", "0 0 * * *", () -> {});
        cron.add("zebra", "@daily", () -> {});
        cron.add("__pbMFACleanup__", "0 * * * *", () -> {});
        cron.add("alpha", "*/5 * * * *", () -> {});
        cron.add("__pbOTPCleanup__", "0 * * * *", () -> {});
        assertThat(cron.jobs()).containsExactly(
                new Job("alpha", "*/5 * * * *"),
                new Job("zebra", "0 0 * * *"),
                new Job("__pbDBOptimize__", "0 0 * * *"),
                new Job("__pbMFACleanup__", "0 * * * *"),
                new Job("__pbOTPCleanup__", "0 * * * *"));
    }

    @Test
    void addReplacesTheJobOfTheSameIdAndRemoveUnregisters() {
        AtomicInteger first = new AtomicInteger();
        AtomicInteger second = new AtomicInteger();
        cron.add("job", "* * * * *", first::incrementAndGet);
        cron.add("job", "*/2 * * * *", second::incrementAndGet);
        assertThat(cron.jobs()).containsExactly(new Job("job", "*/2 * * * *"));
        cron.tick(minute(0));
        Await.until("the replacement ran", () -> second.get() == 1);
        assertThat(first).hasValue(0);

        assertThat(cron.remove("job")).isTrue();
        assertThat(cron.remove("job")).isFalse();
        assertThat(cron.jobs()).isEmpty();
        assertThat(cron.run("job")).isFalse();
    }

    @Test
    void addRefusesABlankIdAndAnInvalidExpression() {
        assertThatThrownBy(() -> cron.add(" ", "* * * * *", () -> {}))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("a cron job needs an id");
        assertThatThrownBy(() -> cron.add("job", "* * * *", () -> {}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("invalid cron expression \"* * * *\"");
        assertThat(cron.jobs()).isEmpty();
    }

    @Test
    void startTicksAtTheStartOfTheNextMinute() throws InterruptedException {
        // A clock 300 ms before a minute begins, so the real ticker is due almost at once.
        Instant real = Instant.now();
        Instant beforeMinute = real.truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(2)).minusMillis(300);
        Clock soon = Clock.offset(Clock.systemUTC(), Duration.between(real, beforeMinute));
        CountDownLatch ran = new CountDownLatch(1);
        try (Cron started = new Cron(leadership, soon)) {
            started.add("job", "* * * * *", ran::countDown);
            started.start();
            assertThat(leadership.starts).hasValue(1);
            assertThat(ran.await(15, TimeUnit.SECONDS)).as("the job ran in the minute that began").isTrue();
        }
        assertThat(leadership.closes).as("closing the scheduler closes its leadership").hasValue(1);
    }

    @Test
    void aClosedSchedulerStartsNothing() {
        AtomicInteger runs = new AtomicInteger();
        cron.add("job", "* * * * *", runs::incrementAndGet);
        cron.close();
        cron.tick(minute(0));
        assertThat(cron.run("job")).isTrue();
        assertThat(runs).hasValue(0);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ListAppender<ILoggingEvent> capture() {
        Logger logger = (Logger) LoggerFactory.getLogger(Cron.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        return appender;
    }

    private static List<ILoggingEvent> errors(ListAppender<ILoggingEvent> appender) {
        synchronized (appender.list) {
            return appender.list.stream().filter(e -> e.getLevel() == Level.ERROR).toList();
        }
    }
}
