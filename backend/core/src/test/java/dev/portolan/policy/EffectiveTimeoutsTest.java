package dev.portolan.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portolan.model.ApiGroups;
import dev.portolan.model.ResourceKey;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Effective timeouts of route rules: rule value vs TimeoutPolicy defaults and overrides, validation. */
class EffectiveTimeoutsTest {
    private static final ResourceKey ROUTE = ResourceKey.of(ApiGroups.GATEWAY, "HTTPRoute", "default", "timeout-example");
    private static final ResourceKey GATEWAY = ResourceKey.of(ApiGroups.GATEWAY, "Gateway", "default", "example-gateway");
    private static final ResourceKey CLASS = ResourceKey.of(ApiGroups.GATEWAY, "GatewayClass", "", "portolan");

    private static final String TOPOLOGY = """
            apiVersion: gateway.networking.k8s.io/v1
            kind: GatewayClass
            metadata: {name: portolan}
            spec: {controllerName: portolan.dev/gateway-controller}
            ---
            apiVersion: gateway.networking.k8s.io/v1
            kind: Gateway
            metadata: {name: example-gateway, namespace: default}
            spec:
              gatewayClassName: portolan
              listeners: [{name: http, protocol: HTTP, port: 80}]
            ---
            """;

    /** The announcement's timeout-example route, with the rule's timeouts replaced. */
    private static String route(String timeouts) {
        return """
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata:
                  name: timeout-example
                spec:
                  parentRefs:
                  - name: example-gateway
                  rules:
                  - matches:
                    - path:
                        type: PathPrefix
                        value: /timeout
                %s
                    backendRefs:
                    - name: timeout-svc
                      port: 8080
                ---
                """.formatted(timeouts);
    }

    private static String policy(String name, String targetKind, String targetName, String body) {
        return """
                apiVersion: gateway.portolan.dev/v1alpha1
                kind: TimeoutPolicy
                metadata: {name: %s, namespace: default}
                spec:
                  targetRefs:
                  - {group: %s, kind: %s, name: %s}
                %s
                ---
                """.formatted(name, targetKind.equals("Namespace") ? "\"\"" : ApiGroups.GATEWAY, targetKind,
                targetName, body.indent(2).stripTrailing());
    }

    private static EffectiveRuleTimeouts timeouts(String documents) {
        PolicyReport report = PolicyEngine.compute(PolicyFixtures.withTimeoutCrd(TOPOLOGY + documents),
                PolicyOptions.defaults());
        return report.timeouts(ROUTE, "default/example-gateway", 0).orElseThrow();
    }

    @Test
    void announcementExampleWithoutPoliciesUsesTheRuleValues() {
        EffectiveRuleTimeouts result = timeouts(route("    timeouts:\n      request: 10s\n      backendRequest: 2s"));
        assertTrue(result.valid(), result.errors().toString());
        assertEquals(Duration.ofSeconds(10), result.request().orElseThrow().duration());
        assertEquals(Duration.ofSeconds(2), result.backendRequest().orElseThrow().duration());
        TimeoutOrigin origin = result.request().orElseThrow().origin();
        assertTrue(origin.fromRule());
        assertEquals(ROUTE, origin.object());
        assertEquals("spec.rules[0].timeouts.request", origin.field());
        assertEquals("spec.rules[0].timeouts.backendRequest", result.backendRequest().orElseThrow().origin().field());
    }

    @Test
    void ruleBeatsEveryDefaultButAGatewayOverrideBeatsTheRule() {
        EffectiveRuleTimeouts result = timeouts(route("    timeouts:\n      request: 10s")
                + policy("class-defaults", "GatewayClass", "portolan", "default:\n  request: 30s\n  backendRequest: 30s")
                + policy("gateway-override", "Gateway", "example-gateway", "override:\n  backendRequest: 5s"));
        assertTrue(result.valid(), result.errors().toString());

        TimeoutSetting request = result.request().orElseThrow();
        assertEquals("10s", request.value());
        assertTrue(request.origin().fromRule(), "the rule's own request beats the GatewayClass default");

        TimeoutSetting backendRequest = result.backendRequest().orElseThrow();
        assertEquals(Duration.ofSeconds(5), backendRequest.duration());
        TimeoutOrigin origin = backendRequest.origin();
        assertEquals(ResourceKey.of(ApiGroups.PORTOLAN, "TimeoutPolicy", "default", "gateway-override"), origin.object());
        assertEquals(PolicyLevel.GATEWAY, origin.level());
        assertEquals(GATEWAY, origin.target());
        assertTrue(origin.override());
        assertEquals("spec.override.backendRequest", origin.field());
    }

