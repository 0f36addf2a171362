package dev.portolan.graph;

import static dev.portolan.graph.GraphFixtures.route;
import static dev.portolan.graph.GraphFixtures.service;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.portolan.model.ApiGroups;
import dev.portolan.model.ResourceKey;
import dev.portolan.model.ResourceSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReferenceFindingTest {
    private static final String OBJECTS = """
            apiVersion: gateway.networking.k8s.io/v1
            kind: Gateway
            metadata: {name: orphan, namespace: apps}
            spec:
              gatewayClassName: nobody
              listeners: [{name: http, port: 80, protocol: HTTP}]
            ---
            apiVersion: gateway.networking.k8s.io/v1
            kind: HTTPRoute
            metadata: {name: shop, namespace: apps}
            spec:
              parentRefs: [{name: orphan}, {name: missing}]
              rules:
              - backendRefs:
                - {name: local, port: 80}
                - {name: vault, namespace: secure, port: 80}
                - {name: ghost, namespace: secure, port: 80}
              - backendRefs:
                - {name: vault, namespace: secure, port: 80}
                filters:
                - type: RequestMirror
                  requestMirror: {backendRef: {name: tap, namespace: secure, port: 80}}
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: local, namespace: apps}
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: vault, namespace: secure}
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: tap, namespace: secure}
            """;

    @Test
    void namesEachBrokenReferenceOncePerPlaceItIsWrittenInGwctlsWords() {
        ResourceSet resources = GraphFixtures.resources(OBJECTS);
        List<ReferenceFinding> findings = ReferenceFinding.all(ReferenceIndex.of(resources),
                key -> resources.get(key).isPresent());
        ResourceKey shop = route("apps", "shop");
        ResourceKey orphan = GraphFixtures.gateway("apps", "orphan");
        assertEquals(List.of(
                ReferenceFinding.notFound(orphan, "spec.gatewayClassName",
                        ResourceKey.of(ApiGroups.GATEWAY, ApiGroups.GATEWAY_CLASS, "", "nobody")),
                ReferenceFinding.notFound(shop, "spec.parentRefs", GraphFixtures.gateway("apps", "missing")),
                ReferenceFinding.notFound(shop, "spec.rules[0].backendRefs", service("secure", "ghost")),
                ReferenceFinding.notPermitted(shop, "spec.rules[0].backendRefs", service("secure", "vault")),
                ReferenceFinding.notPermitted(shop, "spec.rules[1].backendRefs", service("secure", "vault")),
                ReferenceFinding.notPermitted(shop, "spec.rules[1].filters", service("secure", "tap"))),
                findings);
        assertEquals("HTTPRoute \"apps/shop\" references a non-existent Service \"secure/ghost\"",
                findings.get(2).message());
        assertEquals("Gateway \"apps/orphan\" references a non-existent GatewayClass \"nobody\"",
                findings.get(0).message());
        assertEquals(ReferenceFinding.NOT_PERMITTED, findings.get(3).type());
    }
}
