package dev.portolan.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portolan.api.ProxyRefusals;
import dev.portolan.api.Summary;
import dev.portolan.graph.GraphOptions;
import dev.portolan.model.ResourceKey;
import dev.portolan.echo.EchoOptions;
import dev.portolan.echo.EchoServer;
import dev.portolan.proxy.forward.HttpForwarder;
import dev.portolan.store.StoredObject;
import dev.portolan.testing.ScenarioInputs;
import dev.portolan.testpki.CertificateAuthority;
import dev.portolan.testpki.IssuedCertificate;
import dev.portolan.testpki.KeyFormat;
import dev.portolan.testpki.KeyPurpose;
import dev.portolan.testpki.KeyType;
import dev.portolan.testpki.TestPki;
import dev.portolan.web.OverviewProblems;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 10 point 1 end to end: embedded Portolan (file store, snapshots, translation, the in-process Jetty proxy) in
 * front of a real echo backend. Each test adds one object the proxy cannot serve as written: a listener whose key does
 * not match its certificate, a BackendTLSPolicy whose CA bundle does not parse, a route with an unsupported filter and
 * match. Only that object is refused, with the reason on its status and the overview, and an unrelated change
 * (a new HTTPRoute on another Gateway, or on the same Gateway's other listener) reaches the proxy within a second.
 */
class IsolationEndToEndTest {
    private static final long CATCH_UP_MILLIS = 1_000;

    private final Map<String, String> hosts = new ConcurrentHashMap<>();
    private CertificateAuthority ca;
    private IssuedCertificate goodCert;
    private EchoServer echo;
    private EmbeddedPortolan portolan;
    private HttpClient client;
    private int offset;

    @BeforeEach
    void start() throws Exception {
        ca = TestPki.newCa("Isolation end-to-end CA", KeyType.RSA);
        goodCert = ca.leaf().sans("good.test").keyType(KeyType.RSA).purposes(KeyPurpose.SERVER_AUTH).issue();
        echo = EchoServer.start(EchoOptions.of("echo-0", "default"));
        offset = freeOffset();
        Path folder = Files.createTempDirectory("portolan-isolation");
        portolan = EmbeddedPortolan.start(new EmbeddedPortolan.Options(folder, GraphOptions.PORTOLAN_CONTROLLER, true,
                offset, -1), HttpForwarder::new);
        SslContextFactory.Client tls = new SslContextFactory.Client();
        tls.setTrustStore(ca.trustStore());
        client = new HttpClient();
        client.setSslContextFactory(tls);
        client.setSocketAddressResolver((host, port, context, promise) -> {
            try {
                InetAddress address = InetAddress.getByAddress(host,
                        InetAddress.getByName(hosts.getOrDefault(host, host)).getAddress());
                promise.succeeded(List.of(new InetSocketAddress(address, port)));
            } catch (Exception e) {
                promise.failed(e);
            }
        });
        client.start();

        apply("""
                apiVersion: gateway.networking.k8s.io/v1
                kind: GatewayClass
                metadata: {name: portolan}
                spec: {controllerName: %s}
                ---
                apiVersion: v1
                kind: Secret
                metadata: {name: good, namespace: default}
                type: kubernetes.io/tls
                stringData: {tls.crt: %s, tls.key: %s}
                ---
                apiVersion: gateway.networking.k8s.io/v1
                kind: Gateway
                metadata: {name: edge, namespace: default}
                spec:
                  gatewayClassName: portolan
                  listeners:
                  - {name: http, protocol: HTTP, port: 80}
                  - {name: https, protocol: HTTPS, port: 443, hostname: good.test, tls: {certificateRefs: [{name: good}]}}
                ---
                apiVersion: gateway.networking.k8s.io/v1
                kind: Gateway
                metadata: {name: other, namespace: default}
                spec:
                  gatewayClassName: portolan
                  listeners:
                  - {name: http, protocol: HTTP, port: 80}
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: echo, namespace: default}
                spec:
                  ports: [{name: http, port: 8080, targetPort: %d}]
                ---
                apiVersion: discovery.k8s.io/v1
                kind: EndpointSlice
                metadata: {name: echo-1, namespace: default, labels: {kubernetes.io/service-name: echo}}
                addressType: IPv4
                endpoints: [{addresses: ["127.0.0.1"], conditions: {ready: true}}]
                ports: [{name: http, port: %d}]
                ---
                %s
                """.formatted(GraphOptions.PORTOLAN_CONTROLLER, json(goodCert.chainPem()),
                json(goodCert.privateKeyPem()), echo.httpPort(), echo.httpPort(),
                route("base", "edge", null, "edge.test, good.test", "/base")));
        hosts.put("edge.test", address("edge"));
        hosts.put("good.test", address("edge"));
        hosts.put("other.test", address("other"));
        awaitStatus(200, "http://edge.test", "/base");
        awaitStatus(200, "https://good.test", "/base");
    }

    @AfterEach
    void stop() throws Exception {
        client.stop();
        portolan.close();
        echo.close();
    }

    @Test
    void aListenerWhoseKeyDoesNotMatchItsCertificateIsRefusedAloneAndOtherChangesStillReachTheProxy()
            throws Exception {
        IssuedCertificate ecKeyOwner = ca.leaf().sans("broken.test").keyType(KeyType.EC).issue();
        apply("""
                apiVersion: v1
                kind: Secret
                metadata: {name: mismatched, namespace: default}
                type: kubernetes.io/tls
                stringData: {tls.crt: %s, tls.key: %s}
                ---
                apiVersion: gateway.networking.k8s.io/v1
                kind: Gateway
                metadata: {name: edge, namespace: default}
                spec:
                  gatewayClassName: portolan
                  listeners:
                  - {name: http, protocol: HTTP, port: 80}
                  - {name: https, protocol: HTTPS, port: 443, hostname: good.test, tls: {certificateRefs: [{name: good}]}}
                  - {name: broken, protocol: HTTPS, port: 443, hostname: broken.test,
                     tls: {certificateRefs: [{name: mismatched}]}}
                """.formatted(json(goodCert.chainPem()), json(ecKeyOwner.privateKeyPem(KeyFormat.PKCS8))));

        JsonNode gateway = awaitObject("Gateway", "edge", status -> listener(status, "broken") != null);
        JsonNode resolved = condition(listener(gateway, "broken"), "ResolvedRefs");
        assertEquals("False", resolved.path("status").asText());
        assertEquals("InvalidCertificateRef", resolved.path("reason").asText());
        assertTrue(resolved.path("message").asText().endsWith("private key does not match the certificate"),
                resolved.toString());
        assertEquals("True", condition(listener(gateway, "https"), "Programmed").path("status").asText());
        assertEquals("True", condition(listener(gateway, "http"), "Programmed").path("status").asText());
        assertTrue(overviewProblems().stream().anyMatch(p -> "Gateway/default/edge".equals(p.get("object"))
                && String.valueOf(p.get("message")).contains("private key does not match the certificate")),
                overviewProblems().toString());

        long onOtherGateway = timeUntilServed(route("fresh", "other", null, "other.test", "/fresh"),
                "http://other.test", "/fresh");
        long onSameGateway = timeUntilServed(route("tls-fresh", "edge", "https", "good.test", "/tls-fresh"),
                "https://good.test", "/tls-fresh");
        System.out.printf("mismatched key: unrelated route served after %d ms (other Gateway), %d ms (same Gateway)%n",
                onOtherGateway, onSameGateway);
        assertNotRefusedByTheProxy();
    }

    @Test
    void aBackendTlsPolicyWithAnUnparseableCaIsRefusedAloneAndOtherChangesStillReachTheProxy() throws Exception {
        apply("""
                apiVersion: v1
                kind: Service
                metadata: {name: secure, namespace: default}
                spec:
                  ports: [{name: https, port: 8443, targetPort: %d}]
                ---
                apiVersion: discovery.k8s.io/v1
                kind: EndpointSlice
                metadata: {name: secure-1, namespace: default, labels: {kubernetes.io/service-name: secure}}
                addressType: IPv4
                endpoints: [{addresses: ["127.0.0.1"], conditions: {ready: true}}]
                ports: [{name: https, port: %d}]
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: broken-ca, namespace: default}
                data:
                  ca.crt: "-----BEGIN CERTIFICATE-----\\nMIIBdamagedAAAA\\n-----END CERTIFICATE-----\\n"
                ---
                apiVersion: gateway.networking.k8s.io/v1
                kind: BackendTLSPolicy
                metadata: {name: secure, namespace: default}
                spec:
                  targetRefs: [{group: "", kind: Service, name: secure}]
                  validation:
                    caCertificateRefs: [{group: "", kind: ConfigMap, name: broken-ca}]
                    hostname: secure.test
                ---
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata: {name: secure, namespace: default}
                spec:
                  parentRefs: [{name: edge, sectionName: http}]
                  hostnames: [edge.test]
                  rules:
                  - matches: [{path: {type: PathPrefix, value: /secure}}]
                    backendRefs: [{name: secure, port: 8443}]
                """.formatted(echo.httpPort(), echo.httpPort()));

        JsonNode policy = awaitObject("BackendTLSPolicy", "secure",
                status -> status.path("ancestors").size() > 0);
        JsonNode ancestor = policy.path("ancestors").get(0);
        assertEquals("NoValidCACertificate", condition(ancestor, "Accepted").path("reason").asText());
        assertEquals("False", condition(ancestor, "ResolvedRefs").path("status").asText());
        assertEquals("InvalidCACertificateRef", condition(ancestor, "ResolvedRefs").path("reason").asText());
        int secureStatus = awaitStatus(s -> s >= 500, "http://edge.test", "/secure");
        assertTrue(secureStatus >= 500 && secureStatus <= 503, "status " + secureStatus);
        assertEquals(200, get("http://edge.test", "/base").getStatus(), "the route beside it keeps serving");

        long onOtherGateway = timeUntilServed(route("fresh", "other", null, "other.test", "/fresh"),
                "http://other.test", "/fresh");
        long onSameGateway = timeUntilServed(route("edge-fresh", "edge", "http", "edge.test", "/edge-fresh"),
                "http://edge.test", "/edge-fresh");
        System.out.printf("unparseable CA: unrelated route served after %d ms (other Gateway), %d ms (same Gateway)%n",
                onOtherGateway, onSameGateway);
        assertNotRefusedByTheProxy();
    }

    @Test
    void aRouteWithAnUnsupportedFilterAndMatchIsMarkedAndOtherChangesStillReachTheProxy() throws Exception {
        apply("""
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata: {name: odd, namespace: default}
                spec:
                  parentRefs: [{name: edge, sectionName: http}]
                  hostnames: [edge.test]
                  rules:
                  - matches: [{path: {type: PathPrefix, value: /odd-ok}}]
                    backendRefs: [{name: echo, port: 8080}]
                  - matches: [{path: {type: PathPrefix, value: /odd-extension}}]
                    filters: [{type: ExtensionRef, extensionRef: {group: example.com, kind: Unknown, name: x}}]
                    backendRefs: [{name: echo, port: 8080}]
                  - matches: [{headers: [{type: Prefix, name: x-version, value: v}]}]
                    backendRefs: [{name: echo, port: 8080}]
                """);

        JsonNode route = awaitObject("HTTPRoute", "odd", status -> condition(status.path("parents").path(0),
                "PartiallyInvalid") != null);
        JsonNode parent = route.path("parents").get(0);
        assertEquals("True", condition(parent, "Accepted").path("status").asText());
        JsonNode partly = condition(parent, "PartiallyInvalid");
        assertEquals("True", partly.path("status").asText());
        assertEquals("UnsupportedValue", partly.path("reason").asText());
        assertTrue(partly.path("message").asText().contains("filter type ExtensionRef is not supported"),
                partly.toString());
        assertTrue(partly.path("message").asText().contains("match type Prefix is not supported"), partly.toString());
        assertEquals(200, awaitStatus(200, "http://edge.test", "/odd-ok"));
        assertEquals(500, get("http://edge.test", "/odd-extension").getStatus());
        assertTrue(overviewProblems().stream().anyMatch(p -> "HTTPRoute/default/odd".equals(p.get("object"))
                && "translation".equals(p.get("category"))), overviewProblems().toString());

        long onOtherGateway = timeUntilServed(route("fresh", "other", null, "other.test", "/fresh"),
                "http://other.test", "/fresh");
        long onSameGateway = timeUntilServed(route("edge-fresh", "edge", "http", "edge.test", "/edge-fresh"),
                "http://edge.test", "/edge-fresh");
        System.out.printf("unsupported filter/match: unrelated route served after %d ms (other Gateway), %d ms "
                + "(same Gateway)%n", onOtherGateway, onSameGateway);
        assertNotRefusedByTheProxy();
    }

    /** The control plane found the problem first: the proxy took every config whole. */
    private void assertNotRefusedByTheProxy() {
        var latest = portolan.dataPlane().orElseThrow().proxy().refusals().latest();
        assertFalse(latest.degraded(), latest.describe());
        assertEquals(0, portolan.dataPlane().orElseThrow().proxy().refusals().gatewayRefusalsTotal());
        assertEquals(0, portolan.dataPlane().orElseThrow().proxy().refusals().wholeRefusalsTotal());
    }

    /** Applies a route and returns how long until a real request through the proxy reaches the echo backend. */
    private long timeUntilServed(String routeYaml, String origin, String path) throws Exception {
        long start = System.nanoTime();
        apply(routeYaml);
        long deadline = start + TimeUnit.MILLISECONDS.toNanos(CATCH_UP_MILLIS);
        while (System.nanoTime() < deadline) {
            if (get(origin, path).getStatus() == 200 && echo.recordedCount(path) > 0) {
                return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            }
            Thread.sleep(10);
        }
        throw new AssertionError(origin + path + " not served within " + CATCH_UP_MILLIS + " ms of applying it");
    }

    private static String route(String name, String gateway, String section, String hostname, String prefix) {
        return """
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata: {name: %s, namespace: default}
                spec:
                  parentRefs: [{name: %s%s}]
                  hostnames: [%s]
                  rules:
                  - matches: [{path: {type: PathPrefix, value: %s}}]
                    backendRefs: [{name: echo, port: 8080}]
                """.formatted(name, gateway, section == null ? "" : ", sectionName: " + section, hostname, prefix);
    }

    private void apply(String yaml) throws Exception {
        for (ObjectNode manifest : ScenarioInputs.parse(yaml)) {
            portolan.store().apply(manifest);
        }
    }

    private ContentResponse get(String origin, String path) throws Exception {
        return client.newRequest(origin.replace(".test", ".test:" + (origin.startsWith("https") ? 443 + offset
                : 80 + offset)) + path).timeout(5, TimeUnit.SECONDS).send();
    }

    private int awaitStatus(int expected, String origin, String path) throws Exception {
        return awaitStatus(s -> s == expected, origin, path);
    }

    private int awaitStatus(Predicate<Integer> wanted, String origin, String path) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        int last = -1;
        while (System.nanoTime() < deadline) {
            try {
                last = get(origin, path).getStatus();
                if (wanted.test(last)) {
                    return last;
                }
            } catch (java.util.concurrent.ExecutionException notYetListening) {
                // the listener opens with the first config that has it
            }
            Thread.sleep(20);
        }
        throw new AssertionError(origin + path + ": last status " + last);
    }

    private JsonNode awaitObject(String kind, String name, Predicate<JsonNode> ready) throws Exception {
        String group = kind.equals("HTTPRoute") || kind.equals("Gateway") || kind.equals("BackendTLSPolicy")
                ? "gateway.networking.k8s.io" : "";
        ResourceKey key = ResourceKey.of(group, kind, "default", name);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        JsonNode status = null;
        while (System.nanoTime() < deadline) {
            status = portolan.snapshots().current().computed().statuses().get(key);
            if (status != null && ready.test(status)) {
                return status;
            }
            Thread.sleep(20);
        }
        throw new AssertionError(key + " status never became ready: " + status);
    }

    private String address(String gateway) throws Exception {
        JsonNode status = awaitObject("Gateway", gateway, s -> s.path("addresses").size() > 0);
        return status.path("addresses").get(0).path("value").asText();
    }

    private List<Map<String, Object>> overviewProblems() {
        ObjectNode summary = ProxyRefusals.addTo(Summary.of(portolan.snapshots().current(), portolan.origin(),
                portolan.translationProblems()), portolan.dataPlane());
        return OverviewProblems.from(summary);
    }

    private static JsonNode listener(JsonNode gatewayStatus, String name) {
        for (JsonNode listener : gatewayStatus.path("listeners")) {
            if (listener.path("name").asText().equals(name)) {
                return listener;
            }
        }
        return null;
    }

    private static JsonNode condition(JsonNode holder, String type) {
        for (JsonNode condition : holder.path("conditions")) {
            if (condition.path("type").asText().equals(type)) {
                return condition;
            }
        }
        return null;
    }

    private static String json(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }

    /** An offset under which ports 80 and 443 are free on loopback, below the ephemeral range. */
    private static int freeOffset() throws Exception {
        for (int attempt = 0; attempt < 50; attempt++) {
            int candidate = 22_000 + 10 * ThreadLocalRandom.current().nextInt(800);
            if (free(80 + candidate) && free(443 + candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("no free port offset found");
    }

    private static boolean free(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (Exception e) {
            return false;
        }
    }
}