    @Test
    void policyDefaultAppliesWhereTheRuleIsSilent() {
        EffectiveRuleTimeouts result = timeouts(route("")
                + policy("class-defaults", "GatewayClass", "portolan", "default:\n  request: 30s"));
        TimeoutSetting request = result.request().orElseThrow();
        assertEquals(Duration.ofSeconds(30), request.duration());
        assertEquals(PolicyLevel.GATEWAY_CLASS, request.origin().level());
        assertEquals(CLASS, request.origin().target());
        assertFalse(request.origin().override());
        assertEquals("spec.default.request", request.origin().field());
        assertTrue(result.backendRequest().isEmpty());
    }

    @Test
    void overrideBeatsTheRuleValue() {
        EffectiveRuleTimeouts result = timeouts(route("    timeouts:\n      request: 10s")
                + policy("ns-cap", "Namespace", "default", "override:\n  request: 3s"));
        assertEquals("3s", result.request().orElseThrow().value());
        assertEquals(PolicyLevel.NAMESPACE, result.request().orElseThrow().origin().level());
    }

    @Test
    void invalidPolicyDurationIsReportedWithPolicyFieldAndValue() {
        EffectiveRuleTimeouts result = timeouts(route("")
                + policy("broken", "Gateway", "example-gateway", "default:\n  request: 10 seconds"));
        assertFalse(result.valid());
        assertNull(result.request().orElseThrow().duration());
        String error = result.errors().get(0);
        assertTrue(error.contains("TimeoutPolicy default/broken spec.default.request"), error);
        assertTrue(error.contains("\"10 seconds\""), error);
        assertTrue(error.contains("Gateway default/example-gateway"), error);
    }

    @Test
    void invalidRuleDurationIsReportedWithRouteFieldAndValue() {
        EffectiveRuleTimeouts result = timeouts(route("    timeouts:\n      backendRequest: 1.5s"));
        assertEquals(1, result.errors().size());
        String error = result.errors().get(0);
        assertTrue(error.contains("HTTPRoute default/timeout-example spec.rules[0].timeouts.backendRequest"), error);
        assertTrue(error.contains("\"1.5s\""), error);
    }

    @Test
    void backendRequestLongerThanRequestIsAnErrorNamingBothValues() {
        EffectiveRuleTimeouts result = timeouts(route("    timeouts:\n      request: 2s")
                + policy("slow-backends", "Gateway", "example-gateway", "override:\n  backendRequest: 5s"));
        assertEquals(1, result.errors().size());
        String error = result.errors().get(0);
        assertTrue(error.contains("backendRequest 5s"), error);
        assertTrue(error.contains("request 2s"), error);
        assertTrue(error.contains("TimeoutPolicy default/slow-backends spec.override.backendRequest"), error);
        assertTrue(error.contains("spec.rules[0].timeouts.request"), error);
    }

    @Test
    void zeroDisablesAndIsNotComparedWithBackendRequest() {
        EffectiveRuleTimeouts result = timeouts(route("    timeouts:\n      request: 0s\n      backendRequest: 5s"));
        assertTrue(result.valid(), result.errors().toString());
        assertTrue(result.request().orElseThrow().disabled());
        assertFalse(result.backendRequest().orElseThrow().disabled());
    }

    @Test
    void timeoutPolicyWithoutItsCrdDoesNotCount() {
        String documents = TOPOLOGY + route("") + policy("orphan", "Gateway", "example-gateway",
                "override:\n  request: 1s");
        PolicyReport report = PolicyEngine.compute(
                dev.portolan.model.ResourceSet.of(GwctlVectors.yamlDocuments(documents)), PolicyOptions.defaults());
        assertTrue(report.policies().isEmpty());
        EffectiveRuleTimeouts result = report.timeouts(ROUTE, "default/example-gateway", 0).orElseThrow();
        assertTrue(result.request().isEmpty());
        assertTrue(result.valid());
    }
}
