package dev.portolan.conformance;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portolan.model.Manifests;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The checks must fail on wrong expectations and stale statuses, or a green conformance run means nothing. */
class ConformanceStatusChecksTest {
    private static final String ROUTE_CONDITION = """
            {"type": "expectRouteCondition", "route": "gateway-conformance-infra/invalid-nonexistent-backend-ref",
             "gateway": "gateway-conformance-infra/same-namespace",
             "condition": {"type": "ResolvedRefs", "status": "False", "reason": "%s"}}""";

    private final ConformanceCase nonexistentBackend = ConformanceCase.load(
            StatusConformanceTest.casesFolder().resolve("httproute-invalid-nonexistent-backendref.json"));

    @Test
    void passesTheRightReasonAndFailsAWrongOne() throws Exception {
        ConformanceObjects objects = nonexistentBackend.initialObjects("portolan", GraphOptions.PORTOLAN_CONTROLLER, List.of());
        ConformanceStatusChecks checks = checks(objects, build(objects));
        assertDoesNotThrow(() -> checks.check(step(ROUTE_CONDITION.formatted("BackendNotFound"))));
        AssertionError wrong = assertThrows(AssertionError.class,
                () -> checks.check(step(ROUTE_CONDITION.formatted("RefNotPermitted"))));
        assertTrue(wrong.getMessage().contains("is BackendNotFound, expected RefNotPermitted"), wrong.getMessage());
    }

    @Test
    void failsWhenTheStatusIsForAnOlderGeneration() throws Exception {
        ConformanceObjects objects = nonexistentBackend.initialObjects("portolan", GraphOptions.PORTOLAN_CONTROLLER, List.of());
        ResourceGraph stale = build(objects);
        objects.applyStep(step("""
                {"type": "patch", "object": {"apiVersion": "gateway.networking.k8s.io/v1", "kind": "HTTPRoute",
                 "namespace": "gateway-conformance-infra", "name": "invalid-nonexistent-backend-ref"},
                 "jsonPatch": [{"op": "add", "path": "/spec/hostnames", "value": ["a.example"]}]}"""));
        AssertionError error = assertThrows(AssertionError.class,
                () -> checks(objects, stale).check(step(ROUTE_CONDITION.formatted("BackendNotFound"))));
        assertTrue(error.getMessage().contains("observedGeneration is 1, metadata.generation is 2"), error.getMessage());
        assertDoesNotThrow(() -> checks(objects, build(objects)).check(step(ROUTE_CONDITION.formatted("BackendNotFound"))));
    }

    private static ResourceGraph build(ConformanceObjects objects) {
        return GraphBuilder.build(objects.resourceSet(), new GraphOptions(GraphOptions.PORTOLAN_CONTROLLER,
                GraphFixtures.NOW, key -> Optional.of("127.0.0.1")));
    }

    private static ConformanceStatusChecks checks(ConformanceObjects objects, ResourceGraph graph) {
        return new ConformanceStatusChecks(objects, key -> Optional.<JsonNode>ofNullable(graph.statuses().get(key)),
                GraphOptions.PORTOLAN_CONTROLLER);
    }

    private static JsonNode step(String json) throws Exception {
        return Manifests.JSON.readTree(json);
    }
}
