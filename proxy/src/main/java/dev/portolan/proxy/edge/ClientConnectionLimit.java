package dev.portolan.proxy.edge;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.SocketChannelEndPoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * At most N open connections per client address on a connector; a connection beyond that is closed as soon as it
 * opens, so one address cannot take every socket while others keep being served. Jetty's own ConnectionLimit and
 * NetworkConnectionLimit count all clients together. Only the connection on the network socket counts (TLS and
 * ALPN stack further connections on the same socket).
 */
public final class ClientConnectionLimit implements Connection.Listener {
    private static final Logger LOG = LoggerFactory.getLogger(ClientConnectionLimit.class);

    private final int maxPerClient;
    /** Open connections per address; updated with compute so that an entry is never dropped while counted. */
    private final ConcurrentHashMap<InetAddress, Integer> open = new ConcurrentHashMap<>();
    /** The address each counted connection was counted for: a closed socket no longer knows its peer. */
    private final ConcurrentHashMap<Connection, InetAddress> counted = new ConcurrentHashMap<>();

    public ClientConnectionLimit(int maxPerClient) {
        this.maxPerClient = maxPerClient;
    }

    @Override
    public void onOpened(Connection connection) {
        InetAddress client = clientOf(connection);
        if (client == null) {
            return;
        }
        counted.put(connection, client);
        int count = open.merge(client, 1, Integer::sum);
        if (count > maxPerClient) {
            LOG.info("closing a connection from {}: it has {} open, the limit per client address is {}",
                    client.getHostAddress(), count - 1, maxPerClient);
            connection.getEndPoint().close();
        }
    }

    @Override
    public void onClosed(Connection connection) {
        InetAddress client = counted.remove(connection);
        if (client == null) {
            return;
        }
        open.computeIfPresent(client, (a, count) -> count <= 1 ? null : count - 1);
    }

    /** Open connections of one address (for tests and diagnostics). */
    public int openConnections(InetAddress client) {
        Integer count = open.get(client);
        return count == null ? 0 : count;
    }

    private static InetAddress clientOf(Connection connection) {
        if (!(connection.getEndPoint() instanceof SocketChannelEndPoint socket)) {
            return null;
        }
        SocketAddress remote = socket.getRemoteSocketAddress();
        return remote instanceof InetSocketAddress inet ? inet.getAddress() : null;
    }
}
