package dev.portolan.graph;

import static dev.portolan.graph.GraphFixtures.gateway;
import static dev.portolan.graph.GraphFixtures.route;
import static dev.portolan.graph.GraphFixtures.service;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portolan.graph.ReferenceIndex.Field;
import dev.portolan.model.ApiGroups;
import dev.portolan.model.ResourceKey;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReferenceIndexTest {
    private static final String OBJECTS = """
            apiVersion: gateway.networking.k8s.io/v1
            kind: Gateway
            metadata: {name: web, namespace: edge}
            spec:
              gatewayClassName: portolan
              listeners: [{name: http, port: 80, protocol: HTTP}]
            ---
            apiVersion: gateway.networking.k8s.io/v1
            kind: HTTPRoute
            metadata: {name: shop, namespace: apps}
            spec:
              parentRefs:
              - {name: web, namespace: edge}
              - {name: gone}
              - {name: not-a-gateway, kind: Service, group: ""}
              rules:
              - backendRefs:
                - {name: cart, port: 80}
                - {name: stock, namespace: data, port: 80}
                - {name: vault, namespace: secure, port: 80}
                - {name: bucket, kind: S3Bucket, group: example.com}
                filters:
                - type: RequestMirror
                  requestMirror: {backendRef: {name: mirror, port: 80}}
            ---
            apiVersion: gateway.networking.k8s.io/v1beta1
            kind: ReferenceGrant
            metadata: {name: shop-to-data, namespace: data}
            spec:
              from: [{group: gateway.networking.k8s.io, kind: HTTPRoute, namespace: apps}]
              to: [{group: "", kind: Service}]
            ---
            apiVersion: gateway.networking.k8s.io/v1beta1
            kind: ReferenceGrant
            metadata: {name: only-other, namespace: data}
            spec:
              from: [{group: gateway.networking.k8s.io, kind: HTTPRoute, namespace: elsewhere}]
              to: [{group: "", kind: Service, name: stock}]
            ---
            apiVersion: gateway.networking.k8s.io/v1beta1
            kind: ReferenceGrant
            metadata: {name: wrong-kind, namespace: secure}
            spec:
              from: [{group: gateway.networking.k8s.io, kind: Gateway, namespace: apps}]
              to: [{group: "", kind: Service}]
            ---
            apiVersion: gateway.networking.k8s.io/v1beta1
            kind: ReferenceGrant
            metadata: {name: misplaced, namespace: apps}
            spec:
              from: [{group: gateway.networking.k8s.io, kind: HTTPRoute, namespace: apps}]
              to: [{group: "", kind: Service, name: vault}]
            """;

    private final ReferenceIndex index = ReferenceIndex.of(GraphFixtures.resources(OBJECTS));

    private static ResourceKey grant(String namespace, String name) {
        return ResourceKey.of(ApiGroups.GATEWAY, ApiGroups.REFERENCE_GRANT, namespace, name);
    }

    @Test
    void followsEachSpecFieldToWhatItNamesWhetherOrNotThatExists() {
        ResourceKey shop = route("apps", "shop");
        assertEquals(Set.of(gateway("edge", "web"), gateway("apps", "gone")), index.referencedBy(shop, Field.PARENT));
        assertEquals(Set.of(service("apps", "cart"), service("data", "stock"), service("secure", "vault")),
                index.referencedBy(shop, Field.BACKEND), "other kinds and mirror filters are not backendRefs");
        assertEquals(Set.of(ResourceKey.of(ApiGroups.GATEWAY, ApiGroups.GATEWAY_CLASS, "", "portolan")),
                index.referencedBy(gateway("edge", "web"), Field.GATEWAY_CLASS));
    }

    @Test
    void answersWhatPointsAtAnObject() {
        assertEquals(Set.of(route("apps", "shop")), index.referrersOf(gateway("edge", "web"), Field.PARENT));
        assertEquals(Set.of(route("apps", "shop")), index.referrersOf(service("data", "stock"), Field.BACKEND));
        assertTrue(index.referrersOf(service("apps", "mirror"), Field.BACKEND).isEmpty());
        assertTrue(index.referrersOf(gateway("edge", "web"), Field.BACKEND).isEmpty(), "fields are kept apart");
    }

    @Test
    void aCrossNamespaceReferenceIsAdmittedOnlyByAMatchingGrantInTheTargetsNamespace() {
        ResourceKey shop = route("apps", "shop");
        assertEquals(Set.of(grant("data", "shop-to-data")),
                index.grantsAdmitting(shop, Field.BACKEND, service("data", "stock")));
        assertTrue(index.grantsAdmitting(shop, Field.BACKEND, service("secure", "vault")).isEmpty(),
                "a grant from another kind, or in the route's own namespace, admits nothing");
        assertTrue(index.grantsAdmitting(shop, Field.BACKEND, service("apps", "cart")).isEmpty(),
                "same namespace needs no grant");
        assertTrue(index.grantsAdmitting(shop, Field.BACKEND, service("data", "unreferenced")).isEmpty());
    }

    @Test
    void grantsToListEveryGrantNamingTheTargetWhateverItsFrom() {
        assertEquals(Set.of(grant("data", "shop-to-data"), grant("data", "only-other")),
                index.grantsTo(service("data", "stock")));
        assertEquals(Set.of(grant("data", "shop-to-data")), index.grantsTo(service("data", "other")));
        assertEquals(Set.of(grant("secure", "wrong-kind")), index.grantsTo(service("secure", "vault")));
    }

    @Test
    void theEmptyIndexAnswersNothing() {
        assertTrue(ReferenceIndex.EMPTY.all().isEmpty());
        assertTrue(ReferenceIndex.EMPTY.referencedBy(route("apps", "shop"), Field.PARENT).isEmpty());
        assertTrue(ReferenceIndex.EMPTY.grantsTo(service("data", "stock")).isEmpty());
    }
}
