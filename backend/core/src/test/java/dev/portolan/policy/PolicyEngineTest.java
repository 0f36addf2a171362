package dev.portolan.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portolan.model.ApiGroups;
import dev.portolan.model.Manifests;
import dev.portolan.model.ResourceKey;
import dev.portolan.model.ResourceSet;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The engine on gwctl's example data (README output) plus Portolan's TimeoutPolicy CRD. */
class PolicyEngineTest {
    private static final ResourceKey DEMO_SVC = ResourceKey.of("", "Service", "default", "demo-svc");
    private static PolicyReport report;

    @BeforeAll
    static void computeExample() {
        List<JsonNode> manifests = new ArrayList<>(GwctlVectors.yamlDocuments(
                GwctlVectors.CASES.resolve("example-resources.yaml")));
        manifests.addAll(GwctlVectors.yamlDocuments(GwctlVectors.CASES.resolve("example-policy-crds.yaml")));
        report = PolicyEngine.compute(ResourceSet.of(manifests), PolicyOptions.defaults());
    }

    @Test
    void policyCrdsAreTheLabelledOnesWithTheirType() {
        assertEquals(List.of("healthcheckpolicies.foo.com Direct true", "retryonpolicies.foo.com Direct true",
                        "timeoutpolicies.bar.com Inherited false", "tlsminimumversionpolicies.baz.com Direct true"),
                report.policyCrds().stream().map(c -> c.name() + " " + c.policyType() + " " + c.namespaced()).toList());
    }

    @Test
    void policiesListTargetsAndWhetherTheyExist() {
        assertEquals(8, report.policies().size());
        assertTrue(report.policies().stream().allMatch(p -> p.targets().size() == 1 && p.targets().get(0).exists()));
        PolicyInfo onClass = report.policies().stream()
                .filter(p -> p.policy().name().equals("demo-timeout-policy-on-gatewayclass")).findFirst().orElseThrow();
        assertEquals("", onClass.policy().namespace(), "cluster-scoped policy kind has no namespace");
        assertTrue(onClass.targets().get(0).exists());
        assertEquals(ResourceKey.of(ApiGroups.GATEWAY, "GatewayClass", "", "foo-com-external-gateway-class"),
                onClass.targets().get(0).target().key());
        // BackendTLSPolicy has its own Java type: not an otherObject, and its CRD is not loaded here anyway.
        assertTrue(report.policies().stream().noneMatch(p -> p.groupKind().startsWith("BackendTLSPolicy")));
    }

    @Test
    void backendEffectivePoliciesArePerReachableGateway() {
        ObjectPolicies backend = report.object(DEMO_SVC).orElseThrow();
        assertEquals(List.of("TLSMinimumVersionPolicy.baz.com default/demo-tls-min-version-policy-3"),
                backend.directlyAttached().stream().map(k -> k.groupKind() + " " + k.namespacedName()).toList());
        assertEquals(List.of("default/demo-gateway-1", "ns2/demo-gateway-2"),
                List.copyOf(backend.effectiveByGateway().keySet()));
        JsonNode viaGateway1 = backend.effectiveByGateway().get("default/demo-gateway-1")
                .get("TimeoutPolicy.bar.com").spec();
        assertEquals(json("{'timeout1':'parent','timeout2':'child','timeout3':'parent','timeout4':'child'}"),
                viaGateway1);
        // demo-gateway-2 has another class: only the backend's own namespace policy reaches demo-svc that way.
        EffectivePolicy viaGateway2 = backend.effectiveByGateway().get("ns2/demo-gateway-2")
                .get("TimeoutPolicy.bar.com");
        assertEquals(json("{'timeout1':'child','timeout2':'child','timeout3':'child','timeout4':'child'}"),
                viaGateway2.spec());
        EffectiveValue t1 = viaGateway2.values().get("timeout1");
        assertEquals(PolicyLevel.NAMESPACE, t1.level());
        assertEquals("demo-timeout-policy-on-namespace", t1.policy().name());
        assertTrue(t1.override());
    }

    @Test
    void routeSeesInheritedPoliciesOfItsGatewayAndNamespace() {
        ObjectPolicies route = report.object(ResourceKey.of(ApiGroups.GATEWAY, "HTTPRoute", "ns2", "demo-httproute-4"))
                .orElseThrow();
        assertEquals(List.of("default/demo-gateway-1"), List.copyOf(route.effectiveByGateway().keySet()));
        assertEquals(List.of("GatewayClass foo-com-external-gateway-class", "Namespace default"),
                route.inherited().stream().map(p -> p.targetKind() + " " + p.targetName()).toList());
    }

    @Test
    void routesWhoseParentGatewayDoesNotExistAttachNowhere() {
        ObjectPolicies route = report.object(
                ResourceKey.of(ApiGroups.GATEWAY, "HTTPRoute", "ns2", "httproute-with-x-ns-backend")).orElseThrow();
        assertTrue(route.effectiveByGateway().isEmpty());
        assertTrue(report.timeouts().stream().noneMatch(t -> t.route().equals(route.object())));
    }

