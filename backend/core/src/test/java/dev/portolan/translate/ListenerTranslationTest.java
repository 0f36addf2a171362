package dev.portolan.translate;

import static dev.portolan.translate.TranslateFixtures.gateway;
import static dev.portolan.translate.TranslateFixtures.listener;
import static dev.portolan.translate.TranslateFixtures.translate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portolan.proxy.config.CertificateConfig;
import dev.portolan.proxy.config.ContentVersion;
import dev.portolan.proxy.config.GatewayConfig;
import dev.portolan.proxy.config.ListenerConfig;
import dev.portolan.proxy.config.Protocol;
import dev.portolan.proxy.config.ProxyConfig;
import dev.portolan.proxy.config.ProxyConfigCodec;
import dev.portolan.proxy.config.RouteConfig;
import dev.portolan.testpki.CertificateAuthority;
import dev.portolan.testpki.IssuedCertificate;
import dev.portolan.testpki.KeyPurpose;
import dev.portolan.testpki.KeyType;
import dev.portolan.testpki.TestPki;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ListenerTranslationTest {
    private static final CertificateAuthority CA = TestPki.newCa("Listener CA", KeyType.RSA);
    private static final IssuedCertificate LEAF = CA.leaf().sans("*.example.com").keyType(KeyType.RSA)
            .purposes(KeyPurpose.SERVER_AUTH).issue();

    private static String yaml() {
        return TranslateFixtures.BASE.replace("""
                  listeners:
                  - {name: http, protocol: HTTP, port: 80}
                """, """
                  infrastructure:
                    labels: {team: edge}
                    annotations: {note: hello}
                  listeners:
                  - {name: http, protocol: HTTP, port: 80}
                  - {name: wild, protocol: HTTP, port: 8080, hostname: "*.example.com"}
                  - name: https
                    protocol: HTTPS
                    port: 443
                    hostname: "*.example.com"
                    tls: {certificateRefs: [{name: cert}]}
                  - name: broken-https
                    protocol: HTTPS
                    port: 8443
                    tls: {certificateRefs: [{name: missing}]}
                """) + """
                ---
                apiVersion: v1
                kind: Secret
                metadata: {name: cert, namespace: default}
                type: kubernetes.io/tls
                data: {tls.crt: %s, tls.key: %s}
                ---
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata: {name: r, namespace: default}
                spec:
                  parentRefs: [{name: gw}]
                  hostnames: [foo.example.com, other.org, "*.example.com"]
                  rules:
                  - backendRefs: [{name: web, port: 8080}]
                ---
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata: {name: only-wild, namespace: default}
                spec:
                  parentRefs: [{name: gw, sectionName: wild}]
                  rules:
                  - backendRefs: [{name: web, port: 8080}]
                ---
                apiVersion: gateway.networking.k8s.io/v1
                kind: Gateway
                metadata: {name: no-class, namespace: default}
                spec:
                  gatewayClassName: someone-else
                  listeners:
                  - {name: http, protocol: HTTP, port: 80}
                """.formatted(base64(LEAF.certificatePem()), base64(LEAF.privateKeyPem()));
    }

    private static String base64(String pem) {
        return Base64.getEncoder().encodeToString(pem.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void gatewayCarriesAddressAndInfrastructure() {
        Translation t = translate(yaml());
        assertEquals(List.of("gw"), t.config().gateways().stream().map(GatewayConfig::name).toList());
        GatewayConfig gw = gateway(t, "gw");
        assertEquals("127.0.0.10", gw.address());
        assertEquals(Map.of("team", "edge"), gw.infrastructureLabels());
        assertEquals(Map.of("note", "hello"), gw.infrastructureAnnotations());
        assertEquals(ContentVersion.of(t.config().gateways()), t.config().version(), "versioned by its content");
    }

    @Test
    void listenersAreSortedByPortAndUnservableOnesAreLeftOut() {
        Translation t = translate(yaml());
        assertEquals(List.of("http", "https", "wild"),
                gateway(t, "gw").listeners().stream().map(ListenerConfig::name).toList());
    }

    @Test
    void routesGetTheHostnamesEffectiveOnEachListener() {
        Translation t = translate(yaml());
        ListenerConfig http = listener(t, "gw", "http");
        assertNull(http.hostname());
        assertEquals(List.of("r"), http.routes().stream().map(RouteConfig::name).toList());
        assertEquals(List.of("*.example.com", "foo.example.com", "other.org"), http.routes().get(0).hostnames());

        ListenerConfig wild = listener(t, "gw", "wild");
        assertEquals("*.example.com", wild.hostname());
        assertEquals(List.of("only-wild", "r"), wild.routes().stream().map(RouteConfig::name).toList());
        // No route hostnames: the graph gives the listener's own hostname.
        assertEquals(List.of("*.example.com"), wild.routes().get(0).hostnames());
        List<String> rOnWild = wild.routes().get(1).hostnames();
        assertFalse(rOnWild.contains("other.org"), rOnWild.toString());
        assertTrue(rOnWild.contains("foo.example.com"), rOnWild.toString());
    }

    @Test
    void httpsListenerServesTheSecretsChainAndKey() {
        ListenerConfig https = listener(translate(yaml()), "gw", "https");
        assertEquals(Protocol.HTTPS, https.protocol());
        assertEquals(List.of(new CertificateConfig(LEAF.certificatePem(), LEAF.privateKeyPem())), https.certificates());
    }

    @Test
    void redactionRemovesPrivateKeysAndTheCodecRoundTrips() {
        ProxyConfig config = translate(yaml()).config();
        assertEquals(config, ProxyConfigCodec.fromJson(ProxyConfigCodec.toJson(config)));
        ProxyConfig redacted = PrivateKeyRedaction.withoutPrivateKeys(config);
        String json = ProxyConfigCodec.toJson(redacted);
        assertFalse(json.contains("PRIVATE KEY"), json);
        assertTrue(json.contains(PrivateKeyRedaction.MARKER));
        assertTrue(json.contains("BEGIN CERTIFICATE"));
        assertEquals(redacted, ProxyConfigCodec.fromJson(json));
    }
}
