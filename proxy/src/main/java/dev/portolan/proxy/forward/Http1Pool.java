package dev.portolan.proxy.forward;

import dev.portolan.proxy.config.Endpoint;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.UnknownHostException;
import java.nio.channels.SocketChannel;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.SelectorManager;
import org.eclipse.jetty.util.Promise;

/**
 * Keep-alive connections to plain HTTP/1.1 backends, per selector and endpoint: a request takes the most recently
 * used idle connection of its selector (so that it stays on the thread that serves its client), else opens one.
 * A connection goes back after a complete answer; the backend closing it, its idle timeout or a half-read answer
 * remove it. No cap on connections per endpoint beyond the requests in flight (as nginx).
 */
final class Http1Pool {

    /** Resolves to the connection once it is open, or fails when connecting fails. */
    interface Opening extends Promise<Http1Connection> {
    }

    private final AtomicLong opened = new AtomicLong();

    /** Connections opened so far (for tests). */
    long openedConnections() {
        return opened.get();
    }

    void acquire(UpstreamSelectors selectors, Endpoint endpoint, Promise<Http1Connection> promise) {
        Object found = selectors.upstreamPools().get(endpoint);
        Idle pool = found != null ? (Idle) found
                : (Idle) selectors.upstreamPools().computeIfAbsent(endpoint, e -> new Idle());
        for (Http1Connection connection = pool.connections.pollFirst(); connection != null;
             connection = pool.connections.pollFirst()) {
            if (connection.getEndPoint().isOpen()) {
                promise.succeeded(connection);
                return;
            }
        }
        if (isIpLiteral(endpoint.host())) {
            connect(selectors, endpoint, pool, promise);
        } else {
            // name resolution may block: not on the selector thread
            selectors.selectorManager().getExecutor().execute(() -> connect(selectors, endpoint, pool, promise));
        }
    }

    private void connect(UpstreamSelectors selectors, Endpoint endpoint, Idle pool,
                         Promise<Http1Connection> promise) {
        SocketChannel channel = null;
        try {
            InetSocketAddress address = new InetSocketAddress(endpoint.host(), endpoint.port());
            if (address.isUnresolved()) {
                throw new UnknownHostException(endpoint.host());
            }
            channel = SocketChannel.open();
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            Pending pending = new Pending(selectors, pool, promise::succeeded, promise::failed);
            opened.incrementAndGet();
            SelectorManager manager = selectors.selectorManager();
            if (channel.connect(address)) {
                manager.accept(channel, pending);
            } else {
                manager.connect(channel, pending);
            }
        } catch (IOException | RuntimeException e) {
            if (channel != null) {
                try {
                    channel.close();
                } catch (IOException ignored) {
                    // already failing
                }
            }
            promise.failed(e);
        }
    }

    static boolean isIpLiteral(String host) {
        if (host.indexOf(':') >= 0) {
            return true;
        }
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if ((c < '0' || c > '9') && c != '.') {
                return false;
            }
        }
        return !host.isEmpty();
    }

    /** The idle connections of one endpoint on one selector, most recently used first. */
    static final class Idle {
        private final ConcurrentLinkedDeque<Http1Connection> connections = new ConcurrentLinkedDeque<>();

        void release(Http1Connection connection) {
            connections.offerFirst(connection);
            if (!connection.getEndPoint().isOpen()) {
                connections.remove(connection);
            }
        }

        void remove(Http1Connection connection) {
            connections.remove(connection);
        }
    }

    private record Pending(UpstreamSelectors selectors, Idle pool, java.util.function.Consumer<Http1Connection> ok,
                           java.util.function.Consumer<Throwable> ko) implements UpstreamSelectors.Connect {
        @Override
        public Connection newConnection(EndPoint endPoint) {
            return new Http1Connection(endPoint, selectors.selectorManager().getExecutor(), selectors.byteBufferPool(),
                    pool, new Opening() {
                        @Override
                        public void succeeded(Http1Connection result) {
                            ok.accept(result);
                        }

                        @Override
                        public void failed(Throwable x) {
                            ko.accept(x);
                        }
                    });
        }

        @Override
        public void failed(Throwable cause) {
            ko.accept(cause);
        }
    }
}
