package dev.portolan.conformance;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portolan.model.Manifests;
import dev.portolan.model.ResourceKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The checks must fail on wrong expectations and stale statuses, or a green conformance run means nothing. */
class ConformanceStatusChecksTest {
    private static final String ROUTE_CONDITION = """
            {"type": "expectRouteCondition", "route": "gateway-conformance-infra/invalid-nonexistent-backend-ref",
             "gateway": "gateway-conformance-infra/same-namespace",
             "condition": {"type": "ResolvedRefs", "status": "False", "reason": "%s"}}""";
    private static final ResourceKey ROUTE = ObjectReferences.key("HTTPRoute", "gateway-conformance-infra/invalid-nonexistent-backend-ref");

    private final PureStatusPortolan portolan = new PureStatusPortolan(GatewayClassUnderTest.PORTOLAN.controllerName());
    private final List<ResourceKey> keys = new ArrayList<>();

    @BeforeEach
    void createTheCaseObjects() {
        ConformanceCase nonexistentBackend = ConformanceCase.load(
                StatusConformanceTest.casesFolder().resolve("httproute-invalid-nonexistent-backendref.json"));
        List<ObjectNode> objects = new ArrayList<>();
        objects.add(GatewayClassUnderTest.PORTOLAN.manifest());
        objects.addAll(ConformanceCase.baseManifests(StatusConformanceTest.casesFolder(), GatewayClassUnderTest.PORTOLAN.placeholders()));
        objects.addAll(nonexistentBackend.manifests(GatewayClassUnderTest.PORTOLAN.placeholders()));
        for (ObjectNode object : objects) {
            portolan.apply(object);
            keys.add(Manifests.keyOf(object));
        }
    }

    @Test
    void passesTheRightReasonAndFailsAWrongOne() throws Exception {
        ConformanceStatusChecks checks = checks(portolan::object);
        assertDoesNotThrow(() -> checks.check(step(ROUTE_CONDITION.formatted("BackendNotFound"))));
        AssertionError wrong = assertThrows(AssertionError.class,
                () -> checks.check(step(ROUTE_CONDITION.formatted("RefNotPermitted"))));
        assertTrue(wrong.getMessage().contains("is BackendNotFound, expected RefNotPermitted"), wrong.getMessage());
    }

    @Test
    void failsWhenTheStatusIsForAnOlderGeneration() throws Exception {
        JsonNode staleStatus = portolan.object(ROUTE).orElseThrow().get("status");
        new MutationSteps(portolan).run(step("""
                {"type": "patch", "object": {"apiVersion": "gateway.networking.k8s.io/v1", "kind": "HTTPRoute",
                 "namespace": "gateway-conformance-infra", "name": "invalid-nonexistent-backend-ref"},
                 "jsonPatch": [{"op": "add", "path": "/spec/hostnames", "value": ["a.example"]}]}"""));
        Function<ResourceKey, Optional<ObjectNode>> stale = key -> portolan.object(key).map(o -> {
            if (key.equals(ROUTE)) {
                o.set("status", staleStatus);
            }
            return o;
        });
        AssertionError error = assertThrows(AssertionError.class,
                () -> checks(stale).check(step(ROUTE_CONDITION.formatted("BackendNotFound"))));
        assertTrue(error.getMessage().contains("observedGeneration is 1, metadata.generation is 2"), error.getMessage());
        assertDoesNotThrow(() -> checks(portolan::object).check(step(ROUTE_CONDITION.formatted("BackendNotFound"))));
    }

    private ConformanceStatusChecks checks(Function<ResourceKey, Optional<ObjectNode>> objects) {
        return new ConformanceStatusChecks(objects, () -> keys, GatewayClassUnderTest.PORTOLAN.controllerName());
    }

    private static JsonNode step(String json) throws Exception {
        return Manifests.JSON.readTree(json);
    }
}
