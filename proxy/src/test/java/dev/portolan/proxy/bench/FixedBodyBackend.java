package dev.portolan.proxy.bench;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The load-test backend: answers every request with the same small body, without reading headers or recording
 * anything, so that it costs as little as possible next to the proxy under test.
 */
final class FixedBodyBackend implements AutoCloseable {

    static final String BODY = "hello from the bench backend\n";
    private static final ByteBuffer BODY_BYTES =
            ByteBuffer.wrap(BODY.getBytes(StandardCharsets.US_ASCII)).asReadOnlyBuffer();

    private final Server server;

    private FixedBodyBackend(Server server) {
        this.server = server;
    }

    static FixedBodyBackend start(String host, int port) throws Exception {
        QueuedThreadPool threads = new QueuedThreadPool(16, 4);
        threads.setName("bench-backend");
        Server server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendDateHeader(false);
        ServerConnector connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
        connector.setHost(host);
        connector.setPort(port);
        connector.setReuseAddress(true);
        server.addConnector(connector);
        server.setHandler(new Fixed());
        server.start();
        return new FixedBodyBackend(server);
    }

    /** Non-blocking: the answer is written on the selector thread, no hand-off to a worker. */
    private static final class Fixed extends Handler.Abstract.NonBlocking {
        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            response.setStatus(200);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain");
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, BODY_BYTES.remaining());
            response.write(true, BODY_BYTES.slice(), callback);
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
