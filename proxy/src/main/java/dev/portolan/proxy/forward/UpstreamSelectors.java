package dev.portolan.proxy.forward;

import org.eclipse.jetty.io.ByteBufferPool;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.SelectorManager;

/**
 * Selectors that can carry the lean HTTP/1.1 upstream connections. The proxy's listening connectors implement it,
 * so that a request and its upstream exchange run on the one selector thread that serves the client (no hand-off
 * between threads); the forwarder keeps a selector of its own for requests from elsewhere.
 */
public interface UpstreamSelectors {

    /** The selector manager to register upstream sockets with ({@link SelectorManager#connect}). */
    SelectorManager selectorManager();

    ByteBufferPool byteBufferPool();

    /**
     * Where the forwarder keeps its idle connections of this selector (by backend endpoint), so that they go
     * away with the selector.
     */
    java.util.concurrent.ConcurrentMap<Object, Object> upstreamPools();

    /**
     * The attachment of an upstream socket registered with {@link #selectorManager()}: the manager asks it for
     * the connection instead of making a server connection, and tells it when connecting failed.
     */
    interface Connect {
        Connection newConnection(EndPoint endPoint);

        void failed(Throwable cause);
    }

    /** Marks upstream connections, which the listening connector does not count as its own client connections. */
    interface UpstreamConnection extends Connection {
    }
}
