package dev.basalt.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.core.spi.ContextAwareBase;
import ch.qos.logback.core.status.NopStatusListener;
import java.util.Optional;

/**
 * Basalt's logging, set up in code rather than by a {@code logback.xml}: logback's XML
 * configuration costs a few hundred milliseconds of startup (an XML parser and its model). One
 * line per event on stdout, written in batches; the root level is {@code BASALT_LOG_LEVEL}
 * (default INFO); the chatty libraries log warnings only. Found by logback through
 * {@code META-INF/services}.
 *
 * <p>Stands aside (and logback's own configuration runs) when the user brings a configuration:
 * {@code -Dlogback.configurationFile=...}, or a {@code logback.xml} or {@code logback-test.xml} on
 * the classpath, an embedder's or a test's.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_NORMAL_PRIORITY)
public final class ConsoleLogging extends ContextAwareBase implements Configurator {

    static final String PATTERN = "%d{HH:mm:ss.SSS} %-5level %logger{20} [%X{requestId:-}] %msg%n";
    private static final String[] QUIET = {"com.zaxxer.hikari", "org.eclipse.jetty", "io.javalin", "org.jooq"};

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (userConfigured()) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        // As <statusListener class="NopStatusListener"/> did: logback keeps its own status lines to itself.
        NopStatusListener quiet = new NopStatusListener();
        context.getStatusManager().add(quiet);

        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        encoder.start();
        // Request threads only queue their lines; one writer thread formats and writes them in
        // batches (see BatchedConsoleAppender for what a line per request cost otherwise).
        BatchedConsoleAppender console = new BatchedConsoleAppender();
        console.setContext(context);
        console.setName("CONSOLE");
        console.setEncoder(encoder);
        console.start();

        for (String name : QUIET) {
            context.getLogger(name).setLevel(Level.WARN);
        }
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        rootLevel(setting("BASALT_LOG_LEVEL")).ifPresent(root::setLevel);
        root.addAppender(console);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /**
     * The root level for {@code value}, as logback's {@code <root level="${BASALT_LOG_LEVEL:-INFO}">}
     * read it: unset is INFO, blank leaves logback's default (DEBUG), an unknown name is DEBUG.
     */
    static Optional<Level> rootLevel(String value) {
        if (value == null) {
            return Optional.of(Level.INFO);
        }
        return value.isBlank() ? Optional.empty() : Optional.of(Level.toLevel(value, Level.DEBUG));
    }

    // logback resolved ${...} from system properties, then the environment.
    private static String setting(String key) {
        String value = System.getProperty(key);
        return value != null ? value : System.getenv(key);
    }

    /**
     * Writes out the lines still queued for the console and stops logging: the last step before
     * the process exits, which would otherwise drop the lines still queued.
     */
    static void flush() {
        if (org.slf4j.LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            context.stop();
        }
    }

    private static boolean userConfigured() {
        if (System.getProperty("logback.configurationFile") != null) {
            return true;
        }
        ClassLoader loader = ConsoleLogging.class.getClassLoader();
        return loader.getResource("logback-test.xml") != null || loader.getResource("logback.xml") != null;
    }
}
