package dev.portolan.translate;

import static dev.portolan.translate.TranslateFixtures.BASE;
import static dev.portolan.translate.TranslateFixtures.backend;
import static dev.portolan.translate.TranslateFixtures.translate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portolan.proxy.config.BackendConfig;
import dev.portolan.proxy.config.BackendProtocol;
import dev.portolan.proxy.config.Endpoint;
import dev.portolan.proxy.config.UpstreamTls;
import dev.portolan.testpki.CertificateAuthority;
import dev.portolan.testpki.KeyType;
import dev.portolan.testpki.TestPki;
import java.util.List;
import org.junit.jupiter.api.Test;

class BackendTranslationTest {
    private static final String SERVICES = """
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: multi, namespace: default}
            spec:
              ports:
              - {name: grpc, port: 9000, targetPort: 3001, appProtocol: kubernetes.io/h2c}
              - {name: socket, port: 9001, targetPort: 3002, appProtocol: kubernetes.io/ws}
              - {name: tls, port: 9443, targetPort: 3443, appProtocol: https}
              - {name: empty, port: 9002, targetPort: 3003}
            ---
            apiVersion: discovery.k8s.io/v1
            kind: EndpointSlice
            metadata:
              name: multi-1
              namespace: default
              labels: {kubernetes.io/service-name: multi}
            addressType: IPv4
            endpoints:
            - addresses: ["10.1.0.1"]
            ports:
            - {name: grpc, port: 3001}
            - {name: socket, port: 3002}
            - {name: tls, port: 3443}
            """;

    private static Translation rules(String extra, String rules) {
        return translate(BASE + SERVICES + extra + """
                ---
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata: {name: r, namespace: default}
                spec:
                  parentRefs: [{name: gw}]
                  rules:
                """ + rules.indent(2));
    }

    @Test
    void readyEndpointsUseTheSlicePortOfTheServicePort() {
        BackendConfig web = backend(rules("", "- backendRefs: [{name: web, port: 8080}]"), 0);
        assertEquals("default/web:8080", web.name());
        assertEquals(List.of(new Endpoint("10.0.0.1", 3000), new Endpoint("10.0.0.2", 3000)), web.endpoints());
        assertEquals(BackendProtocol.HTTP1, web.protocol());
        assertNull(web.tls());
        assertTrue(web.isUsable());
    }

    @Test
    void appProtocolsChooseH2cAndWebSocket() {
        Translation t = rules("", """
                - backendRefs: [{name: multi, port: 9000}]
                - backendRefs: [{name: multi, port: 9001}]
                """);
        assertEquals(BackendProtocol.H2C, backend(t, 0).protocol());
        assertEquals(List.of(new Endpoint("10.1.0.1", 3001)), backend(t, 0).endpoints());
        assertEquals(BackendProtocol.WS, backend(t, 1).protocol());
        assertEquals(List.of(new Endpoint("10.1.0.1", 3002)), backend(t, 1).endpoints());
    }

    @Test
    void noEndpointsIsNotAProblem() {
        BackendConfig empty = backend(rules("", "- backendRefs: [{name: multi, port: 9002}]"), 0);
        assertEquals(List.of(), empty.endpoints());
        assertNull(empty.problem());
    }

    @Test
    void unresolvedRefsCarryTheirReason() {
        Translation t = rules("", """
                - backendRefs: [{name: nope, port: 80}]
                - backendRefs: [{name: web, namespace: other, port: 8080}]
                - backendRefs: [{group: example.com, kind: Bucket, name: photos}]
                """);
        assertTrue(backend(t, 0).problem().startsWith("BackendNotFound: "), backend(t, 0).problem());
        assertTrue(backend(t, 1).problem().startsWith("RefNotPermitted: "), backend(t, 1).problem());
        assertEquals("Bucket.example.com default/photos", backend(t, 2).name());
        assertTrue(backend(t, 2).problem().startsWith("InvalidKind: "), backend(t, 2).problem());
        assertFalse(backend(t, 0).isUsable());
    }

    @Test
    void httpsPortWithoutPolicyIsAProblemNeverPlaintext() {
        BackendConfig tls = backend(rules("", "- backendRefs: [{name: multi, port: 9443}]"), 0);
        assertNull(tls.tls());
        assertTrue(tls.problem().contains("no BackendTLSPolicy"), tls.problem());
    }

    @Test
    void backendTlsPolicyGivesSniCasAndSans() {
        CertificateAuthority ca = TestPki.newCa("Test CA", KeyType.RSA);
        Translation t = rules("""
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: ca, namespace: default}
                data:
                  ca.crt: |
                %s
                ---
                apiVersion: gateway.networking.k8s.io/v1
                kind: BackendTLSPolicy
                metadata: {name: multi-tls, namespace: default}
                spec:
                  targetRefs: [{group: "", kind: Service, name: multi, sectionName: tls}]
                  validation:
                    hostname: multi.example.com
                    caCertificateRefs: [{group: "", kind: ConfigMap, name: ca}]
                    subjectAltNames: [{type: Hostname, hostname: alt.example.com}]
                ---
                apiVersion: gateway.networking.k8s.io/v1
                kind: BackendTLSPolicy
                metadata: {name: web-tls, namespace: default}
                spec:
                  targetRefs: [{group: "", kind: Service, name: web}]
                  validation:
                    hostname: web.example.com
                    caCertificateRefs: [{group: "", kind: ConfigMap, name: missing}]
                """.formatted(ca.certificatePem().strip().indent(4)), """
                - backendRefs: [{name: multi, port: 9443}]
                - backendRefs: [{name: web, port: 8080}]
                """);
        BackendConfig secure = backend(t, 0);
        assertNull(secure.problem());
        UpstreamTls tls = secure.tls();
        assertEquals("multi.example.com", tls.sni());
        assertEquals(1, tls.caPems().size());
        assertTrue(tls.caPems().get(0).contains("BEGIN CERTIFICATE"));
        assertFalse(tls.useSystemCAs());
        assertEquals(List.of("alt.example.com"), tls.subjectAltNames());
        assertNull(tls.problem());

        BackendConfig broken = backend(t, 1);
        assertNull(broken.problem());
        assertEquals("web.example.com", broken.tls().sni());
        assertTrue(broken.tls().problem().contains("missing"), broken.tls().problem());
        assertFalse(broken.isUsable());
    }
}
