package dev.portolan.proxy.forward;

/**
 * How many connections the proxy opens to one backend endpoint (host and port), and what happens beyond that: a
 * request that finds every connection busy waits for one, in a bounded queue, for a bounded time; past either
 * bound it is answered {@code 503 upstream connection limit} instead of piling up connections (or file
 * descriptors) against a backend that cannot keep up.
 *
 * @param maxConnectionsPerEndpoint most open connections to one endpoint (plain HTTP/1.1 backends over the
 *                                  proxy's pool; TLS and h2c backends over their client, each counted apart)
 * @param maxQueuedPerEndpoint      most requests waiting for a connection to one endpoint
 * @param maxQueueWaitMillis        longest wait for a connection; the rule's timeouts cut it shorter
 */
public record UpstreamSettings(int maxConnectionsPerEndpoint, int maxQueuedPerEndpoint, long maxQueueWaitMillis) {

    /** As Jetty's HttpClient is configured here (and as nginx's keep-alive pools are sized in practice). */
    public static final int DEFAULT_MAX_CONNECTIONS_PER_ENDPOINT = 256;
    public static final int DEFAULT_MAX_QUEUED_PER_ENDPOINT = 4096;
    /** The proxy's default idle timeout for client connections: waiting longer helps nobody. */
    public static final long DEFAULT_MAX_QUEUE_WAIT_MILLIS = 30_000;

    public UpstreamSettings {
        if (maxConnectionsPerEndpoint < 1) {
            throw new IllegalArgumentException("maxConnectionsPerEndpoint must be >= 1, got "
                    + maxConnectionsPerEndpoint);
        }
        if (maxQueuedPerEndpoint < 0) {
            throw new IllegalArgumentException("maxQueuedPerEndpoint must be >= 0, got " + maxQueuedPerEndpoint);
        }
        if (maxQueueWaitMillis < 1) {
            throw new IllegalArgumentException("maxQueueWaitMillis must be >= 1, got " + maxQueueWaitMillis);
        }
    }

    public static UpstreamSettings defaults() {
        return new UpstreamSettings(DEFAULT_MAX_CONNECTIONS_PER_ENDPOINT, DEFAULT_MAX_QUEUED_PER_ENDPOINT,
                DEFAULT_MAX_QUEUE_WAIT_MILLIS);
    }

    public UpstreamSettings withMaxConnectionsPerEndpoint(int count) {
        return new UpstreamSettings(count, maxQueuedPerEndpoint, maxQueueWaitMillis);
    }
}
