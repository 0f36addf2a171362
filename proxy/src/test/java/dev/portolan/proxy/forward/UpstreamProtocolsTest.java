package dev.portolan.proxy.forward;

import static dev.portolan.proxy.forward.Configs.backend;
import static dev.portolan.proxy.forward.Configs.config;
import static dev.portolan.proxy.forward.Configs.rule;
import static dev.portolan.proxy.forward.Configs.tlsBackend;
import static dev.portolan.proxy.forward.Configs.to;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portolan.proxy.config.BackendProtocol;
import dev.portolan.proxy.config.UpstreamTls;
import dev.portolan.echo.EchoOptions;
import dev.portolan.echo.EchoServer;
import dev.portolan.testpki.CertificateAuthority;
import dev.portolan.testpki.IssuedCertificate;
import dev.portolan.testpki.TestPki;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.client.ContentResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** h2c upstreams and backend TLS: trust exactly the policy's CA, SNI, SAN checks, never plaintext. */
class UpstreamProtocolsTest {

    private static EchoServer h2cEcho;
    private static EchoServer tlsEcho;
    private static ForwardTestServer proxy;
    private static TestClient client;

    @BeforeAll
    static void start() throws Exception {
        h2cEcho = EchoServer.start(EchoOptions.of("h2c-pod", "infra").withH2cPort(0));
        CertificateAuthority ca = TestPki.newCa("test-ca");
        CertificateAuthority otherCa = TestPki.newCa("other-ca");
        IssuedCertificate serverCert = ca.issue("abc.example.com", "spiffe://cluster.local/ns/infra/sa/echo");
        tlsEcho = EchoServer.start(EchoOptions.of("tls-pod", "infra")
                .withHttps(0, serverCert.certificatePem(), serverCert.privateKeyPem()));
        String caPem = ca.certificatePem();
        proxy = ForwardTestServer.start(config(
                rule("/h2c", List.of(), to(backend("infra/h2c:3001", BackendProtocol.H2C, h2cEcho))),
                rule("/tls-ok", List.of(), to(tlsBackend("infra/tls:443", tlsEcho,
                        new UpstreamTls("abc.example.com", List.of(caPem), false, List.of(), null)))),
                rule("/tls-uri-san", List.of(), to(tlsBackend("infra/tls:443", tlsEcho,
                        new UpstreamTls("abc.example.com", List.of(caPem), false,
                                List.of("spiffe://cluster.local/ns/infra/sa/echo"), null)))),
                rule("/tls-wrong-ca", List.of(), to(tlsBackend("infra/tls:443", tlsEcho,
                        new UpstreamTls("abc.example.com", List.of(otherCa.certificatePem()), false, List.of(),
                                null)))),
                rule("/tls-system-ca", List.of(), to(tlsBackend("infra/tls:443", tlsEcho,
                        new UpstreamTls("abc.example.com", List.of(), true, List.of(), null)))),
                rule("/tls-sni-mismatch", List.of(), to(tlsBackend("infra/tls:443", tlsEcho,
                        new UpstreamTls("abc.example.org", List.of(caPem), false, List.of(), null)))),
                rule("/tls-san-mismatch", List.of(), to(tlsBackend("infra/tls:443", tlsEcho,
                        new UpstreamTls("abc.example.com", List.of(caPem), false, List.of("other.example.com"),
                                null)))),
                rule("/tls-invalid", List.of(), to(tlsBackend("infra/tls:443", tlsEcho,
                        new UpstreamTls("abc.example.com", List.of(), false, List.of(),
                                "ConfigMap infra/ca not found")))),
                rule("/tls-garbage-ca", List.of(), to(tlsBackend("infra/tls:443", tlsEcho,
                        new UpstreamTls("abc.example.com", List.of("not a pem"), false, List.of(), null))))));
        client = new TestClient();
    }

    @AfterAll
    static void stop() throws Exception {
        client.close();
        proxy.close();
        h2cEcho.close();
        tlsEcho.close();
    }

    @Test
    void h2cBackendGetsHttp2WithPriorKnowledge() throws Exception {
        ContentResponse answer = client.get(proxy.url(80), "/h2c/x?y=1", Map.of("Host", "h2c.example:8080"));
        assertEquals(200, answer.getStatus());
        Echoed seen = Echoed.of(answer);
        assertEquals("h2c-pod", seen.pod());
        assertEquals("/h2c/x?y=1", seen.path());
        assertEquals("h2c.example:8080", seen.host());
    }

    @Test
    void trustedCaAnswers200AndTheBackendSeesTheSni() throws Exception {
        for (String path : List.of("/tls-ok", "/tls-uri-san")) {
            ContentResponse answer = client.get(proxy.url(80), path, Map.of("Host", "abc.example.com"));
            assertEquals(200, answer.getStatus(), path + ": " + answer.getContentAsString());
            Echoed seen = Echoed.of(answer);
            assertEquals("abc.example.com", seen.tls().path("serverName").asText());
            assertEquals("abc.example.com", seen.host());
        }
    }

    @Test
    void untrustedOrMismatchedCertificatesAnswer502() throws Exception {
        for (String path : List.of("/tls-wrong-ca", "/tls-system-ca", "/tls-sni-mismatch", "/tls-san-mismatch")) {
            tlsEcho.clearRecorded();
            ContentResponse answer = client.get(proxy.url(80), path);
            assertEquals(502, answer.getStatus(), path + ": " + answer.getContentAsString());
            assertEquals(0, tlsEcho.recorded().size(), path + " must not reach the backend");
        }
    }

    @Test
    void policiesThatCannotBeHonouredAnswer503WithoutContactingTheBackend() throws Exception {
        for (String path : List.of("/tls-invalid", "/tls-garbage-ca")) {
            tlsEcho.clearRecorded();
            ContentResponse answer = client.get(proxy.url(80), path);
            assertEquals(503, answer.getStatus(), path);
            assertEquals("503 no healthy upstream\n", answer.getContentAsString(), "the TLS problem goes to the log");
            assertEquals(0, tlsEcho.recorded().size());
        }
    }

    @Test
    void oneClientPerDistinctTlsSetting() {
        // ok, uri-san, wrong-ca, system-ca, sni-mismatch, san-mismatch, garbage-ca (kept as a failed entry)
        assertEquals(7, proxy.forwarder().upstreamTlsClients());
    }
}
