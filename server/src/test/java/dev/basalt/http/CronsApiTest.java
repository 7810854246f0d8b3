package dev.basalt.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.basalt.testing.Scenario;
import dev.basalt.testing.TestServer;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class CronsApiTest {

    static TestServer server;
    static String userToken;
    // Counted down by the embedder's job; scheduled yearly, so only the API runs it in a test.
    static final CountDownLatch reportRuns = new CountDownLatch(1);

    @BeforeAll
    static void start() {
        server = TestServer.start();
        userToken = AuthUsers.create(server, "crons-user@example.com");
        server.basalt().cron().add("report", "@yearly", reportRuns::countDown);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @TestFactory
    List<DynamicTest> access() {
        return Scenario.run(server, List.of(
                Scenario.get("/api/crons")
                        .expect(401, "\"status\":401", "\"data\":{}")
                        .notExpect("__pb")
                        .named("a guest cannot list the cron jobs"),
                Scenario.get("/api/crons").as(s -> userToken)
                        .expect(403, "\"status\":403", "\"data\":{}")
                        .notExpect("__pb")
                        .named("a regular user cannot list the cron jobs"),
                Scenario.post("/api/crons/report", null)
                        .expect(401, "\"data\":{}")
                        .named("a guest cannot run a cron job"),
                Scenario.post("/api/crons/report", null).as(s -> userToken)
                        .expect(403, "\"data\":{}")
                        .named("a regular user cannot run a cron job"),
                Scenario.post("/api/crons/missing", null).asSuperuser()
                        .expect(404, "\"status\":404", "\"message\":\"Missing or invalid cron job.\"", "\"data\":{}")
                        .named("running an unknown job answers 404"),
                Scenario.get("/api/crons").asSuperuser()
                        .expect(200, "{\"id\":\"__pbMFACleanup__\",\"expression\":\"0 * * * *\"}",
                                "{\"id\":\"__pbOTPCleanup__\",\"expression\":\"0 * * * *\"}",
                                "{\"id\":\"__pbDBOptimize__\",\"expression\":\"0 0 * * *\"}")
                        .named("a superuser lists PocketBase's system jobs"),
                Scenario.get("/api/crons?fields=id").asSuperuser()
                        .expect(200, "{\"id\":\"__pbMFACleanup__\"}")
                        .notExpect("expression")
                        .named("fields picks keys of every listed job")));
    }

    @Test
    void listsTheEmbeddersJobsFirstThenTheSystemJobs() {
        TestServer.Response r = server.get("/api/crons", server.superuserToken());
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("[{\"id\":\"report\",\"expression\":\"0 0 1 1 *\"},"
                + "{\"id\":\"__pbDBOptimize__\",\"expression\":\"0 0 * * *\"},"
                + "{\"id\":\"__pbMFACleanup__\",\"expression\":\"0 * * * *\"},"
                + "{\"id\":\"__pbOTPCleanup__\",\"expression\":\"0 * * * *\"}]");
    }

    @Test
    void aSuperuserRunsAJobNow() throws InterruptedException {
        TestServer.Response r = server.post("/api/crons/report", null, server.superuserToken());
        assertThat(r.status()).as(r.body()).isEqualTo(204);
        assertThat(r.body()).isEmpty();
        assertThat(reportRuns.await(15, TimeUnit.SECONDS)).as("the job ran").isTrue();
    }

    @Test
    void aSuperuserRunsASystemJob() {
        TestServer.Response r = server.post("/api/crons/__pbDBOptimize__", null, server.superuserToken());
        assertThat(r.status()).as(r.body()).isEqualTo(204);
    }
}
