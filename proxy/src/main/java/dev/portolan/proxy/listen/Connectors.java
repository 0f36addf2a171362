package dev.portolan.proxy.listen;

import dev.portolan.proxy.edge.ClientConnectionLimit;
import dev.portolan.proxy.edge.EdgeSettings;
import dev.portolan.proxy.edge.HeaderReadTimeout;
import java.security.KeyStore;
import org.eclipse.jetty.alpn.server.ALPNServerConnectionFactory;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.http2.server.AbstractHTTP2ServerConnectionFactory;
import org.eclipse.jetty.http2.server.HTTP2CServerConnectionFactory;
import org.eclipse.jetty.http2.server.HTTP2ServerConnectionFactory;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * Builds the Jetty connector of one socket: HTTP/1.1 + h2c, or TLS with ALPN h2 + http/1.1 and SNI; with the edge
 * limits of {@link EdgeSettings} (header size, header read timeout, connections per client, HTTP/2 streams).
 */
final class Connectors {
    /**
     * Jetty's default URI compliance (ambiguous segments such as %2e, encoded '/' and '\', %25 and path parameters
     * refused with 400) but with empty segments allowed: "//" reaches the normalizer, which keeps or merges it as
     * {@link EdgeSettings#mergeSlashes()} says, as Envoy does.
     */
    static final UriCompliance URI_COMPLIANCE = UriCompliance.DEFAULT.with("PORTOLAN",
            UriCompliance.Violation.AMBIGUOUS_EMPTY_SEGMENT);

    private Connectors() {
    }

    /** A connector and, for HTTPS, its TLS context (reloaded in place when the certificates change). */
    record Built(ServerConnector connector, SslContextFactory.Server tls) {
    }

    static Built plain(Server server, SocketKey key, int socketPort, ProxyServerOptions options) {
        HttpConfiguration http = httpConfiguration(options.edge());
        // HTTP/1.1 first: a connection that starts with the HTTP/2 preface is handed to h2c (prior knowledge).
        ServerConnector connector = new GatewayConnector(server,
                new HttpConnectionFactory(http), streams(new HTTP2CServerConnectionFactory(http), options.edge()));
        return new Built(configure(connector, key, socketPort, options), null);
    }

    static Built secure(Server server, SocketKey key, int socketPort, ProxyServerOptions options, KeyStore keys) {
        SslContextFactory.Server tls = new SslContextFactory.Server();
        tls.setKeyStore(keys);
        tls.setKeyStorePassword(PemKeys.STORE_PASSWORD);
        tls.setKeyManagerPassword(PemKeys.STORE_PASSWORD);
        tls.setSniRequired(false);
        // HTTP/2 forbids the TLS 1.2 ciphers Jetty would otherwise allow first (RFC 9113 9.2.2).
        tls.setCipherComparator(org.eclipse.jetty.http2.HTTP2Cipher.COMPARATOR);
        HttpConfiguration https = httpConfiguration(options.edge());
        https.setSecureScheme("https");
        // Host vs SNI is checked by GatewayHandler, which answers 421 as Gateway API expects (not Jetty's 400).
        https.addCustomizer(new SecureRequestCustomizer(false, false, -1, false));
        HttpConnectionFactory http1 = new HttpConnectionFactory(https);
        HTTP2ServerConnectionFactory h2 = streams(new HTTP2ServerConnectionFactory(https), options.edge());
        ALPNServerConnectionFactory alpn = new ALPNServerConnectionFactory("h2", "http/1.1");
        alpn.setDefaultProtocol(http1.getProtocol());
        SslConnectionFactory ssl = new SslConnectionFactory(tls, alpn.getProtocol());
        ServerConnector connector = new GatewayConnector(server, ssl, alpn, h2, http1);
        return new Built(configure(connector, key, socketPort, options), tls);
    }

    private static HttpConfiguration httpConfiguration(EdgeSettings edge) {
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendDateHeader(false);
        http.setUriCompliance(URI_COMPLIANCE);
        // HTTP/1 answers 431 beyond it; HTTP/2 takes it as the largest decoded header list.
        http.setRequestHeaderSize(edge.maxRequestHeaderBytes());
        // Heap buffers: Jetty's parser and generator touch them byte by byte, which on direct buffers goes
        // through bounds-checked Unsafe accesses (measured: a few percent of the proxy's CPU per request).
        http.setUseInputDirectByteBuffers(false);
        http.setUseOutputDirectByteBuffers(false);
        return http;
    }

    private static <F extends AbstractHTTP2ServerConnectionFactory> F streams(F h2, EdgeSettings edge) {
        h2.setMaxConcurrentStreams(edge.maxConcurrentStreams());
        return h2;
    }

    private static ServerConnector configure(ServerConnector connector, SocketKey key, int port,
                                             ProxyServerOptions options) {
        connector.setName(key.toString());
        connector.setHost(key.address());
        connector.setPort(port);
        connector.setIdleTimeout(options.idleTimeoutMillis());
        connector.setReuseAddress(true);
        connector.addBean(new ClientConnectionLimit(options.edge().maxConnectionsPerClient()));
        connector.addBean(new HeaderReadTimeout(options.edge().headerReadTimeoutMillis()));
        return connector;
    }
}
