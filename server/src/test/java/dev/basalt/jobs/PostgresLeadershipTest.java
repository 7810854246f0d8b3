package dev.basalt.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.basalt.store.Database;
import dev.basalt.store.DatabaseConfig;
import dev.basalt.testing.TestDatabases;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two nodes of a cluster: two databases (pools) on one PostgreSQL database, each with its own
 * leadership. Always PostgreSQL, whatever engine the API suites run on.
 */
class PostgresLeadershipTest {

    static final Duration RETRY = Duration.ofMillis(100);

    @TempDir
    Path dir;

    final List<AutoCloseable> opened = new ArrayList<>();
    String url;
    Database first;
    Database second;

    @BeforeEach
    void openTwoNodes() {
        url = TestDatabases.newPostgresDatabase();
        first = open();
        second = open();
    }

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : opened.reversed()) {
            c.close();
        }
    }

    @Test
    void exactlyOneOfTwoNodesLeads() throws InterruptedException {
        Leadership a = start(first);
        Leadership b = start(second);
        Await.until("a node leads", () -> a.isLeader() || b.isLeader());
        // Several retries later the follower still follows.
        Thread.sleep(RETRY.multipliedBy(5));
        assertThat(List.of(a.isLeader(), b.isLeader())).containsExactlyInAnyOrder(true, false);
    }

    @Test
    void theOtherNodeTakesOverWhenTheLeadersConnectionIsTerminated() throws SQLException {
        Leadership a = start(first);
        Await.until("the first node leads", a::isLeader);
        Leadership b = start(second);

        assertThat(terminateLockHolder()).as("one backend held the lock").isEqualTo(1);

        Await.until("the second node leads", b::isLeader);
        assertThat(a.isLeader()).as("the first node noticed it lost its connection").isFalse();
    }

    @Test
    void theOtherNodeTakesOverWhenTheLeaderCloses() {
        Leadership a = start(first);
        Await.until("the first node leads", a::isLeader);
        Leadership b = start(second);
        assertThat(b.isLeader()).isFalse();

        a.close();

        assertThat(a.isLeader()).isFalse();
        Await.until("the second node leads", b::isLeader);
    }

    @Test
    void aLeaderThatLostItsConnectionFollowsWhenItComesBack() throws SQLException, InterruptedException {
        Leadership a = start(first);
        Await.until("the first node leads", a::isLeader);
        Leadership b = start(second);
        terminateLockHolder();
        Await.until("the second node leads", b::isLeader);
        // The first node reconnects on its next attempts and finds the lock taken.
        Thread.sleep(RETRY.multipliedBy(5));
        assertThat(a.isLeader()).isFalse();
        assertThat(b.isLeader()).isTrue();
    }

    @Test
    void onlyTheLeaderRunsDueJobs() {
        Clock fixed = Clock.fixed(CronTest.NOON.plusSeconds(30), ZoneOffset.UTC);
        Leadership leadsA = new PostgresLeadership(first, PostgresLeadership.LOCK, RETRY);
        Leadership leadsB = new PostgresLeadership(second, PostgresLeadership.LOCK, RETRY);
        Cron a = new Cron(leadsA, fixed);
        Cron b = new Cron(leadsB, fixed);
        opened.add(a);
        opened.add(b);
        AtomicInteger runs = new AtomicInteger();
        a.add("job", "* * * * *", runs::incrementAndGet);
        b.add("job", "* * * * *", runs::incrementAndGet);
        a.start();
        b.start();
        Await.until("a node leads", () -> leadsA.isLeader() || leadsB.isLeader());

        for (int m = 0; m < 3; m++) {
            a.tick(CronTest.minute(m));
            b.tick(CronTest.minute(m));
            int expected = m + 1;
            Await.until("minute " + m + " ran", () -> runs.get() == expected);
        }
        assertThat(runs).as("one run per minute across both nodes").hasValue(3);
    }

    private Database open() {
        Database db = Database.open(DatabaseConfig.postgres(dir, url).withPool(2, Duration.ofSeconds(10)));
        opened.add(db);
        return db;
    }

    private Leadership start(Database db) {
        Leadership leadership = new PostgresLeadership(db, PostgresLeadership.LOCK, RETRY);
        opened.add(leadership);
        leadership.start();
        return leadership;
    }

    /** Ends the session holding the leadership lock, from a third connection; returns how many ended. */
    private int terminateLockHolder() throws SQLException {
        try (Connection c = first.connectDirect(); var s = c.prepareStatement("""
                SELECT count(pg_terminate_backend(pid)) FROM pg_locks
                WHERE locktype = 'advisory' AND granted
                  AND database = (SELECT oid FROM pg_database WHERE datname = current_database())""");
                var r = s.executeQuery()) {
            r.next();
            return r.getInt(1);
        }
    }
}
