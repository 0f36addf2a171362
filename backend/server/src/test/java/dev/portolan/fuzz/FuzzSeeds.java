package dev.portolan.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portolan.model.Manifests;
import dev.portolan.testing.RepositoryFolders;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The valid manifests the fuzzer starts from: the demo's and every conformance case's (base manifests and each
 * case's own), all from the repository.
 */
final class FuzzSeeds {
    static final Path DEMO = RepositoryFolders.root().resolve("deploy/examples/demo");
    static final Path CONFORMANCE_CASES = RepositoryFolders.conformanceCases();

    private FuzzSeeds() {
    }

    static List<ObjectNode> load() {
        List<ObjectNode> seeds = new ArrayList<>();
        try (Stream<Path> files = Files.list(DEMO)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                addYaml(Files.readString(file), seeds);
            }
            Path base = CONFORMANCE_CASES.resolve("base/manifests.yaml");
            if (Files.exists(base)) {
                addYaml(Files.readString(base), seeds);
            }
            if (Files.isDirectory(CONFORMANCE_CASES)) {
                try (Stream<Path> cases = Files.list(CONFORMANCE_CASES)) {
                    for (Path file : cases.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                        JsonNode manifests = Manifests.JSON.readTree(file.toFile()).path("manifests");
                        for (JsonNode manifest : manifests) {
                            addYaml(manifest.path("yaml").asText(), seeds);
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the fuzz seeds", e);
        }
        return seeds;
    }

    private static void addYaml(String yaml, List<ObjectNode> seeds) throws IOException {
        try (MappingIterator<JsonNode> documents = Manifests.YAML.readerFor(JsonNode.class).readValues(yaml)) {
            while (documents.hasNext()) {
                if (documents.next() instanceof ObjectNode object && object.has("kind")) {
                    seeds.add(object);
                }
            }
        }
    }
}
