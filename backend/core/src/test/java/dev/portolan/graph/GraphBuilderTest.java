package dev.portolan.graph;

import static dev.portolan.graph.GraphFixtures.gateway;
import static dev.portolan.graph.GraphFixtures.route;
import static dev.portolan.graph.GraphFixtures.service;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portolan.model.ApiGroups;
import dev.portolan.model.DeclaredTimeouts;
import dev.portolan.model.ResourceKey;
import dev.portolan.model.ResourceSet;
import dev.portolan.testpki.IssuedCertificate;
import dev.portolan.testpki.KeyPurpose;
import dev.portolan.testpki.KeyType;
import dev.portolan.testpki.TestPki;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GraphBuilderTest {
    private static final String GATEWAY = GraphFixtures.GATEWAY_CLASS + """
            ---
            apiVersion: gateway.networking.k8s.io/v1
            kind: Gateway
            metadata: {name: gw, namespace: infra, generation: 3}
            spec:
              gatewayClassName: portolan
              infrastructure: {labels: {b: "2", a: "1"}}
              listeners:
              - {name: http, port: 80, protocol: HTTP, allowedRoutes: {namespaces: {from: All}}}
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: web, namespace: apps}
            spec:
              ports:
              - {name: http, port: 8080}
              - {name: grpc, port: 9090, appProtocol: kubernetes.io/grpc}
            ---
            apiVersion: discovery.k8s.io/v1
            kind: EndpointSlice
            metadata: {name: web-abc, namespace: apps, labels: {kubernetes.io/service-name: web}}
            addressType: IPv4
            ports: [{name: http, port: 3000}, {name: grpc, port: 3001}]
            endpoints:
            - {addresses: [10.0.0.2], conditions: {ready: true}}
            - {addresses: [10.0.0.1]}
            - {addresses: [10.0.0.3], conditions: {ready: false}}
            """;

    private static String withRoute(String rules) {
        return GATEWAY + """
                ---
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata: {name: r, namespace: apps, generation: 2}
                spec:
                  parentRefs: [{name: gw, namespace: infra}]
                """ + rules;
    }

    @Test
    void resolvesBackendsToReadyEndpointsAndIndexesServicesByGateway() {
        ResourceGraph graph = GraphFixtures.build(withRoute("""
                  rules:
                  - backendRefs: [{name: web, port: 8080, weight: 3}]
                """));
        BackendView backend = graph.routes().get(route("apps", "r")).rules().get(0).backends().get(0);
        assertTrue(backend.resolved());
        assertEquals(service("apps", "web"), backend.service());
        assertEquals(3, backend.weight());
        assertEquals(List.of(new Endpoint("10.0.0.1", 3000), new Endpoint("10.0.0.2", 3000)), backend.endpoints());
        assertEquals(Set.of(gateway("infra", "gw")), graph.gatewaysByService().get(service("apps", "web")));
        assertEquals(Set.of(route("apps", "r")),
                graph.gateways().get(gateway("infra", "gw")).listener("http").orElseThrow().attachedRoutes());
    }

    @Test
    void unsupportedAppProtocolIsReportedOnResolvedRefs() {
        ResourceGraph graph = GraphFixtures.build(withRoute("""
                  rules:
                  - backendRefs: [{name: web, port: 9090}]
                """));
        JsonNode resolvedRefs = condition(graph.statuses().get(route("apps", "r")).path("parents").get(0), "ResolvedRefs");
        assertEquals("False", resolvedRefs.path("status").asText());
        assertEquals("UnsupportedProtocol", resolvedRefs.path("reason").asText());
        assertTrue(resolvedRefs.path("message").asText().contains("kubernetes.io/grpc"));
        assertFalse(graph.gatewaysByService().containsKey(service("apps", "web")));
    }

    @Test
    void missingPortAndOtherKindsAreNotResolved() {
        ResourceGraph graph = GraphFixtures.build(withRoute("""
                  rules:
                  - backendRefs: [{name: web, port: 1234}, {group: example.com, kind: Bucket, name: b}]
                """));
        List<BackendView> backends = graph.routes().get(route("apps", "r")).rules().get(0).backends();
        assertEquals("BackendNotFound", backends.get(0).problemReason());
        assertTrue(backends.get(0).problem().contains("no port 1234"), backends.get(0).problem());
        assertEquals("InvalidKind", backends.get(1).problemReason());
        assertNull(backends.get(1).service());
    }

    @Test
    void parsesTimeoutsAndRefusesBackendRequestLongerThanRequest() {
        ResourceGraph graph = GraphFixtures.build(withRoute("""
                  rules:
                  - backendRefs: [{name: web, port: 8080}]
                    timeouts: {request: 2s, backendRequest: 500ms}
                  - backendRefs: [{name: web, port: 8080}]
                    timeouts: {request: 1s, backendRequest: 2s}
                """));
        RouteView view = graph.routes().get(route("apps", "r"));
        DeclaredTimeouts timeouts = view.rules().get(0).timeouts();
        assertEquals(Duration.ofSeconds(2), timeouts.requestDuration());
        assertEquals(Duration.ofMillis(500), timeouts.backendRequestDuration());
        assertEquals("500ms", timeouts.backendRequest().text());
        JsonNode accepted = condition(graph.statuses().get(route("apps", "r")).path("parents").get(0), "Accepted");
        assertEquals("False", accepted.path("status").asText());
        assertEquals("UnsupportedValue", accepted.path("reason").asText());
        String message = accepted.path("message").asText();
        assertTrue(message.contains("rules[1]") && message.contains("1s") && message.contains("2s"), message);
        assertEquals(2, accepted.path("observedGeneration").asInt());
        assertTrue(graph.gateways().get(gateway("infra", "gw")).listeners().get(0).attachedRoutes().isEmpty());
    }

    @Test
    void aRegexRe2CannotCompileRefusesThatRouteOnlyNamingTheField() {
        ResourceGraph graph = GraphFixtures.build(withRoute("""
                  rules:
                  - backendRefs: [{name: web, port: 8080}]
                    matches: [{path: {type: RegularExpression, value: "/redos/(.*a){15}$"}}]
                  - backendRefs: [{name: web, port: 8080}]
                    matches:
                    - path: {type: PathPrefix, value: /ok}
                    - headers: [{type: RegularExpression, name: X-Version, value: "(?=v)v1"}]
                """) + """
                ---
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata: {name: fine, namespace: apps}
                spec:
                  parentRefs: [{name: gw, namespace: infra}]
                  rules:
                  - backendRefs: [{name: web, port: 8080}]
                    matches: [{path: {type: RegularExpression, value: "/api/v[0-9]+/.*"}}]
                """);
        JsonNode accepted = condition(graph.statuses().get(route("apps", "r")).path("parents").get(0), "Accepted");
        assertEquals("False", accepted.path("status").asText());
        assertEquals("UnsupportedValue", accepted.path("reason").asText());
        String message = accepted.path("message").asText();
        assertTrue(message.startsWith("spec.rules[1].matches[1].headers[0].value is not a valid RE2 regular "
                + "expression: '(?=v)v1'"), message);
        JsonNode fine = condition(graph.statuses().get(route("apps", "fine")).path("parents").get(0), "Accepted");
        assertEquals("True", fine.path("status").asText(), fine.toString());
    }

    @Test
    void refusesInvalidAndSubMillisecondDurations() {
        assertTrue(TimeoutValidator.validate(0, timeouts("10x", null)).problem().orElseThrow().contains("10x"));
        assertTrue(TimeoutValidator.validate(0, timeouts("0s", "5s")).problem().isEmpty());
        assertTrue(TimeoutValidator.validate(3, timeouts(null, "0ms")).problem().isEmpty());
    }

    private static io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteTimeouts timeouts(String request, String backend) {
        var timeouts = new io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteTimeouts();
        timeouts.setRequest(request);
        timeouts.setBackendRequest(backend);
        return timeouts;
    }

    @Test
    void gatewayStatusCarriesAddressesGenerationAndSortedConditions() {
        ResourceGraph graph = GraphFixtures.build(GATEWAY);
        JsonNode status = graph.statuses().get(gateway("infra", "gw"));
        assertEquals("IPAddress", status.path("addresses").get(0).path("type").asText());
        assertEquals("127.0.0.1", status.path("addresses").get(0).path("value").asText());
        assertEquals(List.of("Accepted", "Programmed"), types(status.path("conditions")));
        assertEquals(List.of("Accepted", "Conflicted", "Programmed", "ResolvedRefs"),
                types(status.path("listeners").get(0).path("conditions")));
        status.path("conditions").forEach(c -> assertEquals(3, c.path("observedGeneration").asInt()));
        assertEquals(List.of("a", "b"), List.copyOf(graph.gateways().get(gateway("infra", "gw")).infrastructureLabels().keySet()));
        assertEquals(graph.statuses(), GraphFixtures.build(GATEWAY).statuses(), "same input, same output");
    }

    @Test
    void noAddressMeansNotProgrammed() {
        ResourceGraph graph = GraphBuilder.build(GraphFixtures.resources(GATEWAY), new GraphOptions(
                GraphOptions.PORTOLAN_CONTROLLER, GraphFixtures.NOW, key -> java.util.Optional.empty()));
        JsonNode programmed = condition(graph.statuses().get(gateway("infra", "gw")), "Programmed");
        assertEquals("AddressNotAssigned", programmed.path("reason").asText());
        assertEquals(0, graph.statuses().get(gateway("infra", "gw")).path("addresses").size());
    }

    @Test
    void otherControllersClassesAndTheirGatewaysGetNoStatus() {
        ResourceGraph graph = GraphFixtures.build("""
                apiVersion: gateway.networking.k8s.io/v1
                kind: GatewayClass
                metadata: {name: other}
                spec: {controllerName: example.com/other}
                ---
                apiVersion: gateway.networking.k8s.io/v1
                kind: Gateway
                metadata: {name: gw, namespace: infra}
                spec: {gatewayClassName: other, listeners: [{name: http, port: 80, protocol: HTTP}]}
                """);
        assertTrue(graph.statuses().isEmpty());
        assertTrue(graph.gateways().isEmpty());
    }

    @Test
    void gatewayClassWithMissingParametersIsNotAcceptedAndItsGatewaysAreIgnored() {
        ResourceGraph graph = GraphFixtures.build("""
                apiVersion: gateway.networking.k8s.io/v1
                kind: GatewayClass
                metadata: {name: portolan, generation: 4}
                spec:
                  controllerName: portolan.dev/gateway-controller
                  parametersRef: {group: "", kind: ConfigMap, namespace: infra, name: missing}
                ---
                apiVersion: gateway.networking.k8s.io/v1
                kind: Gateway
                metadata: {name: gw, namespace: infra}
                spec: {gatewayClassName: portolan, listeners: [{name: http, port: 80, protocol: HTTP}]}
                """);
        JsonNode accepted = condition(graph.statuses().get(ResourceKey.of(ApiGroups.GATEWAY, "GatewayClass", "", "portolan")), "Accepted");
        assertEquals("InvalidParameters", accepted.path("reason").asText());
        assertEquals(4, accepted.path("observedGeneration").asInt());
        assertTrue(graph.gateways().isEmpty());
    }

    @Test
    void listenersOnOnePortConflictByProtocolOrHostname() {
        ResourceGraph graph = GraphFixtures.build(GraphFixtures.GATEWAY_CLASS + """
                ---
                apiVersion: gateway.networking.k8s.io/v1
                kind: Gateway
                metadata: {name: gw, namespace: infra}
                spec:
                  gatewayClassName: portolan
                  listeners:
                  - {name: a, port: 80, protocol: HTTP, hostname: a.com}
                  - {name: b, port: 80, protocol: HTTP, hostname: a.com}
                  - {name: c, port: 80, protocol: HTTP, hostname: c.com}
                  - {name: d, port: 90, protocol: HTTP}
                  - {name: e, port: 90, protocol: HTTPS}
                  - {name: f, port: 91, protocol: HTTP, allowedRoutes: {kinds: [{kind: TCPRoute}]}}
                """);
        GatewayView view = graph.gateways().get(gateway("infra", "gw"));
        assertEquals("HostnameConflict", reason(view, "a", "Conflicted"));
        assertEquals("HostnameConflict", reason(view, "b", "Accepted"));
        assertEquals("Accepted", reason(view, "c", "Accepted"));
        assertEquals("ProtocolConflict", reason(view, "d", "Accepted"));
        assertEquals("ProtocolConflict", reason(view, "e", "Conflicted"));
        assertEquals("InvalidRouteKinds", reason(view, "f", "ResolvedRefs"));
        assertEquals(List.of(), view.listener("f").orElseThrow().supportedKinds());
        assertTrue(view.accepted(), "some listeners are usable, so the Gateway stays accepted");
    }

    @Test
    void httpsListenerUsesAParseableTlsSecret() {
        IssuedCertificate pem = TestPki.selfSigned().sans("example.org").keyType(KeyType.RSA)
                .purposes(KeyPurpose.SERVER_AUTH).issue();
        ResourceGraph graph = GraphFixtures.build(GraphFixtures.GATEWAY_CLASS + """
                ---
                apiVersion: v1
                kind: Secret
                metadata: {name: good, namespace: infra}
                type: kubernetes.io/tls
                data: {tls.crt: %s, tls.key: %s}
                ---
                apiVersion: v1
                kind: Secret
                metadata: {name: opaque, namespace: infra}
                type: Opaque
                data: {tls.crt: %s, tls.key: %s}
                ---
                apiVersion: gateway.networking.k8s.io/v1
                kind: Gateway
                metadata: {name: gw, namespace: infra}
                spec:
                  gatewayClassName: portolan
                  listeners:
                  - {name: good, port: 443, protocol: HTTPS, hostname: a.org, tls: {certificateRefs: [{name: good}]}}
                  - {name: opaque, port: 443, protocol: HTTPS, hostname: b.org, tls: {certificateRefs: [{name: opaque}]}}
                  - {name: elsewhere, port: 443, protocol: HTTPS, hostname: c.org, tls: {certificateRefs: [{name: good, namespace: certs}]}}
                """.formatted(b64(pem.certificatePem()), b64(pem.privateKeyPem()), b64(pem.certificatePem()), b64(pem.privateKeyPem())));
        GatewayView view = graph.gateways().get(gateway("infra", "gw"));
        assertEquals("ResolvedRefs", reason(view, "good", "ResolvedRefs"));
        assertEquals(List.of(ResourceKey.of("", "Secret", "infra", "good")), view.listener("good").orElseThrow().certificateSecrets());
        assertEquals("InvalidCertificateRef", reason(view, "opaque", "ResolvedRefs"));
        assertEquals("RefNotPermitted", reason(view, "elsewhere", "ResolvedRefs"));
        assertEquals("Invalid", reason(view, "elsewhere", "Programmed"));
    }

    @Test
    void certificatePemRejectsGarbage() {
        IssuedCertificate pem = TestPki.selfSigned().sans("example.org").keyType(KeyType.RSA).issue();
        byte[] cert = pem.certificatePem().getBytes(StandardCharsets.US_ASCII);
        byte[] key = pem.privateKeyPem().getBytes(StandardCharsets.US_ASCII);
        assertTrue(CertificatePem.problem(cert, key).isEmpty());
        assertTrue(CertificatePem.problem("Hello world\n".getBytes(StandardCharsets.US_ASCII), key).isPresent());
        assertTrue(CertificatePem.problem(cert, cert).orElseThrow().contains("tls.key"));
    }

    @Test
    void certificatePemRefusesAKeyThatBelongsToAnotherCertificateAsTheProxyWould() {
        IssuedCertificate rsa = TestPki.selfSigned().sans("example.org").keyType(KeyType.RSA).issue();
        IssuedCertificate ec = TestPki.selfSigned().sans("example.org").keyType(KeyType.EC).issue();
        byte[] cert = rsa.certificatePem().getBytes(StandardCharsets.US_ASCII);
        byte[] ecKey = ec.privateKeyPem().getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < 2; i++) { // the second answer comes from the cache and must be the same
            assertEquals(Optional.of("tls.key: private key is EC but the certificate's public key is RSA; private key "
                    + "does not match the certificate"), CertificatePem.problem(cert, ecKey));
        }
        byte[] otherRsaKey = TestPki.selfSigned().sans("example.org").keyType(KeyType.RSA).issue().privateKeyPem()
                .getBytes(StandardCharsets.US_ASCII);
        assertEquals(Optional.of("tls.key: private key does not match the certificate"),
                CertificatePem.problem(cert, otherRsaKey));
    }

    private static String b64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.US_ASCII));
    }

    private static String reason(GatewayView view, String listener, String type) {
        return Conditions.find(view.listener(listener).orElseThrow().conditions(), type).orElseThrow().reason();
    }

    private static JsonNode condition(JsonNode status, String type) {
        for (JsonNode c : status.path("conditions")) {
            if (c.path("type").asText().equals(type)) {
                return c;
            }
        }
        throw new AssertionError("no " + type + " in " + status);
    }

    private static List<String> types(JsonNode conditions) {
        List<String> out = new java.util.ArrayList<>();
        conditions.forEach(c -> out.add(c.path("type").asText()));
        return out;
    }

    @Test
    void anObjectTheGraphCannotReadIsLeftOutAndTheOthersAreStillBuilt() {
        ResourceSet resources = GraphFixtures.resources(withRoute("""
                  rules:
                  - backendRefs: [{name: web, port: 8080}]
                ---
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata: {name: broken, namespace: apps}
                spec:
                  parentRefs: [{name: gw, namespace: infra}]
                """));
        // Validation refuses a parentRef without a name; simulate a gap in it by removing the name afterwards.
        resources.httpRoutes().stream().filter(r -> r.getMetadata().getName().equals("broken")).findFirst()
                .orElseThrow().getSpec().getParentRefs().get(0).setName(null);

        ResourceGraph graph = GraphBuilder.build(resources, new GraphOptions(GraphOptions.PORTOLAN_CONTROLLER,
                GraphFixtures.NOW, key -> java.util.Optional.of("127.0.0.1")));

        assertFalse(graph.routes().containsKey(route("apps", "broken")));
        assertTrue(graph.routes().get(route("apps", "r")).parents().get(0).accepted(), "the other route attaches");
        assertEquals(Set.of(route("apps", "r")),
                graph.gateways().get(gateway("infra", "gw")).listener("http").orElseThrow().attachedRoutes());
    }
}
