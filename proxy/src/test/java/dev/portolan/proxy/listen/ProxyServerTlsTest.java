package dev.portolan.proxy.listen;

import static dev.portolan.proxy.listen.ListenFixtures.freeOffset;
import static dev.portolan.proxy.listen.ListenFixtures.gateway;
import static dev.portolan.proxy.listen.ListenFixtures.https;
import static dev.portolan.proxy.listen.ListenFixtures.route;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portolan.proxy.config.CertificateConfig;
import dev.portolan.proxy.config.ProxyConfig;
import dev.portolan.proxy.observe.GatewayMetrics;
import dev.portolan.testpki.CertificateAuthority;
import dev.portolan.testpki.KeyFormat;
import dev.portolan.testpki.KeyType;
import dev.portolan.testpki.TestPki;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.http.HttpVersion;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ProxyServerTlsTest {
    static final String ADDRESS = "127.0.0.203";
    static final Map<String, String> HOSTS = Map.of("a.example.test", ADDRESS, "b.example.test", ADDRESS);

    private static CertificateAuthority ca;
    private static CertificateConfig certA;
    private static CertificateConfig certB;

    private ProxyServer proxy;
    private int port;

    @BeforeAll
    static void certificates() throws Exception {
        ca = TestPki.newCa("Portolan Test CA", KeyType.RSA);
        certA = ListenFixtures.serverCertificate(ca, "a.example.test", KeyType.RSA, KeyFormat.TRADITIONAL);
        certB = ListenFixtures.serverCertificate(ca, "b.example.test", KeyType.EC, KeyFormat.TRADITIONAL);
    }

    @AfterAll
    static void forget() {
        ca = null;
    }

    @BeforeEach
    void start() throws Exception {
        int offset = freeOffset(List.of(443), ADDRESS);
        port = 443 + offset;
        proxy = new ProxyServer(new TestForwarder(), ProxyServerOptions.defaults().withPortOffset(offset),
                new GatewayMetrics());
        proxy.start();
        assertTrue(proxy.apply(config(1, certA)).ok());
    }

    @AfterEach
    void stop() {
        proxy.close();
    }

    private static ProxyConfig config(long version, CertificateConfig forA) {
        return new ProxyConfig(String.valueOf(version), List.of(gateway("gw-tls", ADDRESS, Map.of(),
                https("a", 443, "a.example.test", forA, route("route-a", "/", "a-rule")),
                https("b", 443, "b.example.test", certB, route("route-b", "/", "b-rule")))));
    }

    @Test
    void sniSelectsTheCertificateOfTheListener() throws Exception {
        assertEquals("CN=a.example.test", peer("a.example.test").getSubjectX500Principal().getName());
        assertEquals("CN=b.example.test", peer("b.example.test").getSubjectX500Principal().getName());
        assertEquals("EC", peer("b.example.test").getPublicKey().getAlgorithm());
    }

    @Test
    void http2OverTlsIsNegotiatedWithAlpn() throws Exception {
        HttpClient client = TestClients.http2(HOSTS, TestClients.tls(ca.trustStore(), null));
        try {
            for (String host : List.of("a", "b")) {
                ContentResponse response = client.newRequest("https://" + host + ".example.test:" + port + "/")
                        .timeout(5, TimeUnit.SECONDS).send();
                assertEquals(200, response.getStatus());
                assertEquals(HttpVersion.HTTP_2, response.getVersion());
                assertEquals("apps/route-" + host, response.getHeaders().get("X-Route"));
                assertEquals("true", response.getHeaders().get("X-Secure"));
                assertEquals("443", response.getHeaders().get("X-Spec-Port"));
            }
        } finally {
            client.stop();
        }
    }

    @Test
    void http11OverTlsStillWorks() throws Exception {
        HttpClient client = TestClients.http1Tls(HOSTS, TestClients.tls(ca.trustStore(), null));
        try {
            ContentResponse response = client.newRequest("https://b.example.test:" + port + "/")
                    .timeout(5, TimeUnit.SECONDS).send();
            assertEquals(200, response.getStatus());
            assertEquals(HttpVersion.HTTP_1_1, response.getVersion());
            assertEquals("apps/route-b", response.getHeaders().get("X-Route"));
        } finally {
            client.stop();
        }
    }

    @Test
    void authorityOfAnotherListenerThanTheSniChoseIsMisdirected() throws Exception {
        // TLS says a.example.test, :authority says b.example.test (whose certificate is on the same socket).
        HttpClient client = TestClients.http2(HOSTS, TestClients.tls(ca.trustStore(), "a.example.test"));
        try {
            ContentResponse misdirected = client.newRequest("https://b.example.test:" + port + "/")
                    .timeout(5, TimeUnit.SECONDS).send();
            assertEquals(421, misdirected.getStatus());
            assertEquals(HttpVersion.HTTP_2, misdirected.getVersion());
            assertEquals("421 misdirected request\n", misdirected.getContentAsString());

            ContentResponse matching = client.newRequest("https://a.example.test:" + port + "/")
                    .timeout(5, TimeUnit.SECONDS).send();
            assertEquals(200, matching.getStatus());
        } finally {
            client.stop();
        }
    }

    @Test
    void changedCertificatesAreServedOnTheSameSocket() throws Exception {
        X509Certificate before = peer("a.example.test");
        CertificateConfig rotated = ListenFixtures.serverCertificate(ca, "a.example.test", KeyType.RSA, KeyFormat.PKCS8);

        assertTrue(proxy.apply(config(2, rotated)).ok());

        X509Certificate after = peer("a.example.test");
        assertNotEquals(before.getSerialNumber(), after.getSerialNumber());
        assertEquals(port, proxy.boundPort(new SocketKey(ADDRESS, 443)));
    }

    /** The leaf certificate the server presents for a TLS server name, verified against the test CA. */
    private X509Certificate peer(String serverName) throws Exception {
        SSLContext context = TestPki.sslContext(ca);
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(ADDRESS, port)) {
            socket.setSoTimeout(5_000);
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setServerNames(List.of(new SNIHostName(serverName)));
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            socket.setSSLParameters(parameters);
            socket.startHandshake();
            return (X509Certificate) socket.getSession().getPeerCertificates()[0];
        }
    }
}
