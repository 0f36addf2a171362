package dev.portolan.proxy.listen;

import dev.portolan.proxy.config.GatewayConfig;
import dev.portolan.proxy.edge.EdgeSettings;

/**
 * How the proxy's Jetty server is sized and where sockets go.
 *
 * @param portOffset    added to every listener's spec port to get the socket port (80 + 8000 = 8080), so the
 *                      proxy runs without root; {@code MatchedRule.specPort} stays the spec port
 * @param workerThreads threads that run requests; each socket also holds one acceptor and one selector thread,
 *                      which the server adds on top (measured: a small pool with 1 acceptor and 1 selector per
 *                      connector beat larger pools and virtual threads, the cost being hand-offs)
 * @param idleTimeoutMillis how long an idle client connection stays open
 * @param bindAddressOverride null to listen on each Gateway's own address (embedded mode: 127.0.0.N per Gateway);
 *                      else the IP literal every Gateway listens on instead. A proxy pod needs it: there the
 *                      Gateway's address is its Service's IP, which is not an address of the pod
 * @param edge          what clients may send: path normalization, trusted hops, header, body and connection limits
 */
public record ProxyServerOptions(int portOffset, int workerThreads, long idleTimeoutMillis,
                                 String bindAddressOverride, EdgeSettings edge) {
    public ProxyServerOptions {
        if (edge == null) {
            throw new IllegalArgumentException("edge settings are required (EdgeSettings.defaults())");
        }
        if (portOffset < 0 || portOffset > 65535) {
            throw new IllegalArgumentException("portOffset must be in 0..65535, got " + portOffset);
        }
        if (workerThreads < 2) {
            throw new IllegalArgumentException("workerThreads must be >= 2, got " + workerThreads);
        }
        if (idleTimeoutMillis <= 0) {
            throw new IllegalArgumentException("idleTimeoutMillis must be > 0, got " + idleTimeoutMillis);
        }
        if (bindAddressOverride != null) {
            IpLiterals.require("bindAddressOverride", bindAddressOverride);
        }
    }

    public static ProxyServerOptions defaults() {
        return new ProxyServerOptions(0, 8, EdgeSettings.DEFAULT_IDLE_TIMEOUT_MILLIS, null, EdgeSettings.defaults());
    }

    public ProxyServerOptions withPortOffset(int offset) {
        return new ProxyServerOptions(offset, workerThreads, idleTimeoutMillis, bindAddressOverride, edge);
    }

    /** @param millis how long an idle client connection stays open */
    public ProxyServerOptions withIdleTimeoutMillis(long millis) {
        return new ProxyServerOptions(portOffset, workerThreads, millis, bindAddressOverride, edge);
    }

    public ProxyServerOptions withEdge(EdgeSettings settings) {
        return new ProxyServerOptions(portOffset, workerThreads, idleTimeoutMillis, bindAddressOverride, settings);
    }

    /** @param address an IP literal every Gateway listens on, or null for each Gateway's own address */
    public ProxyServerOptions withBindAddressOverride(String address) {
        return new ProxyServerOptions(portOffset, workerThreads, idleTimeoutMillis, address, edge);
    }

    /** The address the Gateway's sockets are bound to: the override when set, else the Gateway's address. */
    public String bindAddress(GatewayConfig gateway) {
        return bindAddressOverride != null ? bindAddressOverride : gateway.address();
    }

    /** The socket of a Gateway's listener port, keyed as {@link ProxyServer} keys its open sockets. */
    public SocketKey socketKey(GatewayConfig gateway, int specPort) {
        return new SocketKey(bindAddress(gateway), specPort);
    }

    /** The socket port of a spec port; fails when the sum leaves the port range. */
    public int socketPort(int specPort) {
        int port = specPort + portOffset;
        if (port > 65535) {
            throw new IllegalArgumentException("listener port " + specPort + " + portOffset " + portOffset + " = "
                    + port + " is above 65535");
        }
        return port;
    }
}