    @Test
    void gatewayClassesAndNamespacesListDirectPolicies() {
        ObjectPolicies gatewayClass = report.object(
                ResourceKey.of(ApiGroups.GATEWAY, "GatewayClass", "", "foo-com-external-gateway-class")).orElseThrow();
        assertEquals(List.of("demo-timeout-policy-on-gatewayclass"),
                gatewayClass.directlyAttached().stream().map(ResourceKey::name).toList());
        ObjectPolicies namespace = report.object(ResourceKey.of("", "Namespace", "", "default")).orElseThrow();
        assertEquals(List.of("demo-timeout-policy-on-namespace"),
                namespace.directlyAttached().stream().map(ResourceKey::name).toList());
    }

    @Test
    void targetRefsListIsReadAndMissingTargetsAreFlagged() {
        PolicyReport own = PolicyEngine.compute(PolicyFixtures.withTimeoutCrd("""
                apiVersion: gateway.portolan.dev/v1alpha1
                kind: TimeoutPolicy
                metadata: {name: two-targets, namespace: team-a}
                spec:
                  targetRefs:
                  - {group: gateway.networking.k8s.io, kind: Gateway, name: missing}
                  - {group: "", kind: Namespace, name: team-a}
                  default: {request: 5s}
                """), PolicyOptions.defaults());
        PolicyInfo info = own.policies().get(0);
        assertEquals(ResourceKey.of(ApiGroups.PORTOLAN, "TimeoutPolicy", "team-a", "two-targets"), info.policy());
        assertEquals(ResourceKey.of(ApiGroups.GATEWAY, "Gateway", "team-a", "missing"),
                info.targets().get(0).target().key(), "target namespace defaults to the policy's");
        assertFalse(info.targets().get(0).exists());
        assertEquals(ResourceKey.of("", "Namespace", "", "team-a"), info.targets().get(1).target().key());
        assertFalse(info.targets().get(1).exists(), "no Namespace object and nothing else lives there");
    }

    @Test
    void outputIsDeterministic() {
        List<JsonNode> manifests = new ArrayList<>(GwctlVectors.yamlDocuments(
                GwctlVectors.CASES.resolve("example-policy-crds.yaml")));
        List<JsonNode> resources = new ArrayList<>(GwctlVectors.yamlDocuments(
                GwctlVectors.CASES.resolve("example-resources.yaml")));
        java.util.Collections.reverse(resources);
        manifests.addAll(resources);
        PolicyReport again = PolicyEngine.compute(ResourceSet.of(manifests), PolicyOptions.defaults());
        assertEquals(report.objects().keySet(), again.objects().keySet());
        assertEquals(report.policies(), again.policies());
        report.objects().forEach((key, view) -> {
            ObjectPolicies other = again.objects().get(key);
            assertEquals(view.directlyAttached(), other.directlyAttached(), key.toString());
            assertEquals(view.inherited(), other.inherited(), key.toString());
            assertEquals(view.attachedRoutes(), other.attachedRoutes(), key.toString());
        });
    }

    @Test
    void timeoutPolicyCrdIsAnInheritedNamespacedPolicyKindWithDurationPatterns() {
        JsonNode crd = GwctlVectors.yamlDocuments(PolicyFixtures.TIMEOUT_CRD).get(0);
        List<PolicyCrd> crds = PolicyDiscovery.policyCrds(ResourceSet.of(List.of(crd)));
        assertEquals(List.of(new PolicyCrd(TimeoutPolicies.CRD_NAME, ApiGroups.PORTOLAN, "TimeoutPolicy", "inherited",
                true, true)), crds);
        assertEquals(TimeoutPolicies.VERSION, crd.path("spec").path("versions").get(0).path("name").asText());
        JsonNode spec = crd.at("/spec/versions/0/schema/openAPIV3Schema/properties/spec/properties");
        assertEquals(List.of("GatewayClass", "Namespace", "Gateway", "HTTPRoute"),
                Manifests.JSON.convertValue(spec.at("/targetRef/properties/kind/enum"), List.class));
        for (String section : List.of("default", "override")) {
            for (String field : List.of("request", "backendRequest")) {
                Pattern pattern = Pattern.compile(spec.at("/" + section + "/properties/" + field + "/pattern").asText());
                for (String ok : List.of("0s", "10s", "500ms", "1h30m", "1h2m3s4ms")) {
                    assertTrue(pattern.matcher(ok).find(), section + "." + field + " accepts " + ok);
                }
                for (String bad : List.of("10", "1.5s", "-1s", "10 s", "123456s", "1d")) {
                    assertFalse(pattern.matcher(bad).find(), section + "." + field + " rejects " + bad);
                }
            }
        }
    }

    private static JsonNode json(String text) {
        try {
            return Manifests.JSON.readTree(text.replace('\'', '"'));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
