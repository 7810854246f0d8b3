package dev.basalt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator.ExecutionStatus;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Logging as logback.xml had it: one pattern on stdout, written in batches, the root at BASALT_LOG_LEVEL, libraries at WARN. */
class ConsoleLoggingTest {

    @Test
    void logbackFindsItAsAService() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("CONSOLE"))
                .isInstanceOfSatisfying(BatchedConsoleAppender.class, console -> assertThat(console.getEncoder())
                        .isInstanceOfSatisfying(PatternLayoutEncoder.class,
                                e -> assertThat(e.getPattern()).isEqualTo(ConsoleLogging.PATTERN)));
    }

    @Test
    void configuresTheConsoleTheRootAndTheQuietLibraries() {
        LoggerContext context = new LoggerContext();
        ConsoleLogging logging = new ConsoleLogging();
        logging.setContext(context);
        assertThat(logging.configure(context)).isEqualTo(ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        assertThat(root.getAppender("CONSOLE")).isInstanceOf(BatchedConsoleAppender.class);
        assertThat(root.getLevel()).isEqualTo(ConsoleLogging.rootLevel(System.getenv("BASALT_LOG_LEVEL")).orElse(Level.DEBUG));
        for (String quiet : new String[] {"com.zaxxer.hikari", "org.eclipse.jetty", "io.javalin", "org.jooq"}) {
            assertThat(context.getLogger(quiet).getLevel()).as(quiet).isEqualTo(Level.WARN);
        }
        assertThat(context.getLogger("dev.basalt").getEffectiveLevel()).isEqualTo(root.getLevel());
    }

    @Test
    void readsTheRootLevelAsLogbackReadTheXml() {
        assertThat(ConsoleLogging.rootLevel(null)).contains(Level.INFO);
        assertThat(ConsoleLogging.rootLevel("WARN")).contains(Level.WARN);
        assertThat(ConsoleLogging.rootLevel("debug")).contains(Level.DEBUG);
        assertThat(ConsoleLogging.rootLevel("OFF")).contains(Level.OFF);
        assertThat(ConsoleLogging.rootLevel("loud")).contains(Level.DEBUG);
        assertThat(ConsoleLogging.rootLevel("")).isEqualTo(Optional.empty());
    }

    @Test
    void theBatchedAppenderWritesEveryLineInOrderAndAllThatIsQueuedWhenItStops() throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new LogbackMDCAdapter());
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%level %msg%n");
        encoder.start();
        BatchedConsoleAppender console = new BatchedConsoleAppender();
        console.setContext(context);
        console.setEncoder(encoder);
        Logger logger = context.getLogger("test");
        logger.setAdditive(false);
        logger.addAppender(console);
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            console.start();
            for (int i = 0; i < 1000; i++) {
                logger.info("line {}", i);
            }
            logger.warn("urgent");
            // A warning wakes the writer at once, well before the next 50 ms batch.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (!captured.toString(StandardCharsets.UTF_8).contains("WARN urgent")
                    && System.nanoTime() < deadline) {
                Thread.sleep(1);
            }
            logger.info("after");
            console.stop();
        } finally {
            System.setOut(original);
        }
        List<String> lines = captured.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).as(context.getStatusManager().getCopyOfStatusList().toString()).hasSize(1002);
        assertThat(lines.get(0)).isEqualTo("INFO line 0");
        assertThat(lines.get(999)).isEqualTo("INFO line 999");
        assertThat(lines.get(1000)).isEqualTo("WARN urgent");
        assertThat(lines.get(1001)).isEqualTo("INFO after");
    }
}
