package dev.portolan.api.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portolan.api.trace.PipelineFixtures;
import dev.portolan.api.trace.PipelineFixtures.Pipeline;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The topology of the demo manifests (the announcement's examples) from the real pipeline. */
class TopologyBuilderTest {
    private static final Pipeline DEMO = PipelineFixtures.demo();
    private static final TopologyGraph GRAPH = TopologyBuilder.build(3, DEMO.resources(), DEMO.computed());

    private static Set<String> ids(TopologyGraph graph) {
        return graph.nodes().stream().map(TopologyNode::id).collect(Collectors.toSet());
    }

    @Test
    void nodesRunFromClassToBackendsThenPoliciesInAStableOrder() {
        List<String> ids = GRAPH.nodes().stream().map(TopologyNode::id).toList();
        assertEquals("GatewayClass/portolan", ids.get(0));
        assertEquals(List.of("Gateway/default/example-gateway", "Gateway/default/hello-world"), ids.subList(1, 3));
        assertTrue(ids.indexOf("HTTPRoute/default/auth") < ids.indexOf("Service/default/auth-service"));
        assertTrue(ids.indexOf("Service/default/timeout-svc") < ids.indexOf("TimeoutPolicy/default/class-defaults"));
        assertTrue(ids.contains("BackendTLSPolicy/default/tls-upstream-auth"), ids.toString());
        assertEquals(GRAPH, TopologyBuilder.build(3, DEMO.resources(), DEMO.computed()), "deterministic");
        TopologyNode gateway = GRAPH.node("Gateway/default/hello-world").orElseThrow();
        assertEquals(TopologyNode.OK, gateway.status());
        assertEquals("/api/v1/gateways/default/hello-world", gateway.self());
    }

    @Test
    void edgesCarryTheirType() {
        List<TopologyEdge> edges = GRAPH.edges();
        assertTrue(edges.contains(new TopologyEdge("GatewayClass/portolan", "Gateway/default/hello-world", "class")));
        assertTrue(edges.contains(new TopologyEdge("Gateway/default/hello-world", "HTTPRoute/default/echo", "parent")));
        assertTrue(edges.contains(new TopologyEdge("Gateway/default/example-gateway", "HTTPRoute/default/echo",
                "parent")));
        assertTrue(edges.contains(new TopologyEdge("HTTPRoute/default/timeout-example",
                "Service/default/timeout-svc", "backend")));
        assertTrue(edges.contains(new TopologyEdge("TimeoutPolicy/default/hello-world-cap",
                "Gateway/default/hello-world", "policy")));
        assertTrue(edges.contains(new TopologyEdge("TimeoutPolicy/default/class-defaults", "GatewayClass/portolan",
                "policy")));
        assertTrue(edges.contains(new TopologyEdge("BackendTLSPolicy/default/tls-upstream-auth",
                "Service/default/auth-service", "policy")));
        assertEquals(edges.stream().sorted().toList(), edges, "edges sorted");
    }

    @Test
    void theNeighbourhoodOfARouteIsItsAncestorsBackendsAndTheirPolicies() {
        TopologyGraph auth = GRAPH.neighbourhood("HTTPRoute/default/auth");

        assertEquals(Set.of("GatewayClass/portolan", "Gateway/default/example-gateway", "HTTPRoute/default/auth",
                "Service/default/auth-service", "BackendTLSPolicy/default/tls-upstream-auth",
                "TimeoutPolicy/default/class-defaults"), ids(auth));
        assertFalse(auth.edges().isEmpty());
        assertTrue(auth.edges().stream().allMatch(e -> ids(auth).contains(e.from()) && ids(auth).contains(e.to())));
    }

    @Test
    void theNeighbourhoodOfAGatewayHoldsItsRoutesAndBackendsButNotOtherGateways() {
        Set<String> hello = ids(GRAPH.neighbourhood("Gateway/default/hello-world"));

        assertTrue(hello.containsAll(Set.of("GatewayClass/portolan", "HTTPRoute/default/echo", "Service/default/echo",
                "TimeoutPolicy/default/hello-world-cap", "TimeoutPolicy/default/class-defaults")), hello.toString());
        assertFalse(hello.contains("Gateway/default/example-gateway"), "a sibling of the route's other parent");
        assertFalse(hello.contains("HTTPRoute/default/auth"));
    }

    @Test
    void aNamespaceFilterKeepsItsObjectsAndTheClassesTheyUse() {
        Pipeline pipeline = PipelineFixtures.demoWith("""
                apiVersion: gateway.networking.k8s.io/v1
                kind: Gateway
                metadata: {name: other, namespace: team-b}
                spec:
                  gatewayClassName: portolan
                  listeners:
                  - {name: http, protocol: HTTP, port: 8081}
                ---
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata: {name: missing-backend, namespace: team-b}
                spec:
                  parentRefs: [{name: other}]
                  rules:
                  - backendRefs: [{name: nowhere, port: 80}]
                """);
        TopologyGraph graph = TopologyBuilder.build(1, pipeline.resources(), pipeline.computed());
        TopologyGraph teamB = graph.inNamespace("team-b");

        assertEquals(Set.of("GatewayClass/portolan", "Gateway/team-b/other", "HTTPRoute/team-b/missing-backend",
                "Service/team-b/nowhere"), ids(teamB));
        assertEquals(TopologyNode.ERROR, teamB.node("Service/team-b/nowhere").orElseThrow().status());
        assertEquals(TopologyNode.WARNING, teamB.node("HTTPRoute/team-b/missing-backend").orElseThrow().status(),
                "ResolvedRefs False, Accepted True");
    }

    @Test
    void jsonHasTheDocumentedShape() {
        ObjectNode json = TopologyJson.of(GRAPH);

        assertEquals(3, json.path("snapshotVersion").asLong());
        assertEquals(GRAPH.nodes().size(), json.path("nodes").size());
        assertEquals("GatewayClass", json.at("/nodes/0/kind").asText());
        assertEquals("Gateway", json.at("/nodes/1/kind").asText());
        assertEquals("default", json.at("/nodes/1/namespace").asText());
        assertEquals("example-gateway", json.at("/nodes/1/name").asText());
        assertEquals("ok", json.at("/nodes/1/status").asText());
        assertEquals("/api/v1/gateways/default/example-gateway", json.at("/nodes/1/links/self").asText());
        assertEquals(GRAPH.edges().size(), json.path("edges").size());
    }

    @Test
    void dotIsWellFormedWithDashedPolicyEdges() throws Exception {
        String dot = TopologyDot.render(GRAPH);

        DotChecks.assertWellFormed(dot);
        assertTrue(dot.contains("rankdir=LR;"));
        assertTrue(dot.contains("subgraph \"cluster_default\""));
        assertTrue(dot.contains("\"TimeoutPolicy/default/hello-world-cap\" -> \"Gateway/default/hello-world\" "
                + "[label=\"policy\", style=dashed"), dot);
        assertTrue(dot.contains("\"Gateway/default/hello-world\" [label=\"Gateway\\nhello-world\", shape=box3d"));
        DotChecks.graphvizAccepts(dot);
    }

    @Test
    void dotQuotesAwkwardNames() {
        TopologyGraph odd = new TopologyGraph(1, List.of(
                new TopologyNode(dev.portolan.model.ResourceKey.of("x", "Thing", "a\"b", "c\\d"), "Thing/a\"b/c\\d",
                        "ok", null)), List.of());
        String dot = TopologyDot.render(odd);
        DotChecks.assertWellFormed(dot);
        assertTrue(dot.contains("\"Thing/a\\\"b/c\\\\d\""), dot);
    }

    @Test
    void thirdPartyPoliciesFromThePolicyReportAttachToTheirTargets() throws Exception {
        String yaml = java.nio.file.Files.readString(dev.portolan.testing.ScenarioInputs.repoRoot()
                .resolve("backend/core/src/test/resources/golden/third-party-policies/input.yaml"));
        Pipeline pipeline = PipelineFixtures.of(yaml);
        TopologyGraph graph = TopologyBuilder.build(1, pipeline.resources(), pipeline.computed());

        List<TopologyEdge> policyEdges = graph.edges().stream().filter(e -> e.type().equals("policy")).toList();
        assertTrue(policyEdges.stream().anyMatch(e -> e.from().startsWith("RetryPolicy/")
                && e.to().startsWith("Gateway/")), graph.edges().toString());
        assertTrue(policyEdges.stream().anyMatch(e -> e.from().startsWith("RateLimit/")
                && e.to().startsWith("HTTPRoute/")), graph.edges().toString());
        DotChecks.assertWellFormed(TopologyDot.render(graph));
    }
}
