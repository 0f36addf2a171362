package dev.portolan.proxy.listen;

/**
 * How the proxy's Jetty server is sized and where sockets go.
 *
 * @param portOffset    added to every listener's spec port to get the socket port (80 + 8000 = 8080), so the
 *                      proxy runs without root; {@code MatchedRule.specPort} stays the spec port
 * @param workerThreads threads that run requests; each socket also holds one acceptor and one selector thread,
 *                      which the server adds on top (measured: a small pool with 1 acceptor and 1 selector per
 *                      connector beat larger pools and virtual threads, the cost being hand-offs)
 * @param idleTimeoutMillis how long an idle client connection stays open
 */
public record ProxyServerOptions(int portOffset, int workerThreads, long idleTimeoutMillis) {
    public ProxyServerOptions {
        if (portOffset < 0 || portOffset > 65535) {
            throw new IllegalArgumentException("portOffset must be in 0..65535, got " + portOffset);
        }
        if (workerThreads < 2) {
            throw new IllegalArgumentException("workerThreads must be >= 2, got " + workerThreads);
        }
        if (idleTimeoutMillis <= 0) {
            throw new IllegalArgumentException("idleTimeoutMillis must be > 0, got " + idleTimeoutMillis);
        }
    }

    public static ProxyServerOptions defaults() {
        return new ProxyServerOptions(0, 8, 30_000);
    }

    public ProxyServerOptions withPortOffset(int offset) {
        return new ProxyServerOptions(offset, workerThreads, idleTimeoutMillis);
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
