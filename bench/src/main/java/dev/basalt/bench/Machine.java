package dev.basalt.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** One line on the machine a run was made on, from the JVM and /proc where there is one. */
final class Machine {

    private Machine() {
    }

    static String describe() {
        String cpu = procValue("/proc/cpuinfo", "model name").orElse(System.getProperty("os.arch"));
        int cores = Runtime.getRuntime().availableProcessors();
        String memory = procValue("/proc/meminfo", "MemTotal")
                .map(v -> String.format(Locale.ROOT, "%.1f GiB", Long.parseLong(v.replaceAll("[^0-9]", "")) / 1024.0 / 1024.0))
                .orElse("unknown memory");
        return cpu + ", " + cores + " cores, " + memory + ", " + System.getProperty("os.name") + " "
                + System.getProperty("os.version");
    }

    private static java.util.Optional<String> procValue(String file, String key) {
        try {
            return Files.readAllLines(Path.of(file)).stream()
                    .filter(l -> l.startsWith(key))
                    .map(l -> l.substring(l.indexOf(':') + 1).strip())
                    .findFirst();
        } catch (IOException | RuntimeException e) {
            return java.util.Optional.empty();
        }
    }
}
