package dev.basalt.cli;

import dev.basalt.app.Basalt;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import picocli.CommandLine;

/**
 * The training run of the startup archive that the {@code basalt} launcher starts {@code serve}
 * with: after packaging, {@code scripts/train-cds} runs
 * {@code java -XX:ArchiveClassesAtExit=... -cp basalt.jar dev.basalt.cli.TrainingRun} (or, asked
 * for an AOT cache on JDK 25+, {@code -XX:AOTCacheOutput=...}). It parses a {@code serve} command line, starts that server on
 * a temporary data directory and a free loopback port, asks it for its health once and stops it, so
 * that the archive holds what a start and a first request load. Not a command: users never run it.
 */
final class TrainingRun {

    private TrainingRun() {}

    public static void main(String[] args) throws IOException {
        Path dir = Files.createTempDirectory("basalt-training");
        try {
            CommandLine cli = Main.commandLine();
            // --db "" keeps a BASALT_DB of the build's environment from sending the run elsewhere.
            cli.parseArgs("serve", "--dir", dir.toString(), "--db", "", "--http", "127.0.0.1:0");
            ServeCommand serve = cli.getSubcommands().get("serve").getCommand();
            try (Basalt basalt = serve.start()) {
                health(basalt.url());
            }
        } finally {
            delete(dir);
        }
    }

    private static void health(String base) throws IOException {
        HttpURLConnection c = (HttpURLConnection) URI.create(base + "/api/health").toURL().openConnection();
        try (InputStream body = c.getInputStream()) {
            body.readAllBytes();
            if (c.getResponseCode() != 200) {
                throw new IOException("GET /api/health answered " + c.getResponseCode());
            }
        } finally {
            c.disconnect();
        }
    }

    private static void delete(Path dir) throws IOException {
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
