package dev.portolan.graph;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portolan.model.ResourceSet;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Listener;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AllowedRoutesTest {
    private final ResourceSet resources = GraphFixtures.resources("""
            apiVersion: v1
            kind: Namespace
            metadata: {name: web, labels: {team: web, tier: frontend}}
            ---
            apiVersion: v1
            kind: Namespace
            metadata: {name: batch, labels: {team: data}}
            ---
            apiVersion: gateway.networking.k8s.io/v1
            kind: Gateway
            metadata: {name: g, namespace: infra}
            spec:
              gatewayClassName: portolan
              listeners:
              - {name: default, port: 80, protocol: HTTP}
              - {name: all, port: 81, protocol: HTTP, allowedRoutes: {namespaces: {from: All}}}
              - name: selector
                port: 82
                protocol: HTTP
                allowedRoutes:
                  namespaces:
                    from: Selector
                    selector:
                      matchLabels: {team: web}
                      matchExpressions:
                      - {key: tier, operator: In, values: [frontend, edge]}
              - name: by-name
                port: 83
                protocol: HTTP
                allowedRoutes: {namespaces: {from: Selector, selector: {matchLabels: {kubernetes.io/metadata.name: batch}}}}
            """);

    private Listener listener(String name) {
        return resources.gateways().get(0).getSpec().getListeners().stream()
                .filter(l -> l.getName().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void sameIsTheDefault() {
        assertTrue(AllowedRoutes.allowsNamespace(resources, listener("default"), "infra", "infra"));
        assertFalse(AllowedRoutes.allowsNamespace(resources, listener("default"), "infra", "web"));
    }

    @Test
    void allAllowsEveryNamespace() {
        assertTrue(AllowedRoutes.allowsNamespace(resources, listener("all"), "infra", "batch"));
    }

    @Test
    void selectorUsesNamespaceLabelsWithMatchLabelsAndExpressions() {
        assertTrue(AllowedRoutes.allowsNamespace(resources, listener("selector"), "infra", "web"));
        assertFalse(AllowedRoutes.allowsNamespace(resources, listener("selector"), "infra", "batch"));
        assertFalse(AllowedRoutes.allowsNamespace(resources, listener("selector"), "infra", "missing"));
    }

    @Test
    void everyNamespaceCarriesItsNameLabel() {
        assertTrue(AllowedRoutes.allowsNamespace(resources, listener("by-name"), "infra", "batch"));
        assertFalse(AllowedRoutes.allowsNamespace(resources, listener("by-name"), "infra", "web"));
    }

    @Test
    void labelSelectorOperators() {
        Map<String, String> labels = Map.of("a", "1", "b", "2");
        assertTrue(LabelSelectors.matches(selector("a", "In", "1", "3"), labels));
        assertFalse(LabelSelectors.matches(selector("a", "NotIn", "1"), labels));
        assertTrue(LabelSelectors.matches(selector("c", "NotIn", "1"), labels));
        assertTrue(LabelSelectors.matches(selector("b", "Exists"), labels));
        assertFalse(LabelSelectors.matches(selector("b", "DoesNotExist"), labels));
        assertFalse(LabelSelectors.matches(selector("b", "Bogus"), labels));
        assertTrue(LabelSelectors.matches(new LabelSelector(), labels));
        assertFalse(LabelSelectors.matches(null, labels));
    }

    private static LabelSelector selector(String key, String operator, String... values) {
        return new LabelSelectorBuilder().addNewMatchExpression().withKey(key).withOperator(operator)
                .withValues(values).endMatchExpression().build();
    }
}
