package dev.portolan.graph;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portolan.model.ResourceSet;
import org.junit.jupiter.api.Test;

class ReferenceGrantsTest {
    private static final String GW = "gateway.networking.k8s.io";
    private final ResourceSet resources = GraphFixtures.resources("""
            apiVersion: gateway.networking.k8s.io/v1beta1
            kind: ReferenceGrant
            metadata: {name: routes-to-one-service, namespace: backends}
            spec:
              from: [{group: gateway.networking.k8s.io, kind: HTTPRoute, namespace: apps}]
              to: [{group: "", kind: Service, name: web}]
            ---
            apiVersion: gateway.networking.k8s.io/v1
            kind: ReferenceGrant
            metadata: {name: gateways-to-all-secrets, namespace: certs}
            spec:
              from: [{group: gateway.networking.k8s.io, kind: Gateway, namespace: infra}]
              to: [{group: "", kind: Secret}]
            """);

    @Test
    void sameNamespaceNeedsNoGrant() {
        assertTrue(ReferenceGrants.permits(resources, GW, "HTTPRoute", "x", "", "Service", "x", "any"));
    }

    @Test
    void grantWithNameAllowsOnlyThatObject() {
        assertTrue(ReferenceGrants.permits(resources, GW, "HTTPRoute", "apps", "", "Service", "backends", "web"));
        assertFalse(ReferenceGrants.permits(resources, GW, "HTTPRoute", "apps", "", "Service", "backends", "db"));
    }

    @Test
    void grantWithoutNameAllowsEveryObjectOfTheKind() {
        assertTrue(ReferenceGrants.permits(resources, GW, "Gateway", "infra", "", "Secret", "certs", "a"));
        assertTrue(ReferenceGrants.permits(resources, GW, "Gateway", "infra", null, "Secret", "certs", "b"));
    }

    @Test
    void fromNamespaceKindAndGroupMustAllMatch() {
        assertFalse(ReferenceGrants.permits(resources, GW, "HTTPRoute", "other", "", "Service", "backends", "web"));
        assertFalse(ReferenceGrants.permits(resources, GW, "Gateway", "apps", "", "Service", "backends", "web"));
        assertFalse(ReferenceGrants.permits(resources, "example.com", "HTTPRoute", "apps", "", "Service", "backends", "web"));
        assertFalse(ReferenceGrants.permits(resources, GW, "Gateway", "infra", "", "ConfigMap", "certs", "a"));
    }

    @Test
    void grantMustLiveInTheTargetNamespace() {
        assertFalse(ReferenceGrants.permits(resources, GW, "HTTPRoute", "apps", "", "Service", "elsewhere", "web"));
    }
}
