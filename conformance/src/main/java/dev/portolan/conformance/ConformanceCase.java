package dev.portolan.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portolan.model.Manifests;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/** One case file of the portable conformance suite (schema: {@code cases/README.md}). */
public record ConformanceCase(Path file, String name, List<String> manifestYamls, List<JsonNode> steps) {
    /** Steps that need a running data plane; status-only implementations skip them. */
    public static final Set<String> DATA_PLANE_STEPS = Set.of(
            "http", "weightedDistribution", "mirrorDistribution", "websocket", "repeat");
    public static final Set<String> MUTATION_STEPS = Set.of("patch", "apply", "delete");

    public static ConformanceCase load(Path file) {
        JsonNode root = readJson(file);
        List<String> yamls = new ArrayList<>();
        root.path("manifests").forEach(m -> yamls.add(m.path("yaml").asText()));
        List<JsonNode> steps = new ArrayList<>();
        root.path("steps").forEach(steps::add);
        return new ConformanceCase(file, root.path("name").asText(file.getFileName().toString()), List.copyOf(yamls), List.copyOf(steps));
    }

    /** Every case file of a folder (not index.json), sorted by file name. */
    public static List<ConformanceCase> loadAll(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".json"))
                    .filter(f -> !f.getFileName().toString().equals("index.json"))
                    .sorted().map(ConformanceCase::load).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list conformance cases in " + folder, e);
        }
    }

    /** The case's own objects, in file order (the order they must be created in). */
    public List<ObjectNode> manifests(Map<String, String> placeholders) {
        List<ObjectNode> out = new ArrayList<>();
        manifestYamls.forEach(yaml -> out.addAll(YamlDocuments.parse(yaml, placeholders)));
        return out;
    }

    /** {@code base/manifests.yaml} of a cases folder, placeholders replaced. */
    public static List<ObjectNode> baseManifests(Path casesFolder, Map<String, String> placeholders) {
        return YamlDocuments.parse(readText(casesFolder.resolve("base").resolve("manifests.yaml")), placeholders);
    }

    public static JsonNode programmaticResourcesDescription(Path casesFolder) {
        return readJson(casesFolder.resolve("base").resolve("programmatic-resources.json"));
    }

    private static JsonNode readJson(Path file) {
        try {
            return Manifests.JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static String readText(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
