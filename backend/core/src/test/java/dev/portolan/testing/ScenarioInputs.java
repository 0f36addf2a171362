package dev.portolan.testing;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portolan.model.Manifests;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads the manifests of a test scenario as a store would hand them to the graph: every object gets
 * {@code metadata.generation: 1} and a {@code creationTimestamp} one second after the previous object (file order),
 * unless the manifest sets them.
 */
public final class ScenarioInputs {
    public static final Instant EPOCH = Instant.parse("2026-01-01T00:00:00Z");

    private ScenarioInputs() {
    }

    /** The repository root (see {@link RepositoryFolders#root()}). */
    public static Path repoRoot() {
        return RepositoryFolders.root();
    }

    /**
     * A scenario folder holds {@code input.yaml}, or {@code inputs.txt} listing files or globs relative to the
     * repository root (lines starting with # are comments).
     */
    public static List<ObjectNode> load(Path scenario) {
        try {
            List<String> texts = new ArrayList<>();
            Path single = scenario.resolve("input.yaml");
            if (Files.exists(single)) {
                texts.add(Files.readString(single));
            } else {
                for (Path file : listed(scenario.resolve("inputs.txt"))) {
                    texts.add(Files.readString(file));
                }
            }
            List<ObjectNode> out = new ArrayList<>();
            for (String text : texts) {
                out.addAll(parse(text));
            }
            stamp(out);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> listed(Path listFile) throws IOException {
        Path root = repoRoot();
        List<Path> files = new ArrayList<>();
        for (String line : Files.readAllLines(listFile)) {
            String entry = line.strip();
            if (entry.isEmpty() || entry.startsWith("#")) {
                continue;
            }
            Path pattern = root.resolve(entry).normalize();
            Path dir = pattern.getParent();
            PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
            try (var stream = Files.list(dir)) {
                List<Path> matched = stream.filter(matcher::matches).sorted().toList();
                if (matched.isEmpty()) {
                    throw new IOException(listFile + ": nothing matches " + entry);
                }
                files.addAll(matched);
            }
        }
        return files;
    }

    /** Parses multi-document YAML into objects, skipping empty documents. */
    public static List<ObjectNode> parse(String yaml) throws IOException {
        List<ObjectNode> out = new ArrayList<>();
        try (JsonParser parser = Manifests.YAML.getFactory().createParser(yaml);
             MappingIterator<JsonNode> docs = Manifests.YAML.readValues(parser, JsonNode.class)) {
            while (docs.hasNext()) {
                JsonNode doc = docs.next();
                if (doc instanceof ObjectNode obj && !obj.isEmpty()) {
                    out.add(obj);
                }
            }
        }
        return out;
    }

    /** Sets generation 1 and increasing creation timestamps where the manifests do not. */
    public static void stamp(List<ObjectNode> manifests) {
        Instant next = EPOCH;
        for (ObjectNode manifest : manifests) {
            ObjectNode metadata = manifest.withObjectProperty("metadata");
            if (!metadata.has("generation")) {
                metadata.put("generation", 1);
            }
            if (!metadata.has("creationTimestamp")) {
                metadata.put("creationTimestamp", next.toString());
            }
            next = next.plusSeconds(1);
        }
    }
}
