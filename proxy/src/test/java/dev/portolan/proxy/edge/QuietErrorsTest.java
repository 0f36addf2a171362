package dev.portolan.proxy.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portolan.proxy.config.BackendConfig;
import dev.portolan.proxy.config.BackendProtocol;
import dev.portolan.proxy.config.Endpoint;
import dev.portolan.proxy.config.TimeoutsConfig;
import dev.portolan.proxy.config.UpstreamTls;
import dev.portolan.echo.EchoOptions;
import dev.portolan.echo.EchoServer;
import dev.portolan.proxy.edge.EdgeProxy.Rule;
import dev.portolan.proxy.listen.ProxyServerOptions;
import dev.portolan.testpki.CertificateAuthority;
import dev.portolan.testpki.IssuedCertificate;
import dev.portolan.testpki.TestPki;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Finding 4 of issue 11: 502 bodies carried Java exception text (PKIX messages, class names). Every answer the
 * proxy makes itself now has a fixed body; the details go to the log.
 */
class QuietErrorsTest {
    /** Text that must never reach a client: exception and class names, TLS internals, backend names, addresses. */
    private static final List<String> INTERNALS = List.of("Exception", "PKIX", "java.", "javax.", "org.eclipse",
            "certificate", "infra/", "127.0.0.1", "Jetty", "<html");

    private static EchoServer tlsEcho;
    private static EdgeProxy proxy;

    @BeforeAll
    static void start() throws Exception {
        CertificateAuthority ca = TestPki.newCa("backend-ca");
        CertificateAuthority stranger = TestPki.newCa("a CA the proxy is told to trust instead");
        IssuedCertificate cert = ca.issue("backend.example.com", "spiffe://cluster.local/ns/infra/sa/echo");
        tlsEcho = EchoServer.start(EchoOptions.of("tls-backend", "infra")
                .withHttps(0, cert.certificatePem(), cert.privateKeyPem()));
        BackendConfig untrusted = new BackendConfig("infra/tls-backend:443", List.of(new Endpoint(tlsEcho.host(),
                tlsEcho.httpsPort().orElseThrow())), BackendProtocol.HTTP1, new UpstreamTls("backend.example.com",
                List.of(stranger.certificatePem()), false, List.of(), null), null);
        BackendConfig closed = new BackendConfig("infra/closed:80", List.of(new Endpoint("127.0.0.1", closedPort())),
                BackendProtocol.HTTP1, null, null);
        BackendConfig empty = new BackendConfig("infra/empty:80", List.of(), BackendProtocol.HTTP1, null, null);
        BackendConfig invalid = new BackendConfig("infra/missing:80", List.of(), BackendProtocol.HTTP1, null,
                "Service infra/missing not found");
        proxy = EdgeProxy.start(ProxyServerOptions.defaults(),
                Rule.prefix("untrusted-tls", "/untrusted-tls").to(untrusted),
                Rule.prefix("refused", "/refused").to(closed),
                Rule.prefix("no-endpoints", "/no-endpoints").to(empty),
                Rule.prefix("invalid", "/invalid").to(invalid),
                Rule.prefix("slow", "/slow").within(new TimeoutsConfig(Duration.ofMillis(200), null)),
                Rule.prefix("fine", "/fine"),
                Rule.prefix("status", "/status"));
    }

    @AfterAll
    static void stop() throws Exception {
        proxy.close();
        tlsEcho.close();
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Test
    void aTlsBackendWithAnUntrustedCertificateGives502WithoutPkixText() throws Exception {
        assertQuiet(RawClient.get(proxy.port, "/untrusted-tls"), GatewayAnswer.UPSTREAM_ERROR);
        assertEquals(0, tlsEcho.recorded().size(), "the handshake failed before any request");
    }

    @Test
    void aRefusedConnectionGives502CountedForTheMetrics() throws Exception {
        long before = GatewayAnswer.UPSTREAM_ERROR.answered();
        assertQuiet(RawClient.get(proxy.port, "/refused"), GatewayAnswer.UPSTREAM_ERROR);
        assertTrue(GatewayAnswer.UPSTREAM_ERROR.answered() > before);
        assertTrue(GatewayAnswer.prometheusText().contains(
                "portolan_proxy_generated_answers_total{code=\"502\",reason=\"upstream_connect_error\"} "));
    }

    @Test
    void noEndpointsGive503NoHealthyUpstream() throws Exception {
        assertQuiet(RawClient.get(proxy.port, "/no-endpoints"), GatewayAnswer.NO_HEALTHY_UPSTREAM);
    }

    @Test
    void anInvalidBackendGives500WithoutTheReason() throws Exception {
        assertQuiet(RawClient.get(proxy.port, "/invalid"), GatewayAnswer.INVALID_BACKEND);
    }

    @Test
    void aRequestTimeoutGives504() throws Exception {
        assertQuiet(RawClient.get(proxy.port, "/slow?delay=2s"), GatewayAnswer.UPSTREAM_TIMEOUT);
    }

    @Test
    void noRouteGives404WithoutNamingTheGatewayOrTheRequest() throws Exception {
        assertQuiet(RawClient.get(proxy.port, "/nothing-here"), GatewayAnswer.NOT_FOUND);
    }

    @Test
    void jettysOwnRefusalsCarryTheFixedBodyNotJettysPage() throws Exception {
        assertQuiet(RawClient.get(proxy.port, "/fine%2f..%2fadmin"), GatewayAnswer.BAD_REQUEST);
        assertQuiet(RawClient.send(proxy.port, "GET /fine HTTP/1.1\r\nHost: x\r\nBroken header\r\n\r\n"
                .getBytes()), GatewayAnswer.BAD_REQUEST);
        assertQuiet(RawClient.get(proxy.port, "/fine", "X-Big: " + "x".repeat(20_000)),
                GatewayAnswer.HEADERS_TOO_LARGE);
    }

    @Test
    void theBackendsOwnErrorsPassUnchanged() throws Exception {
        RawClient.Reply reply = RawClient.get(proxy.port, "/status/503");
        assertEquals(503, reply.status());
        assertFalse(reply.body().equals(GatewayAnswer.NO_HEALTHY_UPSTREAM.body()), reply.body());
    }

    private static void assertQuiet(RawClient.Reply reply, GatewayAnswer expected) {
        assertEquals(expected.status(), reply.status(), reply.body());
        assertEquals(expected.body(), reply.body());
        for (String internal : INTERNALS) {
            assertFalse(reply.body().contains(internal), internal + " in " + reply.body());
        }
    }
}
