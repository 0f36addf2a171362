package dev.portolan.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portolan.model.ApiGroups;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class KindCatalogTest {
    private static final String GW = ApiGroups.GATEWAY;

    private static ObjectNode crd(String group, String kind, boolean namespaced, List<String> versions, String label) {
        return MockApiServer.documents(MockApiServer.crd(group, kind, namespaced, versions, label)).get(0);
    }

    private static Map<String, WatchedKind> byGroupKind(KindCatalog.Plan plan) {
        return plan.kinds().stream().collect(Collectors.toMap(WatchedKind::groupKind, Function.identity()));
    }

    @Test
    void withoutCrdsOnlyBuiltInKindsAreReadAndEveryGatewayKindIsAProblem() {
        KindCatalog.Plan plan = KindCatalog.plan(List.of());
        assertEquals(KindCatalog.BUILT_IN.size(), plan.kinds().size());
        assertEquals(5, plan.problems().size(), plan.problems().toString());
        assertTrue(plan.problems().get(0).describe().contains("is not installed"), plan.problems().get(0).describe());
    }

    @Test
    void eachGatewayKindIsReadInItsMostPreferredServedVersion() {
        KindCatalog.Plan plan = KindCatalog.plan(List.of(
                crd(GW, "HTTPRoute", true, List.of("v1beta1", "v1"), null),
                crd(GW, "BackendTLSPolicy", true, List.of("v1alpha2", "v1alpha3"), "Direct"),
                crd(GW, "ReferenceGrant", true, List.of("v1beta1"), null),
                crd(GW, "Gateway", true, List.of("v2alpha1"), null)));
        Map<String, WatchedKind> kinds = byGroupKind(plan);
        assertEquals("v1", kinds.get("HTTPRoute." + GW).version());
        assertEquals("v1alpha3", kinds.get("BackendTLSPolicy." + GW).version());
        assertEquals("backendtlspolicies", kinds.get("BackendTLSPolicy." + GW).plural());
        assertEquals("v1beta1", kinds.get("ReferenceGrant." + GW).version());
        assertFalse(kinds.containsKey("Gateway." + GW), "no version Portolan reads");
        assertTrue(plan.problems().stream().anyMatch(p -> p.reason().contains("serves [v2alpha1]")),
                plan.problems().toString());
        assertEquals(1, plan.kinds().stream().filter(k -> k.kind().equals("BackendTLSPolicy")).count(),
                "the policy label does not read BackendTLSPolicy twice");
    }

    @Test
    void policyCrdsAreDiscoveredByTheirLabelInTheirStorageVersion() {
        ObjectNode timeout = crd(ApiGroups.PORTOLAN, "TimeoutPolicy", true, List.of("v1alpha2", "v1alpha1"),
                "Inherited");
        ObjectNode unlabelled = crd("example.com", "Widget", true, List.of("v1"), null);
        Map<String, WatchedKind> kinds = byGroupKind(KindCatalog.plan(List.of(timeout, unlabelled)));
        WatchedKind policy = kinds.get("TimeoutPolicy." + ApiGroups.PORTOLAN);
        assertEquals("v1alpha2", policy.version());
        assertTrue(policy.namespaced());
        assertFalse(kinds.containsKey("Widget.example.com"), "only policy CRDs are read");
    }
}
