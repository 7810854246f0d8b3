package dev.basalt.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --dir} option every command that touches the data shares. */
final class DataDir {

    @Option(names = "--dir", paramLabel = "DIR", defaultValue = "${env:BASALT_DIR:-./basalt_data}",
            description = "Directory of the database and uploaded files; env BASALT_DIR (default: ${DEFAULT-VALUE}).")
    Path dir;
}
