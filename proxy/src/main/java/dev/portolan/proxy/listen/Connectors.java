package dev.portolan.proxy.listen;

import java.security.KeyStore;
import org.eclipse.jetty.alpn.server.ALPNServerConnectionFactory;
import org.eclipse.jetty.http2.server.HTTP2CServerConnectionFactory;
import org.eclipse.jetty.http2.server.HTTP2ServerConnectionFactory;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/** Builds the Jetty connector of one socket: HTTP/1.1 + h2c, or TLS with ALPN h2 + http/1.1 and SNI. */
final class Connectors {
    private Connectors() {
    }

    /** A connector and, for HTTPS, its TLS context (reloaded in place when the certificates change). */
    record Built(ServerConnector connector, SslContextFactory.Server tls) {
    }

    static Built plain(Server server, SocketKey key, int socketPort, long idleTimeoutMillis) {
        HttpConfiguration http = httpConfiguration();
        // HTTP/1.1 first: a connection that starts with the HTTP/2 preface is handed to h2c (prior knowledge).
        ServerConnector connector = new ServerConnector(server, 1, 1,
                new HttpConnectionFactory(http), new HTTP2CServerConnectionFactory(http));
        return new Built(configure(connector, key, socketPort, idleTimeoutMillis), null);
    }

    static Built secure(Server server, SocketKey key, int socketPort, long idleTimeoutMillis, KeyStore keys) {
        SslContextFactory.Server tls = new SslContextFactory.Server();
        tls.setKeyStore(keys);
        tls.setKeyStorePassword(PemKeys.STORE_PASSWORD);
        tls.setKeyManagerPassword(PemKeys.STORE_PASSWORD);
        tls.setSniRequired(false);
        // HTTP/2 forbids the TLS 1.2 ciphers Jetty would otherwise allow first (RFC 9113 9.2.2).
        tls.setCipherComparator(org.eclipse.jetty.http2.HTTP2Cipher.COMPARATOR);
        HttpConfiguration https = httpConfiguration();
        https.setSecureScheme("https");
        // Host vs SNI is checked by GatewayHandler, which answers 421 as Gateway API expects (not Jetty's 400).
        https.addCustomizer(new SecureRequestCustomizer(false, false, -1, false));
        HttpConnectionFactory http1 = new HttpConnectionFactory(https);
        HTTP2ServerConnectionFactory h2 = new HTTP2ServerConnectionFactory(https);
        ALPNServerConnectionFactory alpn = new ALPNServerConnectionFactory("h2", "http/1.1");
        alpn.setDefaultProtocol(http1.getProtocol());
        SslConnectionFactory ssl = new SslConnectionFactory(tls, alpn.getProtocol());
        ServerConnector connector = new ServerConnector(server, 1, 1, ssl, alpn, h2, http1);
        return new Built(configure(connector, key, socketPort, idleTimeoutMillis), tls);
    }

    private static HttpConfiguration httpConfiguration() {
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendDateHeader(false);
        return http;
    }

    private static ServerConnector configure(ServerConnector connector, SocketKey key, int port, long idle) {
        connector.setName(key.toString());
        connector.setHost(key.address());
        connector.setPort(port);
        connector.setIdleTimeout(idle);
        connector.setReuseAddress(true);
        return connector;
    }
}
