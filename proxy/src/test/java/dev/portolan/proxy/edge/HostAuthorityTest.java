package dev.portolan.proxy.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portolan.proxy.config.BackendConfig;
import dev.portolan.proxy.config.BackendProtocol;
import dev.portolan.proxy.config.CertificateConfig;
import dev.portolan.proxy.config.Endpoint;
import dev.portolan.proxy.config.GatewayConfig;
import dev.portolan.proxy.config.ListenerConfig;
import dev.portolan.proxy.config.MatchConfig;
import dev.portolan.proxy.config.PathMatch;
import dev.portolan.proxy.config.Protocol;
import dev.portolan.proxy.config.ProxyConfig;
import dev.portolan.proxy.config.RouteConfig;
import dev.portolan.proxy.config.RuleConfig;
import dev.portolan.proxy.config.WeightedBackend;
import dev.portolan.echo.EchoOptions;
import dev.portolan.echo.EchoServer;
import dev.portolan.proxy.forward.HttpForwarder;
import dev.portolan.proxy.listen.ListenFixtures;
import dev.portolan.proxy.listen.ProxyServer;
import dev.portolan.proxy.listen.ProxyServerOptions;
import dev.portolan.proxy.observe.GatewayMetrics;
import dev.portolan.testpki.CertificateAuthority;
import dev.portolan.testpki.KeyFormat;
import dev.portolan.testpki.KeyType;
import dev.portolan.testpki.TestPki;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.transport.HttpConversation;
import org.eclipse.jetty.client.transport.HttpRequest;
import org.eclipse.jetty.client.transport.HttpClientTransportOverHTTP;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.http2.client.HTTP2Client;
import org.eclipse.jetty.http2.client.transport.HttpClientTransportOverHTTP2;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Finding 8 of issue 11: an HTTP/2 request whose authority is {@code example.org} (default port) reached the
 * backend as Host {@code example.org:443}. The proxy passes the authority on as received; Jetty's HTTP/2 client
 * (used by the conformance runner) was the one adding the default port, so these requests send the authority as
 * curl does. The client connects every name to the proxy's socket but keeps the URL's authority.
 */
class HostAuthorityTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static EchoServer echo;
    private static ProxyServer proxy;
    private static int port;
    private static CertificateAuthority ca;

    @BeforeAll
    static void start() throws Exception {
        ca = TestPki.newCa("Portolan Edge CA", KeyType.EC);
        CertificateConfig cert = ListenFixtures.serverCertificate(ca, "example.org", KeyType.EC,
                KeyFormat.TRADITIONAL);
        echo = EchoServer.start(EchoOptions.of("authority-backend", "infra"));
        BackendConfig backend = new BackendConfig("infra/echo:8080", List.of(new Endpoint(echo.host(),
                echo.httpPort())), BackendProtocol.HTTP1, null, null);
        RuleConfig rule = new RuleConfig(0, null, List.of(new MatchConfig(PathMatch.prefix("/"), List.of(),
                List.of(), null)), List.of(), List.of(new WeightedBackend(1, backend, List.of())), null, null);
        RouteConfig route = new RouteConfig("apps", "web", Instant.parse("2024-01-01T00:00:00Z"), List.of(),
                List.of(rule));
        GatewayConfig gateway = new GatewayConfig("infra", "tls", EdgeProxy.ADDRESS, null, null, List.of(
                new ListenerConfig("https", 443, Protocol.HTTPS, null, List.of(cert), List.of(route))));
        int offset = ListenFixtures.freeOffset(List.of(443), EdgeProxy.ADDRESS);
        port = 443 + offset;
        proxy = new ProxyServer(new HttpForwarder(), ProxyServerOptions.defaults().withPortOffset(offset),
                new GatewayMetrics());
        proxy.start();
        proxy.apply(new ProxyConfig("1", List.of(gateway)));
    }

    @AfterAll
    static void stop() throws Exception {
        proxy.close();
        echo.close();
    }

    @Test
    void http2DefaultPortAuthorityReachesTheBackendWithoutAPort() throws Exception {
        assertEquals("example.org", hostSeenByBackend(true, "https://example.org/"));
    }

    @Test
    void jettysHttp2ClientWritesTheDefaultPortItself() throws Exception {
        // why the conformance runner's GatewayClient leaves the port out: without that, Jetty sends it
        assertEquals("example.org:443", hostSeenByBackend(true, "https://example.org/", false));
    }

    @Test
    void http2ExplicitDefaultPortIsKeptAsSent() throws Exception {
        assertEquals("example.org:443", hostSeenByBackend(true, "https://example.org:443/"));
    }

    @Test
    void http11HostIsPassedAsSent() throws Exception {
        assertEquals("example.org", hostSeenByBackend(false, "https://example.org/"));
    }

    private static String hostSeenByBackend(boolean http2, String url) throws Exception {
        return hostSeenByBackend(http2, url, true);
    }

    /** @param asWritten send the URL's authority as written (Jetty's HTTP/2 client adds a default port) */
    private static String hostSeenByBackend(boolean http2, String url, boolean asWritten) throws Exception {
        ClientConnector connector = new ClientConnector();
        HttpClient client = new HttpClient(http2 ? new HttpClientTransportOverHTTP2(new HTTP2Client(connector))
                : new HttpClientTransportOverHTTP(connector));
        SslContextFactory.Client tls = new SslContextFactory.Client();
        tls.setTrustStore(ca.trustStore());
        client.setSslContextFactory(tls);
        // every name and port goes to the proxy's socket; the request keeps the URL's authority
        client.setSocketAddressResolver((host, ignoredPort, context, promise) -> {
            try {
                promise.succeeded(List.of(new InetSocketAddress(InetAddress.getByAddress(host,
                        InetAddress.getByName(EdgeProxy.ADDRESS).getAddress()), port)));
            } catch (Exception e) {
                promise.failed(e);
            }
        });
        client.start();
        try {
            URI uri = URI.create(url);
            Request request = asWritten && http2 && uri.getPort() < 0
                    ? new HttpRequest(client, new HttpConversation(), uri) {
                        @Override
                        public int getPort() {
                            return -1; // HTTP/2 writes host and port from here: no port for the scheme's default
                        }

                        @Override
                        public URI getURI() {
                            String query = getQuery();
                            return URI.create(getScheme() + "://" + getHost() + getPath() + (query == null ? "" : "?" + query));
                        }
                    } : client.newRequest(uri);
            ContentResponse response = request.timeout(5, TimeUnit.SECONDS).send();
            assertEquals(200, response.getStatus(), response.getContentAsString());
            assertEquals(http2 ? HttpVersion.HTTP_2 : HttpVersion.HTTP_1_1, response.getVersion());
            JsonNode echoed = JSON.readTree(response.getContent());
            return echoed.path("host").asText();
        } finally {
            client.stop();
        }
    }
}
