package dev.portolan.proxy.bench;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http2.server.HTTP2CServerConnectionFactory;
import org.eclipse.jetty.server.ConnectionFactory;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The load-test backend: answers every request with the same body (by default a small one), without reading
 * headers or recording anything, so that it costs as little as possible next to the proxy under test. Speaks
 * HTTP/1.1, h2c (prior knowledge, HTTP/1.1 too on the same port) or HTTP/1.1 over TLS ({@link Wire}).
 */
final class FixedBodyBackend implements AutoCloseable {

    static final String BODY = "hello from the bench backend\n";
    private static final ByteBuffer BODY_BYTES =
            ByteBuffer.wrap(BODY.getBytes(StandardCharsets.US_ASCII)).asReadOnlyBuffer();

    /** How the backend speaks. */
    enum Wire {
        HTTP1,
        /** HTTP/2 with prior knowledge, and HTTP/1.1 on the same port. */
        H2C,
        /** HTTP/1.1 over TLS, with a PKCS#12 key store. */
        TLS
    }

    private final Server server;

    private FixedBodyBackend(Server server) {
        this.server = server;
    }

    static FixedBodyBackend start(String host, int port) throws Exception {
        return start(host, port, BODY_BYTES, Wire.HTTP1, null, null);
    }

    /**
     * A backend answering {@code bodySize} bytes of text; {@code keyStore} (PKCS#12) and its password only for
     * {@link Wire#TLS}.
     */
    static FixedBodyBackend start(String host, int port, int bodySize, Wire wire, Path keyStore, String password)
            throws Exception {
        return start(host, port, body(bodySize), wire, keyStore, password);
    }

    /** {@code size} bytes of printable text ending in a newline. */
    static ByteBuffer body(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("body size " + size + " is not positive");
        }
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) ('a' + i % 26);
        }
        bytes[size - 1] = '\n';
        return ByteBuffer.wrap(bytes).asReadOnlyBuffer();
    }

    private static FixedBodyBackend start(String host, int port, ByteBuffer body, Wire wire, Path keyStore,
            String password) throws Exception {
        QueuedThreadPool threads = new QueuedThreadPool(16, 4);
        threads.setName("bench-backend");
        Server server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendDateHeader(false);
        ServerConnector connector = new ServerConnector(server, 1, 1, connectionFactories(http, wire, keyStore,
                password));
        connector.setHost(host);
        connector.setPort(port);
        connector.setReuseAddress(true);
        server.addConnector(connector);
        server.setHandler(new Fixed(body));
        server.start();
        return new FixedBodyBackend(server);
    }

    private static ConnectionFactory[] connectionFactories(HttpConfiguration http, Wire wire, Path keyStore,
            String password) {
        HttpConnectionFactory http1 = new HttpConnectionFactory(http);
        return switch (wire) {
            case HTTP1 -> new ConnectionFactory[] {http1};
            case H2C -> new ConnectionFactory[] {http1, new HTTP2CServerConnectionFactory(http)};
            case TLS -> {
                if (keyStore == null) {
                    throw new IllegalArgumentException("a TLS backend needs a PKCS#12 key store");
                }
                SslContextFactory.Server ssl = new SslContextFactory.Server();
                ssl.setKeyStorePath(keyStore.toString());
                ssl.setKeyStoreType("PKCS12");
                ssl.setKeyStorePassword(password);
                yield new ConnectionFactory[] {new SslConnectionFactory(ssl, http1.getProtocol()), http1};
            }
        };
    }

    /** Non-blocking: the answer is written on the selector thread, no hand-off to a worker. */
    private static final class Fixed extends Handler.Abstract.NonBlocking {
        private final ByteBuffer body;

        Fixed(ByteBuffer body) {
            this.body = body;
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            response.setStatus(200);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain");
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.remaining());
            response.write(true, body.slice(), callback);
            return true;
        }
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            System.err.println("bench backend did not stop cleanly: " + e);
        }
    }
}
