package dev.portolan.pipeline;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portolan.graph.GraphOptions;
import dev.portolan.graph.ReferenceIndex;
import dev.portolan.model.Manifests;
import dev.portolan.model.ResourceKey;
import dev.portolan.model.ResourceSet;
import dev.portolan.proxy.config.ContentVersion;
import dev.portolan.proxy.config.ProxyConfig;
import dev.portolan.proxy.config.ProxyConfigCodec;
import dev.portolan.translate.PrivateKeyRedaction;
import dev.portolan.translate.ProxyConfigTranslator;
import dev.portolan.translate.Translation;
import dev.portolan.testing.GoldenFiles;
import dev.portolan.testing.ScenarioInputs;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Golden files for the whole pure pipeline: each folder under {@code src/test/resources/golden} holds the input
 * manifests and the expected statuses ({@code expected-status.yaml}) and effective policies, timeouts and backend
 * TLS ({@code expected-effective.json}), the spec references and the ReferenceGrants admitting them
 * ({@code expected-references.txt}) and the translated proxy config ({@code expected-proxy-config.json}, version 1,
 * private keys redacted; what could not be translated in {@code expected-translation-problems.txt}). {@code -Dgolden.update=true} rewrites them.
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
        ResourceSet resources = resources(manifests);
        ComputedState state = compute(resources);

        Map<String, ObjectNode> statuses = new TreeMap<>();
        state.statuses().forEach((key, status) -> statuses.put(key.toString(), status));
        GoldenFiles.assertMatches(scenario.resolve("expected-status.yaml"),
                Manifests.YAML.writeValueAsString(statuses));
        GoldenFiles.assertMatches(scenario.resolve("expected-references.txt"), references(state.graph().references()));
        GoldenFiles.assertMatches(scenario.resolve("expected-effective.json"),
                Manifests.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(EffectiveReport.of(state)) + "\n");

        Translation translation = ProxyConfigTranslator.translateWithProblems(resources, state);
        ProxyConfig config = translation.config();
        assertEquals(config, ProxyConfigCodec.fromJson(ProxyConfigCodec.toJson(config)), "codec round trip");
        assertEquals(ContentVersion.of(config.gateways()), config.version(), "versioned by its content");
        String redacted = ProxyConfigCodec.toJson(PrivateKeyRedaction.withoutPrivateKeys(config));
        GoldenFiles.assertMatches(scenario.resolve("expected-proxy-config.json"), prettyContent(redacted));
        StringBuilder problems = new StringBuilder();
        translation.problems().forEach(p -> problems.append(p).append('\n'));
        GoldenFiles.assertMatches(scenario.resolve("expected-translation-problems.txt"), problems.toString());
    }

    /** One line per spec reference; a cross-namespace one names the ReferenceGrants admitting it, or none. */
    private static String references(ReferenceIndex index) {
        StringBuilder out = new StringBuilder();
        for (ReferenceIndex.Reference reference : index.all()) {
            out.append(reference.from()).append(' ').append(reference.field().path()).append(" -> ")
                    .append(reference.to());
            if (reference.crossNamespace()) {
                SortedSet<ResourceKey> grants = index.grantsAdmitting(reference.from(), reference.field(),
                        reference.to());
                out.append(grants.isEmpty() ? " (other namespace, no ReferenceGrant admits it)"
                        : " (admitted by " + grants.stream().map(ResourceKey::toString)
                                .collect(java.util.stream.Collectors.joining(", ")) + ")");
            }
            out.append('\n');
        }
        return out.toString();
    }

    /**
     * The codec writes compact JSON with sorted keys; re-indenting keeps that order and makes diffs readable. The
     * version (a digest of the rest, checked above) is left out so that a golden shows only what changed.
     */
    private static String prettyContent(String json) throws Exception {
        ObjectNode content = (ObjectNode) Manifests.JSON.readTree(json);
        content.remove("version");
        return Manifests.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(content) + "\n";
    }

    /** Runs the pipeline with addresses 127.0.0.10, .11, ... given to Gateways in key order. */
    static ComputedState compute(List<ObjectNode> manifests) {
        return compute(resources(manifests));
    }

    static ResourceSet resources(List<ObjectNode> manifests) {
        return ResourceSet.of(BuiltInResources.withBuiltIns(manifests));
    }

    static ComputedState compute(ResourceSet resources) {
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
