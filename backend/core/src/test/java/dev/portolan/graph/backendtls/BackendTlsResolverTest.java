package dev.portolan.graph.backendtls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portolan.model.ApiGroups;
import dev.portolan.model.ResourceKey;
import dev.portolan.model.ResourceSet;
import dev.portolan.testpki.TestPki;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class BackendTlsResolverTest {
    static final String CONTROLLER = "gateway.portolan.dev/controller";
    static final Instant NOW = Instant.parse("2026-01-02T03:04:05.678Z");
    static final String CA = TestPki.newCa("test-ca").certificatePem();
    static final ResourceKey GW = gateway("infra", "gw");

    static final String SERVICE = """
            apiVersion: v1
            kind: Service
            metadata: {name: web, namespace: apps}
            spec:
              ports:
              - {name: https, port: 443, targetPort: 8443}
              - {name: metrics, port: 9090}
            """;

    static ResourceKey gateway(String ns, String name) {
        return ResourceKey.of(ApiGroups.GATEWAY, ApiGroups.GATEWAY_KIND, ns, name);
    }

    static ResourceKey service(String ns, String name) {
        return ResourceKey.of("", "Service", ns, name);
    }

    static ResourceKey policy(String ns, String name) {
        return ResourceKey.of(ApiGroups.GATEWAY, ApiGroups.BACKEND_TLS_POLICY, ns, name);
    }

    static Map<ResourceKey, SortedSet<ResourceKey>> referenced(ResourceKey svc, ResourceKey... gateways) {
        return Map.of(svc, new TreeSet<>(List.of(gateways)));
    }

    static String v1Policy(String name, String created, String section, String validation) {
        return """
                apiVersion: gateway.networking.k8s.io/v1
                kind: BackendTLSPolicy
                metadata: {name: %s, namespace: apps, generation: 3, creationTimestamp: "%s"}
                spec:
                  targetRefs:
                  - {group: "", kind: Service, name: web%s}
                  validation:
                %s
                """.formatted(name, created, section == null ? "" : ", sectionName: " + section,
                validation.indent(4));
    }

    static final String CA_REF = """
            hostname: web.example.com
            caCertificateRefs:
            - {group: "", kind: ConfigMap, name: web-ca}
            """;

    static BackendTlsResult resolve(ResourceSet set, Map<ResourceKey, SortedSet<ResourceKey>> refs) {
        return BackendTlsResolver.resolve(set, refs, CONTROLLER, NOW);
    }

    static JsonNode condition(BackendTlsResult result, ResourceKey policy, ResourceKey gateway, String type) {
        for (JsonNode ancestor : result.statuses().get(policy).path("ancestors")) {
            if (ancestor.path("ancestorRef").path("name").asText().equals(gateway.name())
                    && ancestor.path("ancestorRef").path("namespace").asText().equals(gateway.namespace())) {
                for (JsonNode c : ancestor.path("conditions")) {
                    if (c.path("type").asText().equals(type)) {
                        return c;
                    }
                }
            }
        }
        throw new AssertionError("no " + type + " condition for " + gateway + " in " + result.statuses().get(policy));
    }

    static void assertCondition(BackendTlsResult result, ResourceKey policy, String type, String status,
                                String reason) {
        JsonNode c = condition(result, policy, GW, type);
        assertEquals(status, c.path("status").asText(), c.toString());
        assertEquals(reason, c.path("reason").asText(), c.toString());
    }

    @Test
    void v1PolicyWithCaConfigMapIsAcceptedAndEffective() {
        ResourceSet set = TestManifests.set(SERVICE, TestManifests.caConfigMap("apps", "web-ca", CA),
                v1Policy("web-tls", "2025-01-01T00:00:00Z", null, CA_REF));
        BackendTlsResult result = resolve(set, referenced(service("apps", "web"), GW));

        ObjectNode status = result.statuses().get(policy("apps", "web-tls"));
        JsonNode ancestor = status.path("ancestors").get(0);
        assertEquals(1, status.path("ancestors").size());
        assertEquals("gateway.networking.k8s.io", ancestor.path("ancestorRef").path("group").asText());
        assertEquals("Gateway", ancestor.path("ancestorRef").path("kind").asText());
        assertEquals("infra", ancestor.path("ancestorRef").path("namespace").asText());
        assertEquals("gw", ancestor.path("ancestorRef").path("name").asText());
        assertEquals(CONTROLLER, ancestor.path("controllerName").asText());
        assertCondition(result, policy("apps", "web-tls"), "Accepted", "True", "Accepted");
        assertCondition(result, policy("apps", "web-tls"), "ResolvedRefs", "True", "ResolvedRefs");
        JsonNode accepted = condition(result, policy("apps", "web-tls"), GW, "Accepted");
        assertEquals(3, accepted.path("observedGeneration").asLong());
        assertEquals("2026-01-02T03:04:05Z", accepted.path("lastTransitionTime").asText());

        EffectiveBackendTls tls = result.forBackend(service("apps", "web"), 443, "https").orElseThrow();
        assertTrue(tls.valid());
        assertEquals("", tls.problem());
        assertEquals(policy("apps", "web-tls"), tls.policy());
        assertEquals("web.example.com", tls.hostname());
        assertFalse(tls.useSystemCAs());
        assertEquals(1, tls.caCertificates().size());
        CaCertificateBundle bundle = tls.caCertificates().get(0);
        assertEquals(ResourceKey.of("", "ConfigMap", "apps", "web-ca"), bundle.configMap());
        assertEquals("ca.crt", bundle.dataKey());
        assertEquals(1, bundle.certificateCount());
        assertEquals(CA.strip(), bundle.pem().strip());
        // A whole-Service policy covers every port.
        assertTrue(result.forBackend(service("apps", "web"), 9090, null).isPresent());
        assertTrue(result.forBackend(service("apps", "other"), 443, null).isEmpty());
    }

    @Test
    void systemCasAreAccepted() {
        ResourceSet set = TestManifests.set(SERVICE, v1Policy("sys", "2025-01-01T00:00:00Z", null, """
                hostname: web.example.com
                wellKnownCACertificates: System
                """));
        BackendTlsResult result = resolve(set, referenced(service("apps", "web"), GW));
        assertCondition(result, policy("apps", "sys"), "Accepted", "True", "Accepted");
        assertCondition(result, policy("apps", "sys"), "ResolvedRefs", "True", "ResolvedRefs");
        EffectiveBackendTls tls = result.forBackend(service("apps", "web"), 443, null).orElseThrow();
        assertTrue(tls.valid());
        assertTrue(tls.useSystemCAs());
        assertTrue(tls.caCertificates().isEmpty());
    }

    @Test
    void subjectAltNamesAreCarriedAndMalformedOnesMakeThePolicyInvalid() {
        ResourceSet good = TestManifests.set(SERVICE, v1Policy("san", "2025-01-01T00:00:00Z", null, """
                hostname: web.example.com
                wellKnownCACertificates: System
                subjectAltNames:
                - {type: Hostname, hostname: "*.example.com"}
                - {type: URI, uri: "spiffe://example.com/web"}
                """));
        EffectiveBackendTls tls = resolve(good, Map.of()).forBackend(service("apps", "web"), 443, null)
                .orElseThrow();
        assertEquals(List.of(new SubjectAltNameMatch("Hostname", "*.example.com"),
                new SubjectAltNameMatch("URI", "spiffe://example.com/web")), tls.subjectAltNames());

        ResourceSet bad = TestManifests.set(SERVICE, v1Policy("san", "2025-01-01T00:00:00Z", null, """
                hostname: web.example.com
                wellKnownCACertificates: System
                subjectAltNames:
                - {type: URI, hostname: "web.example.com"}
                """));
        BackendTlsResult result = resolve(bad, referenced(service("apps", "web"), GW));
        assertCondition(result, policy("apps", "san"), "Accepted", "False", "Invalid");
        assertTrue(condition(result, policy("apps", "san"), GW, "Accepted").path("message").asText()
                .contains("spec.validation.subjectAltNames[0]"));
    }

    @Test
    void malformedValidationIsInvalidAndFailsClosed() {
        Map<String, String> cases = Map.of(
                "both", CA_REF + "wellKnownCACertificates: System\n",
                "neither", "hostname: web.example.com\n",
                "nohost", "wellKnownCACertificates: System\n",
                "ip", "hostname: 10.0.0.1\nwellKnownCACertificates: System\n",
                "unknown", "hostname: web.example.com\nwellKnownCACertificates: Mozilla\n");
        cases.forEach((name, validation) -> {
            ResourceSet set = TestManifests.set(SERVICE, TestManifests.caConfigMap("apps", "web-ca", CA),
                    v1Policy(name, "2025-01-01T00:00:00Z", null, validation));
            BackendTlsResult result = resolve(set, referenced(service("apps", "web"), GW));
            assertCondition(result, policy("apps", name), "Accepted", "False", "Invalid");
            EffectiveBackendTls tls = result.forBackend(service("apps", "web"), 443, null).orElseThrow();
            assertFalse(tls.valid(), name);
            assertTrue(tls.problem().contains("apps/" + name) && tls.problem().contains("spec.validation"),
                    tls.problem());
        });
    }

    @Test
    void missingConfigMapIsAnInvalidCaCertificateRef() {
        ResourceSet set = TestManifests.set(SERVICE, v1Policy("web-tls", "2025-01-01T00:00:00Z", null, CA_REF));
        BackendTlsResult result = resolve(set, referenced(service("apps", "web"), GW));
        assertCondition(result, policy("apps", "web-tls"), "Accepted", "False", "NoValidCACertificate");
        assertCondition(result, policy("apps", "web-tls"), "ResolvedRefs", "False", "InvalidCACertificateRef");
        assertTrue(condition(result, policy("apps", "web-tls"), GW, "ResolvedRefs").path("message").asText()
                .contains("spec.validation.caCertificateRefs[0]: ConfigMap apps/web-ca does not exist"));
        EffectiveBackendTls tls = result.forBackend(service("apps", "web"), 443, null).orElseThrow();
        assertFalse(tls.valid());
        assertTrue(tls.problem().contains("ConfigMap apps/web-ca does not exist"), tls.problem());
    }

    @Test
    void configMapWithoutAValidPemIsAnInvalidCaCertificateRef() {
        String damaged = CA.replaceFirst("\n[A-Za-z0-9+/]{20}", "\n!!!!notbase64!!!!!!!");
        String truncated = "-----BEGIN CERTIFICATE-----\nMIIBkTCB+wIJAKHHIG\n-----END CERTIFICATE-----\n";
        for (String text : List.of("", "not a certificate", truncated, damaged)) {
            ResourceSet set = TestManifests.set(SERVICE, TestManifests.caConfigMap("apps", "web-ca", text),
                    v1Policy("web-tls", "2025-01-01T00:00:00Z", null, CA_REF));
            BackendTlsResult result = resolve(set, referenced(service("apps", "web"), GW));
            assertCondition(result, policy("apps", "web-tls"), "Accepted", "False", "NoValidCACertificate");
            assertCondition(result, policy("apps", "web-tls"), "ResolvedRefs", "False", "InvalidCACertificateRef");
            assertFalse(result.forBackend(service("apps", "web"), 443, null).orElseThrow().valid());
        }
        ResourceSet noKey = TestManifests.set(SERVICE, """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: web-ca, namespace: apps}
                data: {other.crt: x}
                """, v1Policy("web-tls", "2025-01-01T00:00:00Z", null, CA_REF));
        BackendTlsResult result = resolve(noKey, referenced(service("apps", "web"), GW));
        assertTrue(condition(result, policy("apps", "web-tls"), GW, "ResolvedRefs").path("message").asText()
                .contains("has no key ca.crt"));
    }

    @Test
    void wrongRefKindIsInvalidKind() {
        ResourceSet set = TestManifests.set(SERVICE, TestManifests.caConfigMap("apps", "web-ca", CA),
                v1Policy("web-tls", "2025-01-01T00:00:00Z", null, """
                        hostname: web.example.com
                        caCertificateRefs:
                        - {group: "", kind: Secret, name: web-ca}
                        """));
        BackendTlsResult result = resolve(set, referenced(service("apps", "web"), GW));
        assertCondition(result, policy("apps", "web-tls"), "Accepted", "False", "NoValidCACertificate");
        assertCondition(result, policy("apps", "web-tls"), "ResolvedRefs", "False", "InvalidKind");
    }

    @Test
    void oneGoodRefOfTwoKeepsThePolicyUsableButReportsTheBadOne() {
        ResourceSet set = TestManifests.set(SERVICE, TestManifests.caConfigMap("apps", "web-ca", CA),
                v1Policy("web-tls", "2025-01-01T00:00:00Z", null, CA_REF + "- {group: \"\", kind: ConfigMap, name: gone}\n"));
        BackendTlsResult result = resolve(set, referenced(service("apps", "web"), GW));
        assertCondition(result, policy("apps", "web-tls"), "Accepted", "True", "Accepted");
        assertCondition(result, policy("apps", "web-tls"), "ResolvedRefs", "False", "InvalidCACertificateRef");
        EffectiveBackendTls tls = result.forBackend(service("apps", "web"), 443, null).orElseThrow();
        assertTrue(tls.valid());
        assertEquals(1, tls.caCertificates().size());
    }

    @Test
    void conflictOldestWinsThenNamespaceAndName() {
        String cm = TestManifests.caConfigMap("apps", "web-ca", CA);
        ResourceSet set = TestManifests.set(SERVICE, cm,
                v1Policy("a-newer", "2025-06-01T00:00:00Z", null, CA_REF),
                v1Policy("z-older", "2025-01-01T00:00:00Z", null, CA_REF));
        BackendTlsResult result = resolve(set, referenced(service("apps", "web"), GW));
        assertCondition(result, policy("apps", "z-older"), "Accepted", "True", "Accepted");
        assertCondition(result, policy("apps", "a-newer"), "Accepted", "False", "Conflicted");
        assertTrue(condition(result, policy("apps", "a-newer"), GW, "Accepted").path("message").asText()
                .contains("BackendTLSPolicy apps/z-older"));
        assertEquals(policy("apps", "z-older"),
                result.forBackend(service("apps", "web"), 443, null).orElseThrow().policy());

        ResourceSet tie = TestManifests.set(SERVICE, cm,
                v1Policy("b", "2025-01-01T00:00:00Z", null, CA_REF),
                v1Policy("a", "2025-01-01T00:00:00Z", null, CA_REF));
        BackendTlsResult tied = resolve(tie, referenced(service("apps", "web"), GW));
        assertCondition(tied, policy("apps", "a"), "Accepted", "True", "Accepted");
        assertCondition(tied, policy("apps", "b"), "Accepted", "False", "Conflicted");
    }

    @Test
    void sectionNameTargetsOnePortAndIsMoreSpecificThanTheWholeService() {
        String cm = TestManifests.caConfigMap("apps", "web-ca", CA);
        ResourceSet set = TestManifests.set(SERVICE, cm,
                v1Policy("whole", "2025-01-01T00:00:00Z", null, CA_REF),
                v1Policy("port", "2025-06-01T00:00:00Z", "https", """
                        hostname: port.example.com
                        wellKnownCACertificates: System
                        """));
        BackendTlsResult result = resolve(set, referenced(service("apps", "web"), GW));
        // Different sectionNames do not conflict.
        assertCondition(result, policy("apps", "whole"), "Accepted", "True", "Accepted");
        assertCondition(result, policy("apps", "port"), "Accepted", "True", "Accepted");
        assertEquals("port.example.com",
                result.forBackend(service("apps", "web"), 443, "https").orElseThrow().hostname());
        assertEquals("port.example.com",
                result.forBackend(service("apps", "web"), 443, null).orElseThrow().hostname());
        assertEquals("web.example.com",
                result.forBackend(service("apps", "web"), 9090, null).orElseThrow().hostname());

        ResourceSet onlyPort = TestManifests.set(SERVICE, v1Policy("port", "2025-06-01T00:00:00Z", "https", """
                hostname: port.example.com
                wellKnownCACertificates: System
                """));
        BackendTlsResult portOnly = resolve(onlyPort, Map.of());
        assertTrue(portOnly.forBackend(service("apps", "web"), 443, null).isPresent());
        assertTrue(portOnly.forBackend(service("apps", "web"), 9090, "metrics").isEmpty());
    }

    @Test
    void unknownSectionNameOrServiceIsTargetNotFound() {
        ResourceSet set = TestManifests.set(SERVICE, v1Policy("port", "2025-01-01T00:00:00Z", "nope", """
                hostname: web.example.com
                wellKnownCACertificates: System
                """));
        BackendTlsResult result = resolve(set, referenced(service("apps", "web"), GW));
        assertCondition(result, policy("apps", "port"), "Accepted", "False", "TargetNotFound");
        assertTrue(condition(result, policy("apps", "port"), GW, "Accepted").path("message").asText()
                .contains("has no port named nope"));
    }

    @Test
    void noAncestorsWhenNoGatewayReachesTheService() {
        ResourceSet set = TestManifests.set(SERVICE, TestManifests.caConfigMap("apps", "web-ca", CA),
                v1Policy("web-tls", "2025-01-01T00:00:00Z", null, CA_REF));
        BackendTlsResult result = resolve(set, referenced(service("apps", "elsewhere"), GW));
        JsonNode ancestors = result.statuses().get(policy("apps", "web-tls")).path("ancestors");
        assertTrue(ancestors.isArray());
        assertEquals(0, ancestors.size());
        // The policy still governs connections to its Service.
        assertTrue(result.forBackend(service("apps", "web"), 443, null).orElseThrow().valid());
    }

    @Test
    void oneAncestorPerGatewaySorted() {
        ResourceSet set = TestManifests.set(SERVICE, TestManifests.caConfigMap("apps", "web-ca", CA),
                v1Policy("web-tls", "2025-01-01T00:00:00Z", null, CA_REF));
        BackendTlsResult result = resolve(set, referenced(service("apps", "web"),
                gateway("z", "gw"), gateway("a", "gw2"), gateway("a", "gw1")));
        JsonNode ancestors = result.statuses().get(policy("apps", "web-tls")).path("ancestors");
        assertEquals(3, ancestors.size());
        assertEquals(List.of("a/gw1", "a/gw2", "z/gw"), List.of(
                ancestors.get(0).path("ancestorRef").path("namespace").asText() + "/"
                        + ancestors.get(0).path("ancestorRef").path("name").asText(),
                ancestors.get(1).path("ancestorRef").path("namespace").asText() + "/"
                        + ancestors.get(1).path("ancestorRef").path("name").asText(),
                ancestors.get(2).path("ancestorRef").path("namespace").asText() + "/"
                        + ancestors.get(2).path("ancestorRef").path("name").asText()));
        // Same input, same output.
        assertEquals(result.statuses(), resolve(set, referenced(service("apps", "web"),
                gateway("a", "gw1"), gateway("z", "gw"), gateway("a", "gw2"))).statuses());
    }
}
