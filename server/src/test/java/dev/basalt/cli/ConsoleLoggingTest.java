package dev.basalt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator.ExecutionStatus;
import ch.qos.logback.core.ConsoleAppender;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Logging as logback.xml had it: one pattern on stdout through an async appender, the root at BASALT_LOG_LEVEL, libraries at WARN. */
class ConsoleLoggingTest {

    @Test
    void logbackFindsItAsAService() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("ASYNC"))
                .isInstanceOfSatisfying(AsyncAppender.class, async -> assertThat(async.getAppender("CONSOLE"))
                .isInstanceOfSatisfying(ConsoleAppender.class, console -> assertThat(console.getEncoder())
                        .isInstanceOfSatisfying(PatternLayoutEncoder.class,
                                e -> assertThat(e.getPattern()).isEqualTo(ConsoleLogging.PATTERN))));
    }

    @Test
    void configuresTheConsoleTheRootAndTheQuietLibraries() {
        LoggerContext context = new LoggerContext();
        ConsoleLogging logging = new ConsoleLogging();
        logging.setContext(context);
        assertThat(logging.configure(context)).isEqualTo(ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        assertThat(root.getAppender("ASYNC")).isInstanceOfSatisfying(AsyncAppender.class,
                async -> assertThat(async.getAppender("CONSOLE")).isNotNull());
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
}
