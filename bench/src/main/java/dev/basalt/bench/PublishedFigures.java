package dev.basalt.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * PocketBase's published figures for its 2-vCPU machine (Hetzner CAX11, PocketBase v0.36.0),
 * transcribed from results/hetzner_cax11.md of github.com/pocketbase/benchmarks into a TSV
 * resource, keyed like {@link Scenario#key()}.
 */
final class PublishedFigures {

    /** One published entry, in milliseconds. */
    record Figure(int requests, int concurrency, double bestMillis, double worstMillis, double completedMillis) {
    }

    static final String SOURCE = "pocketbase-hetzner-cax11.tsv";

    private final String description;
    private final Map<String, Figure> byKey;

    private PublishedFigures(String description, Map<String, Figure> byKey) {
        this.description = description;
        this.byKey = byKey;
    }

    static PublishedFigures load() {
        try (InputStream in = PublishedFigures.class.getResourceAsStream(SOURCE)) {
            if (in == null) {
                throw new IllegalStateException(SOURCE + " is missing from the classpath");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String description = reader.readLine().substring(2);
            reader.readLine(); // header
            Map<String, Figure> byKey = new HashMap<>();
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String[] f = line.split("\t", -1);
                byKey.put(f[1] + "\t" + f[4], new Figure(Integer.parseInt(f[2]), Integer.parseInt(f[3]),
                        Double.parseDouble(f[6]), Double.parseDouble(f[7]), Double.parseDouble(f[8])));
            }
            return new PublishedFigures(description, byKey);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String description() {
        return description;
    }

    Optional<Figure> of(Scenario scenario) {
        return Optional.ofNullable(byKey.get(scenario.key()));
    }
}
