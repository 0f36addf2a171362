package dev.portolan.proxy.forward;

import java.io.IOException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.concurrent.Executor;
import org.eclipse.jetty.io.ArrayByteBufferPool;
import org.eclipse.jetty.io.ByteBufferPool;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.ManagedSelector;
import org.eclipse.jetty.io.SelectorManager;
import org.eclipse.jetty.io.SocketChannelEndPoint;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * The forwarder's own selector for lean upstream connections of requests that did not arrive through a connector
 * with {@link UpstreamSelectors} (tests that drive the forwarder from a plain Jetty server).
 */
final class OwnUpstreamSelector extends SelectorManager implements UpstreamSelectors {

    private final ByteBufferPool buffers = new ArrayByteBufferPool();
    private final java.util.concurrent.ConcurrentMap<Object, Object> pools =
            new java.util.concurrent.ConcurrentHashMap<>();

    OwnUpstreamSelector(Executor executor, Scheduler scheduler) {
        super(executor, scheduler, 1);
        setConnectTimeout(5_000);
    }

    @Override
    public SelectorManager selectorManager() {
        return this;
    }

    @Override
    public ByteBufferPool byteBufferPool() {
        return buffers;
    }

    @Override
    public java.util.concurrent.ConcurrentMap<Object, Object> upstreamPools() {
        return pools;
    }

    @Override
    protected EndPoint newEndPoint(SelectableChannel channel, ManagedSelector selector, SelectionKey key) {
        return new SocketChannelEndPoint((SocketChannel) channel, selector, key, getScheduler());
    }

    @Override
    public Connection newConnection(SelectableChannel channel, EndPoint endPoint, Object attachment)
            throws IOException {
        if (attachment instanceof Connect connect) {
            return connect.newConnection(endPoint);
        }
        throw new IOException("not an upstream connection: " + attachment);
    }

    @Override
    protected void connectionFailed(SelectableChannel channel, Throwable failure, Object attachment) {
        if (attachment instanceof Connect connect) {
            connect.failed(failure);
        }
    }
}
