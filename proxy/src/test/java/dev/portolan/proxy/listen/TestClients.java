package dev.portolan.proxy.listen;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.security.KeyStore;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SNIHostName;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.HttpClientTransport;
import org.eclipse.jetty.client.transport.HttpClientTransportOverHTTP;
import org.eclipse.jetty.http2.client.HTTP2Client;
import org.eclipse.jetty.http2.client.transport.HttpClientTransportOverHTTP2;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/** Jetty clients for tests; host names resolve through a map so a test name like a.example.test hits 127.0.0.x. */
public final class TestClients {
    private TestClients() {
    }

    public static HttpClient http1(Map<String, String> hosts) throws Exception {
        return start(new HttpClientTransportOverHTTP(new ClientConnector()), hosts, null);
    }

    /** HTTP/2: h2c prior knowledge for http URLs, ALPN h2 for https URLs. */
    public static HttpClient http2(Map<String, String> hosts, SslContextFactory.Client tls) throws Exception {
        ClientConnector connector = new ClientConnector();
        return start(new HttpClientTransportOverHTTP2(new HTTP2Client(connector)), hosts, tls);
    }

    public static HttpClient http1Tls(Map<String, String> hosts, SslContextFactory.Client tls) throws Exception {
        return start(new HttpClientTransportOverHTTP(new ClientConnector()), hosts, tls);
    }

    /** Trusts only the given store; {@code forcedSni} (nullable) replaces the server name sent in TLS. */
    public static SslContextFactory.Client tls(KeyStore trust, String forcedSni) {
        SslContextFactory.Client tls = new SslContextFactory.Client();
        tls.setTrustStore(trust);
        if (forcedSni != null) {
            tls.setSNIProvider((engine, names) -> List.of(new SNIHostName(forcedSni)));
            // The certificate is for the forced name, not the URL's host: check the chain, not the name.
            tls.setEndpointIdentificationAlgorithm(null);
        }
        return tls;
    }

    private static HttpClient start(HttpClientTransport transport, Map<String, String> hosts,
            SslContextFactory.Client tls) throws Exception {
        HttpClient client = new HttpClient(transport);
        if (tls != null) {
            client.setSslContextFactory(tls);
        }
        client.setSocketAddressResolver((host, port, context, promise) -> {
            try {
                // Keep the name with the address: Jetty takes SNI and the certificate name check from it.
                InetAddress address = InetAddress.getByAddress(host,
                        InetAddress.getByName(hosts.getOrDefault(host, host)).getAddress());
                promise.succeeded(List.of(new InetSocketAddress(address, port)));
            } catch (UnknownHostException e) {
                promise.failed(e);
            }
        });
        client.setConnectTimeout(5_000);
        client.start();
        return client;
    }
}
