package dev.portolan.proxy.listen;

import dev.portolan.proxy.forward.UpstreamSelectors;
import java.io.IOException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executor;
import org.eclipse.jetty.io.ByteBufferPool;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.ManagedSelector;
import org.eclipse.jetty.io.SelectorManager;
import org.eclipse.jetty.io.SocketChannelEndPoint;
import org.eclipse.jetty.server.ConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * A listening connector (1 acceptor, 1 selector) whose selector also carries the forwarder's upstream connections
 * ({@link UpstreamSelectors}): the request, its upstream exchange and the relayed answer all run on the one
 * selector thread, with no hand-off between threads. Upstream connections are not counted as the connector's
 * client connections; they close with the connector.
 */
final class GatewayConnector extends ServerConnector implements UpstreamSelectors {
    /** As the upstream HTTP client's connect timeout. */
    private static final long CONNECT_TIMEOUT_MILLIS = 5_000;

    private final ConcurrentMap<Object, Object> upstreamPools = new ConcurrentHashMap<>();

    GatewayConnector(Server server, ConnectionFactory... factories) {
        super(server, 1, 1, factories);
    }

    @Override
    protected SelectorManager newSelectorManager(Executor executor, Scheduler scheduler, int selectors) {
        Manager manager = new Manager(executor, scheduler, selectors);
        manager.setConnectTimeout(CONNECT_TIMEOUT_MILLIS);
        return manager;
    }

    /** Client and upstream sockets alike: fewer system calls per request ({@link SteadyReadEndPoint}). */
    @Override
    protected SocketChannelEndPoint newEndPoint(SocketChannel channel, ManagedSelector selector, SelectionKey key) {
        SteadyReadEndPoint endPoint = new SteadyReadEndPoint(channel, selector, key, getScheduler());
        endPoint.setIdleTimeout(getIdleTimeout());
        return endPoint;
    }

    @Override
    public SelectorManager selectorManager() {
        return getSelectorManager();
    }

    @Override
    public ByteBufferPool byteBufferPool() {
        return getByteBufferPool();
    }

    @Override
    public ConcurrentMap<Object, Object> upstreamPools() {
        return upstreamPools;
    }

    @Override
    protected void doStop() throws Exception {
        super.doStop();
        upstreamPools.clear();
    }

    private final class Manager extends ServerConnectorManager {
        Manager(Executor executor, Scheduler scheduler, int selectors) {
            super(executor, scheduler, selectors);
        }

        @Override
        public Connection newConnection(SelectableChannel channel, EndPoint endPoint, Object attachment)
                throws IOException {
            if (attachment instanceof Connect upstream) {
                return upstream.newConnection(endPoint);
            }
            return super.newConnection(channel, endPoint, attachment);
        }

        @Override
        protected void connectionFailed(SelectableChannel channel, Throwable failure, Object attachment) {
            if (attachment instanceof Connect upstream) {
                upstream.failed(failure);
            } else {
                super.connectionFailed(channel, failure, attachment);
            }
        }

        @Override
        protected void endPointOpened(EndPoint endPoint) {
            if (!(endPoint.getConnection() instanceof UpstreamConnection)) {
                super.endPointOpened(endPoint);
            }
        }

        @Override
        protected void endPointClosed(EndPoint endPoint) {
            if (!(endPoint.getConnection() instanceof UpstreamConnection)) {
                super.endPointClosed(endPoint);
            }
        }
    }
}
