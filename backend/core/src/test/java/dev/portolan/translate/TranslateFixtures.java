package dev.portolan.translate;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portolan.graph.GraphOptions;
import dev.portolan.model.Manifests;
import dev.portolan.model.ResourceSet;
import dev.portolan.proxy.config.BackendConfig;
import dev.portolan.proxy.config.GatewayConfig;
import dev.portolan.proxy.config.ListenerConfig;
import dev.portolan.proxy.config.RouteConfig;
import dev.portolan.proxy.config.RuleConfig;
import dev.portolan.pipeline.BuiltInResources;
import dev.portolan.pipeline.ControlPlanePipeline;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** YAML in, translation out; a Gateway {@code default/gw} (HTTP :80) and Service {@code default/web:8080}. */
final class TranslateFixtures {
    static final String BASE = """
            apiVersion: gateway.networking.k8s.io/v1
            kind: GatewayClass
            metadata: {name: portolan}
            spec: {controllerName: portolan.dev/gateway-controller}
            ---
            apiVersion: gateway.networking.k8s.io/v1
            kind: Gateway
            metadata: {name: gw, namespace: default}
            spec:
              gatewayClassName: portolan
              listeners:
              - {name: http, protocol: HTTP, port: 80}
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: web, namespace: default}
            spec:
              ports:
              - {name: http, port: 8080, targetPort: 3000}
            ---
            apiVersion: discovery.k8s.io/v1
            kind: EndpointSlice
            metadata:
              name: web-1
              namespace: default
              labels: {kubernetes.io/service-name: web}
            addressType: IPv4
            endpoints:
            - addresses: ["10.0.0.2"]
              conditions: {ready: true}
            - addresses: ["10.0.0.1"]
              conditions: {ready: true}
            - addresses: ["10.0.0.3"]
              conditions: {ready: false}
            ports:
            - {name: http, port: 3000}
            """;

    private TranslateFixtures() {
    }

    static Translation translate(String yaml) {
        ResourceSet resources = ResourceSet.of(BuiltInResources.withBuiltIns(parse(yaml)));
        GraphOptions options = new GraphOptions(GraphOptions.PORTOLAN_CONTROLLER, Instant.parse("2026-06-01T00:00:00Z"),
                key -> Optional.of("127.0.0.10"));
        return ProxyConfigTranslator.translateWithProblems(resources, ControlPlanePipeline.compute(resources, options));
    }

    /** BASE plus an HTTPRoute {@code default/r} on gw with the given rules YAML (indented as list items). */
    static Translation route(String rules) {
        return translate(BASE + """
                ---
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata: {name: r, namespace: default, creationTimestamp: "2026-01-02T03:04:05Z"}
                spec:
                  parentRefs: [{name: gw}]
                  rules:
                """ + rules.indent(2));
    }

    static GatewayConfig gateway(Translation t, String name) {
        return t.config().gateways().stream().filter(g -> g.name().equals(name)).findFirst().orElseThrow();
    }

    static ListenerConfig listener(Translation t, String gateway, String listener) {
        return gateway(t, gateway).listeners().stream().filter(l -> l.name().equals(listener)).findFirst()
                .orElseThrow(() -> new AssertionError("no listener " + listener + " in " + t));
    }

    static RouteConfig onlyRoute(Translation t) {
        List<RouteConfig> routes = listener(t, "gw", "http").routes();
        if (routes.size() != 1) {
            throw new AssertionError("expected one route, got " + routes);
        }
        return routes.get(0);
    }

    static RuleConfig rule(Translation t, int index) {
        return onlyRoute(t).rules().get(index);
    }

    static BackendConfig backend(Translation t, int rule) {
        return rule(t, rule).backends().get(0).backend();
    }

    static List<ObjectNode> parse(String yaml) {
        try (MappingIterator<ObjectNode> docs = Manifests.YAML.readerFor(ObjectNode.class).readValues(yaml)) {
            List<ObjectNode> out = new ArrayList<>();
            while (docs.hasNext()) {
                ObjectNode doc = docs.next();
                if (doc != null && !doc.isEmpty()) {
                    out.add(doc);
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
