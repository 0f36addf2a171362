package dev.portolan.api.trace;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portolan.graph.GraphOptions;
import dev.portolan.model.ResourceKey;
import dev.portolan.model.ResourceSet;
import dev.portolan.proxy.config.ProxyConfig;
import dev.portolan.pipeline.BuiltInResources;
import dev.portolan.pipeline.ComputedState;
import dev.portolan.pipeline.ControlPlanePipeline;
import dev.portolan.testing.ScenarioInputs;
import dev.portolan.translate.ProxyConfigTranslator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Runs the real pure pipeline (graph, policies, translate) over manifests, as the control plane does. */
public final class PipelineFixtures {
    static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

    /** What one snapshot gives the API: resources, computed state, and the proxy config translated from them. */
    public record Pipeline(ResourceSet resources, ComputedState computed, ProxyConfig config) {
        public CompiledConfig compiled() {
            return CompiledConfig.of(config);
        }
    }

    private PipelineFixtures() {
    }

    public static Pipeline demo() {
        return run(demoManifests(List.of()));
    }

    /** The demo manifests plus extra YAML documents. */
    public static Pipeline demoWith(String extraYaml) {
        try {
            return run(demoManifests(ScenarioInputs.parse(extraYaml)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Pipeline of(String yaml) {
        try {
            List<ObjectNode> manifests = ScenarioInputs.parse(yaml);
            ScenarioInputs.stamp(manifests);
            return run(manifests);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<ObjectNode> demoManifests(List<ObjectNode> extra) {
        Path demo = ScenarioInputs.repoRoot().resolve("deploy/examples/demo");
        List<ObjectNode> out = new ArrayList<>();
        try (var files = Files.list(demo)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                out.addAll(ScenarioInputs.parse(Files.readString(file)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.addAll(extra);
        ScenarioInputs.stamp(out);
        return out;
    }

    private static Pipeline run(List<ObjectNode> manifests) {
        ResourceSet resources = ResourceSet.of(BuiltInResources.withBuiltIns(manifests));
        List<ResourceKey> gateways = resources.gateways().stream()
                .map(g -> ResourceKey.of("gateway.networking.k8s.io", "Gateway", g.getMetadata().getNamespace(),
                        g.getMetadata().getName()))
                .sorted().toList();
        GraphOptions options = new GraphOptions(GraphOptions.PORTOLAN_CONTROLLER, NOW, key -> {
            int index = gateways.indexOf(key);
            return index < 0 ? Optional.empty() : Optional.of("127.0.0." + (10 + index));
        });
        ComputedState computed = ControlPlanePipeline.compute(resources, options);
        return new Pipeline(resources, computed, ProxyConfigTranslator.translate(resources, computed));
    }
}
