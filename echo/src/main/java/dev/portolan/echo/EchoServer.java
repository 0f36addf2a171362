package dev.portolan.echo;

import java.util.List;
import java.util.OptionalInt;
import org.eclipse.jetty.alpn.server.ALPNServerConnectionFactory;
import org.eclipse.jetty.http.HttpCompliance;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.http2.HTTP2Cipher;
import org.eclipse.jetty.http2.server.HTTP2CServerConnectionFactory;
import org.eclipse.jetty.http2.server.HTTP2ServerConnectionFactory;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;

/**
 * One running echo instance (a local stand-in for one conformance {@code echo-basic} pod): HTTP/1.1 (+
 * WebSocket), optionally h2c and HTTPS, each on its own port. Many instances can run in one JVM; each uses a
 * small thread pool.
 */
public final class EchoServer implements AutoCloseable {

    private static final int MAX_THREADS = 32;
    private static final int MIN_THREADS = 2;

    private final EchoOptions options;
    private final Server server;
    private final ServerConnector http;
    private final ServerConnector h2c;
    private final ServerConnector https;
    private final RequestRecorder recorder;

    private EchoServer(EchoOptions options, Server server, ServerConnector http, ServerConnector h2c,
                       ServerConnector https, RequestRecorder recorder) {
        this.options = options;
        this.server = server;
        this.http = http;
        this.h2c = h2c;
        this.https = https;
        this.recorder = recorder;
    }

    /** Binds every configured port and starts serving. @throws Exception when a port cannot be bound */
    public static EchoServer start(EchoOptions options) throws Exception {
        QueuedThreadPool threads = new QueuedThreadPool(MAX_THREADS, MIN_THREADS);
        threads.setName("echo-" + options.podName());
        Server server = new Server(threads);

        HttpConfiguration plain = new HttpConfiguration();
        plain.setSendServerVersion(false);
        // Go's server reads up to 1 MB of request headers (http.DefaultMaxHeaderBytes); Jetty's default is 8 KiB.
        plain.setRequestHeaderSize(1 << 20);
        // Conformance paths include "//" and encoded separators; echo them instead of rejecting them.
        plain.setUriCompliance(UriCompliance.UNSAFE);
        // Go's server accepts an HTTP/2 Host header that differs from :authority; Jetty answers 400 by default.
        plain.setHttpCompliance(HttpCompliance.from("RFC9110,MISMATCHED_AUTHORITY"));

        ServerConnector http = connector(server, "http", options, options.httpPort(),
                new HttpConnectionFactory(plain));
        server.addConnector(http);

        ServerConnector h2c = null;
        if (options.h2cPort() != null) {
            h2c = connector(server, EchoHandler.H2C_CONNECTOR, options, options.h2cPort(),
                    new HttpConnectionFactory(plain), new HTTP2CServerConnectionFactory(plain));
            server.addConnector(h2c);
        }

        ServerConnector https = null;
        if (options.httpsPort() != null) {
            https = httpsConnector(server, options, plain);
            server.addConnector(https);
        }

        RequestRecorder recorder = new RequestRecorder(options.recordLimit());
        ServerConnector httpConnector = http;
        EchoHandler echo = new EchoHandler(options, () -> options.reportedHttpPort() != null
                ? options.reportedHttpPort() : String.valueOf(httpConnector.getLocalPort()));
        Handler inner = echo;
        if (options.webSocket()) {
            WebSocketUpgradeHandler webSocket = WebSocketUpgradeHandler.from(server,
                    container -> container.addMapping("/*", (request, response, callback) -> new EchoWebSocket()));
            webSocket.setHandler(echo);
            inner = webSocket;
        }
        server.setHandler(new RecordingHandler(recorder, inner));
        try {
            server.start();
        } catch (Exception e) {
            server.stop();
            throw new IllegalStateException("echo pod " + options.podName() + ": cannot start on " + options.host()
                    + " (http " + options.httpPort() + ", h2c " + options.h2cPort() + ", https " + options.httpsPort()
                    + "): " + e.getMessage(), e);
        }
        return new EchoServer(options, server, http, h2c, https, recorder);
    }

    private static ServerConnector httpsConnector(Server server, EchoOptions options, HttpConfiguration plain) {
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        ssl.setKeyStore(PemKeyStores.keyStore("echo pod " + options.podName() + " https",
                options.certChainPem(), options.privateKeyPem()));
        ssl.setKeyStorePassword(PemKeyStores.PASSWORD);
        ssl.setCipherComparator(HTTP2Cipher.COMPARATOR);
        // The echo reports whatever SNI arrived; it must not refuse names its certificate does not cover.
        ssl.setSniRequired(false);
        if (options.clientCaPem() != null && !options.clientCaPem().isBlank()) {
            ssl.setTrustStore(PemKeyStores.trustStore("echo pod " + options.podName() + " client CA",
                    options.clientCaPem()));
            ssl.setTrustStorePassword(PemKeyStores.PASSWORD);
            ssl.setWantClientAuth(true);
        }
        HttpConfiguration secure = new HttpConfiguration(plain);
        SecureRequestCustomizer customizer = new SecureRequestCustomizer();
        customizer.setSniHostCheck(false);
        customizer.setSniRequired(false);
        secure.addCustomizer(customizer);

        HttpConnectionFactory http11 = new HttpConnectionFactory(secure);
        HTTP2ServerConnectionFactory h2 = new HTTP2ServerConnectionFactory(secure);
        ALPNServerConnectionFactory alpn = new ALPNServerConnectionFactory("h2", "http/1.1");
        alpn.setDefaultProtocol(http11.getProtocol());
        SslConnectionFactory tls = new SslConnectionFactory(ssl, alpn.getProtocol());
        return connector(server, "https", options, options.httpsPort(), tls, alpn, h2, http11);
    }

    private static ServerConnector connector(Server server, String name, EchoOptions options, int port,
                                             org.eclipse.jetty.server.ConnectionFactory... factories) {
        // No acceptor thread (the selector accepts) and one selector: a harness runs dozens of instances.
        ServerConnector connector = new ServerConnector(server, 0, 1, factories);
        connector.setName(name);
        connector.setHost(options.host());
        connector.setPort(port);
        return connector;
    }

    public EchoOptions options() {
        return options;
    }

    public String host() {
        return options.host();
    }

    public int httpPort() {
        return http.getLocalPort();
    }

    public OptionalInt h2cPort() {
        return h2c == null ? OptionalInt.empty() : OptionalInt.of(h2c.getLocalPort());
    }

    public OptionalInt httpsPort() {
        return https == null ? OptionalInt.empty() : OptionalInt.of(https.getLocalPort());
    }

    /** e.g. "http://127.0.0.1:41234" */
    public String httpUrl() {
        return "http://" + hostForUrl() + ":" + httpPort();
    }

    /** Requests received so far, oldest first (bounded by {@link EchoOptions#recordLimit()}). */
    public List<RecordedRequest> recorded() {
        return recorder.snapshot();
    }

    /** How many kept requests had exactly this request URI (path plus query): the mirror check. */
    public long recordedCount(String pathAndQuery) {
        return recorder.count(pathAndQuery);
    }

    public void clearRecorded() {
        recorder.clear();
    }

    public boolean isRunning() {
        return server.isRunning();
    }

    public void stop() throws Exception {
        server.stop();
    }

    @Override
    public void close() throws Exception {
        stop();
    }

    private String hostForUrl() {
        return options.host().contains(":") ? "[" + options.host() + "]" : options.host();
    }
}
