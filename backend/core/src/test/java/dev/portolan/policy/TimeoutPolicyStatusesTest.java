package dev.portolan.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portolan.graph.ReferenceIndex;
import dev.portolan.model.ApiGroups;
import dev.portolan.model.ResourceSet;
import dev.portolan.model.ResourceKey;
import java.time.Instant;
import java.util.SortedMap;
import org.junit.jupiter.api.Test;

/** The status Portolan writes on its own TimeoutPolicies: one ancestor per target, GEP-713 reasons. */
class TimeoutPolicyStatusesTest {
    private static final String CONTROLLER = "portolan.dev/gateway-controller";
    private static final Instant NOW = Instant.parse("2026-12-07T05:00:00Z");
    private static final String TOPOLOGY = """
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
              listeners: [{name: http, protocol: HTTP, port: 80}]
            ---
            """;

    private static String policy(String name, String created, int generation, String targets, String body) {
        return """
                apiVersion: gateway.portolan.dev/v1alpha1
                kind: TimeoutPolicy
                metadata: {name: %s, namespace: default, creationTimestamp: "%s", generation: %d}
                spec:
                  targetRefs:
                %s
                %s
                ---
                """.formatted(name, created, generation, targets.indent(2).stripTrailing(),
                body.indent(2).stripTrailing());
    }

    private static SortedMap<ResourceKey, ObjectNode> statuses(String documents) {
        ResourceSet resources = PolicyFixtures.withTimeoutCrd(TOPOLOGY + documents);
        return TimeoutPolicyStatuses.compute(resources, ReferenceIndex.of(resources), CONTROLLER, NOW);
    }

    private static JsonNode accepted(SortedMap<ResourceKey, ObjectNode> statuses, String policy, int ancestor) {
        ObjectNode status = statuses.get(ResourceKey.of(ApiGroups.PORTOLAN, "TimeoutPolicy", "default", policy));
        return status.path("ancestors").path(ancestor).path("conditions").path(0);
    }

    @Test
    void aPolicyOnAnExistingTargetIsAcceptedWithItsGeneration() {
        var statuses = statuses(policy("p", "2026-01-01T00:00:00Z", 3,
                "- {group: gateway.networking.k8s.io, kind: GatewayClass, name: portolan}", "default: {request: 30s}"));
        ObjectNode status = statuses.values().iterator().next();
        JsonNode ancestor = status.path("ancestors").path(0);
        assertEquals("GatewayClass", ancestor.at("/ancestorRef/kind").asText());
        assertEquals("portolan", ancestor.at("/ancestorRef/name").asText());
        assertTrue(ancestor.at("/ancestorRef/namespace").isMissingNode(), "a GatewayClass has no namespace");
        assertEquals(CONTROLLER, ancestor.path("controllerName").asText());
        JsonNode condition = accepted(statuses, "p", 0);
        assertEquals("Accepted", condition.path("type").asText());
        assertEquals("True", condition.path("status").asText());
        assertEquals("Accepted", condition.path("reason").asText());
        assertEquals(3, condition.path("observedGeneration").asLong());
        assertEquals("2026-12-07T05:00:00Z", condition.path("lastTransitionTime").asText());
    }

    @Test
    void eachTargetIsJudgedOnItsOwnAndAMissingOneIsTargetNotFound() {
        var statuses = statuses(policy("p", "2026-01-01T00:00:00Z", 1, """
                - {group: gateway.networking.k8s.io, kind: Gateway, name: gw}
                - {group: gateway.networking.k8s.io, kind: Gateway, name: nowhere}
                """, "override: {backendRequest: 5s}"));
        assertEquals("True", accepted(statuses, "p", 0).path("status").asText());
        JsonNode missing = accepted(statuses, "p", 1);
        assertEquals("False", missing.path("status").asText());
        assertEquals("TargetNotFound", missing.path("reason").asText());
        assertEquals("Gateway default/nowhere does not exist", missing.path("message").asText());
    }

    @Test
    void theNewerOfTwoPoliciesSettingTheSameValuesOnOneTargetIsConflicted() {
        String target = "- {group: gateway.networking.k8s.io, kind: Gateway, name: gw}";
        var statuses = statuses(policy("older", "2026-01-01T00:00:00Z", 1, target, "default: {request: 20s}")
                + policy("newer", "2026-02-01T00:00:00Z", 1, target, "default: {request: 40s}"));
        assertEquals("True", accepted(statuses, "older", 0).path("status").asText());
        JsonNode newer = accepted(statuses, "newer", 0);
        assertEquals("False", newer.path("status").asText());
        assertEquals("Conflicted", newer.path("reason").asText());
        assertTrue(newer.path("message").asText().contains("TimeoutPolicy default/older takes precedence"),
                newer.toString());
    }

    @Test
    void aPolicyThatKeepsSomeValuesIsAcceptedAndNamesTheOnesItLost() {
        String target = "- {group: gateway.networking.k8s.io, kind: Gateway, name: gw}";
        var statuses = statuses(policy("older", "2026-01-01T00:00:00Z", 1, target, "default: {request: 20s}")
                + policy("newer", "2026-02-01T00:00:00Z", 1, target,
                "default: {request: 40s, backendRequest: 4s}"));
        JsonNode newer = accepted(statuses, "newer", 0);
        assertEquals("True", newer.path("status").asText());
        assertTrue(newer.path("message").asText().contains("ignored: spec.default.request"), newer.toString());
    }

    @Test
    void aValueThatIsNoDurationIsInvalid() {
        var statuses = statuses(policy("p", "2026-01-01T00:00:00Z", 1,
                "- {group: gateway.networking.k8s.io, kind: Gateway, name: gw}", "default: {request: soon}"));
        JsonNode condition = accepted(statuses, "p", 0);
        assertEquals("False", condition.path("status").asText());
        assertEquals("Invalid", condition.path("reason").asText());
        assertTrue(condition.path("message").asText().startsWith("spec.default.request"), condition.toString());
    }

    @Test
    void aTargetKindATimeoutPolicyCannotAttachToIsInvalid() {
        var statuses = statuses(policy("p", "2026-01-01T00:00:00Z", 1,
                "- {group: \"\", kind: Service, name: web}", "default: {request: 5s}"));
        JsonNode condition = accepted(statuses, "p", 0);
        assertEquals("Invalid", condition.path("reason").asText());
    }
}
