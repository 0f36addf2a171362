package dev.portolan.graph.backendtls;

import static dev.portolan.graph.backendtls.BackendTlsResolverTest.CA;
import static dev.portolan.graph.backendtls.BackendTlsResolverTest.GW;
import static dev.portolan.graph.backendtls.BackendTlsResolverTest.assertCondition;
import static dev.portolan.graph.backendtls.BackendTlsResolverTest.policy;
import static dev.portolan.graph.backendtls.BackendTlsResolverTest.referenced;
import static dev.portolan.graph.backendtls.BackendTlsResolverTest.resolve;
import static dev.portolan.graph.backendtls.BackendTlsResolverTest.service;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portolan.model.ResourceKey;
import dev.portolan.model.ResourceSet;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every BackendTLSPolicy shape users have (v1alpha2 of v1.0, v1alpha3 of v1.1-v1.3) resolves like v1. */
class BackendTlsShapesTest {
    static String resource(String name) throws IOException {
        try (InputStream in = BackendTlsShapesTest.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("test resource " + name + " is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static final String SERVICES = """
            apiVersion: v1
            kind: Service
            metadata: {name: dev-service}
            spec: {ports: [{name: https, port: 443}]}
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: auth-service}
            spec: {ports: [{name: https, port: 443}]}
            """;

    @Test
    void announcementExamplesAreNormalisedAndAccepted() throws IOException {
        ResourceSet set = TestManifests.set(SERVICES, resource("/backendtls/announcement-examples.yaml"),
                TestManifests.caConfigMap("default", "auth-cert", CA));
        assertTrue(set.problems().isEmpty(), set.problems().toString());
        Map<ResourceKey, SortedSet<ResourceKey>> refs = Map.of(
                service("default", "dev-service"), new TreeSet<>(List.of(GW)),
                service("default", "auth-service"), new TreeSet<>(List.of(GW)));
        BackendTlsResult result = resolve(set, refs);

        assertCondition(result, policy("default", "tls-upstream-dev"), "Accepted", "True", "Accepted");
        assertCondition(result, policy("default", "tls-upstream-dev"), "ResolvedRefs", "True", "ResolvedRefs");
        EffectiveBackendTls dev = result.forBackend(service("default", "dev-service"), 443, null).orElseThrow();
        assertTrue(dev.valid());
        assertTrue(dev.useSystemCAs());
        assertEquals("dev.example.com", dev.hostname());

        assertCondition(result, policy("default", "tls-upstream-auth"), "Accepted", "True", "Accepted");
        assertCondition(result, policy("default", "tls-upstream-auth"), "ResolvedRefs", "True", "ResolvedRefs");
        EffectiveBackendTls auth = result.forBackend(service("default", "auth-service"), 443, "https").orElseThrow();
        assertTrue(auth.valid());
        assertFalse(auth.useSystemCAs());
        assertEquals("auth.example.com", auth.hostname());
        assertEquals(ResourceKey.of("", "ConfigMap", "default", "auth-cert"), auth.caCertificates().get(0).configMap());
    }

    @Test
    void v1alpha3ShapeIsAccepted() {
        ResourceSet set = TestManifests.set(SERVICES, TestManifests.caConfigMap("default", "auth-cert", CA), """
                apiVersion: gateway.networking.k8s.io/v1alpha3
                kind: BackendTLSPolicy
                metadata: {name: auth, generation: 2}
                spec:
                  targetRefs:
                  - {group: "", kind: Service, name: auth-service, sectionName: https}
                  validation:
                    caCertificateRefs:
                    - {group: "", kind: ConfigMap, name: auth-cert}
                    hostname: auth.example.com
                    subjectAltNames:
                    - {type: Hostname, hostname: auth.internal}
                """);
        BackendTlsResult result = resolve(set, referenced(service("default", "auth-service"), GW));
        assertCondition(result, policy("default", "auth"), "Accepted", "True", "Accepted");
        JsonNode accepted = BackendTlsResolverTest.condition(result, policy("default", "auth"), GW, "Accepted");
        assertEquals(2, accepted.path("observedGeneration").asLong());
        EffectiveBackendTls tls = result.forBackend(service("default", "auth-service"), 443, null).orElseThrow();
        assertEquals(List.of(new SubjectAltNameMatch("Hostname", "auth.internal")), tls.subjectAltNames());
    }

    @Test
    void v1alpha2TargetInAnotherNamespaceIsNotApplied() {
        ResourceSet set = TestManifests.set(SERVICES, """
                apiVersion: gateway.networking.k8s.io/v1alpha2
                kind: BackendTLSPolicy
                metadata: {name: remote}
                spec:
                  targetRef: {group: "", kind: Service, name: dev-service, namespace: other}
                  tls: {wellKnownCACerts: System, hostname: dev.example.com}
                """);
        BackendTlsResult result = resolve(set, referenced(service("default", "dev-service"), GW));
        assertTrue(result.forBackend(service("default", "dev-service"), 443, null).isEmpty());
        assertTrue(result.forBackend(service("other", "dev-service"), 443, null).isEmpty());
        assertEquals(0, result.statuses().get(policy("default", "remote")).path("ancestors").size());
    }
}
