package dev.portolan.snapshot;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portolan.graph.GraphOptions;
import dev.portolan.model.Manifests;
import dev.portolan.model.ResourceKey;
import dev.portolan.model.ResourceSet;
import dev.portolan.testing.GoldenFiles;
import dev.portolan.testing.ScenarioInputs;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Golden files for the whole pure pipeline: each folder under {@code src/test/resources/golden} holds the input
 * manifests and the expected statuses ({@code expected-status.yaml}) and effective policies, timeouts and backend
 * TLS ({@code expected-effective.json}). {@code -Dgolden.update=true} rewrites them.
 */
class GoldenGraphTest {
    private static final Path ROOT = Path.of("src/test/resources/golden");
    static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

    @TestFactory
    Stream<DynamicTest> scenarios() {
        return GoldenFiles.scenarios(ROOT).stream()
                .map(dir -> DynamicTest.dynamicTest(dir.getFileName().toString(), () -> check(dir)));
    }

    private static void check(Path scenario) throws Exception {
        List<ObjectNode> manifests = ScenarioInputs.load(scenario);
        ComputedState state = compute(manifests);

        Map<String, ObjectNode> statuses = new TreeMap<>();
        state.statuses().forEach((key, status) -> statuses.put(key.toString(), status));
        GoldenFiles.assertMatches(scenario.resolve("expected-status.yaml"),
                Manifests.YAML.writeValueAsString(statuses));
        GoldenFiles.assertMatches(scenario.resolve("expected-effective.json"),
                Manifests.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(EffectiveReport.of(state)) + "\n");
    }

    /** Runs the pipeline with addresses 127.0.0.10, .11, ... given to Gateways in key order. */
    static ComputedState compute(List<ObjectNode> manifests) {
        ResourceSet resources = ResourceSet.of(BuiltInResources.withBuiltIns(manifests));
        List<ResourceKey> gateways = resources.gateways().stream()
                .map(g -> ResourceKey.of("gateway.networking.k8s.io", "Gateway", g.getMetadata().getNamespace(),
                        g.getMetadata().getName()))
                .sorted(Comparator.naturalOrder())
                .toList();
        GraphOptions options = new GraphOptions(GraphOptions.PORTOLAN_CONTROLLER, NOW, key -> {
            int index = gateways.indexOf(key);
            return index < 0 ? Optional.empty() : Optional.of("127.0.0." + (10 + index));
        });
        return ControlPlanePipeline.compute(resources, options);
    }
}
