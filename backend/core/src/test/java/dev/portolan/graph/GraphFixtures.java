package dev.portolan.graph;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import dev.portolan.model.Manifests;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import dev.portolan.model.ApiGroups;
import dev.portolan.model.ResourceKey;
import dev.portolan.model.ResourceSet;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Small helpers for graph unit tests: YAML in, graph out. */
final class GraphFixtures {
    static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    static final String GATEWAY_CLASS = """
            apiVersion: gateway.networking.k8s.io/v1
            kind: GatewayClass
            metadata: {name: portolan, generation: 1}
            spec: {controllerName: portolan.dev/gateway-controller}
            """;

    private GraphFixtures() {
    }

    static ResourceSet resources(String yaml) {
        List<JsonNode> docs = new ArrayList<>();
        try (MappingIterator<JsonNode> it = Manifests.YAML.readerFor(JsonNode.class).readValues(yaml)) {
            while (it.hasNext()) {
                JsonNode doc = it.next();
                if (doc.isObject()) {
                    docs.add(doc);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot parse test YAML", e);
        }
        return ResourceSet.of(docs);
    }

    static ResourceGraph build(String yaml) {
        return GraphBuilder.build(resources(yaml), new GraphOptions(GraphOptions.PORTOLAN_CONTROLLER, NOW,
                key -> Optional.of("127.0.0.1")));
    }

    static ResourceKey gateway(String namespace, String name) {
        return ResourceKey.of(ApiGroups.GATEWAY, ApiGroups.GATEWAY_KIND, namespace, name);
    }

    static ResourceKey route(String namespace, String name) {
        return ResourceKey.of(ApiGroups.GATEWAY, ApiGroups.HTTP_ROUTE, namespace, name);
    }

    static ResourceKey service(String namespace, String name) {
        return ResourceKey.of(ApiGroups.CORE, ApiGroups.SERVICE, namespace, name);
    }
}
