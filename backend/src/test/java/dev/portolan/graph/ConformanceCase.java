package dev.portolan.graph;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
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

/**
 * One case file of the portable conformance suite (schema: {@code cases/README.md}) and the way to set up its
 * objects: a GatewayClass for the implementation, the base manifests, the programmatic Secrets/ConfigMaps, then the
 * case's own manifests, in that order.
 */
public record ConformanceCase(Path file, String name, List<String> manifestYamls, List<JsonNode> steps) {
    /** Steps that need a running data plane; status-only runners skip them. */
    public static final Set<String> DATA_PLANE_STEPS = Set.of(
            "http", "weightedDistribution", "mirrorDistribution", "websocket", "repeat",
            "expectGeneratedInfrastructureMetadata");
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

    /** The objects before the first step: class, base, programmatic resources, then the case's manifests. */
    public ConformanceObjects initialObjects(String className, String controllerName, List<ObjectNode> programmatic) {
        Map<String, String> placeholders = Map.of("{GATEWAY_CLASS_NAME}", className,
                "{GATEWAY_CONTROLLER_NAME}", controllerName);
        ConformanceObjects objects = new ConformanceObjects();
        objects.apply(gatewayClass(className, controllerName));
        Path base = file.getParent().resolve("base");
        ConformanceObjects.parseYaml(readText(base.resolve("manifests.yaml")), placeholders).forEach(objects::apply);
        programmatic.forEach(objects::apply);
        for (String yaml : manifestYamls) {
            ConformanceObjects.parseYaml(yaml, placeholders).forEach(objects::apply);
        }
        return objects;
    }

    public static JsonNode programmaticResourcesDescription(Path casesFolder) {
        return readJson(casesFolder.resolve("base").resolve("programmatic-resources.json"));
    }

    private static ObjectNode gatewayClass(String name, String controllerName) {
        ObjectNode manifest = JsonNodeFactory.instance.objectNode();
        manifest.put("apiVersion", "gateway.networking.k8s.io/v1");
        manifest.put("kind", "GatewayClass");
        manifest.putObject("metadata").put("name", name);
        manifest.putObject("spec").put("controllerName", controllerName);
        return manifest;
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
