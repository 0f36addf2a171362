package dev.portolan.proxy.edge;

/**
 * What the proxy accepts from clients at its edge, the same for every listener.
 *
 * @param mergeSlashes             whether "//" in a path is merged to "/" before matching and forwarding (Envoy's
 *                                 {@code merge_slashes}; off by default as there)
 * @param trustedHops              how many proxies in front of this one are trusted (Envoy's
 *                                 {@code xff_num_trusted_hops}); 0 = the peer is the client, so its
 *                                 X-Forwarded-Proto, X-Forwarded-Host and Forwarded are replaced or dropped
 * @param headerReadTimeoutMillis  how long a client may take to send a request's headers (slowloris)
 * @param maxRequestHeaderBytes    largest request header block; beyond it the answer is 431
 * @param maxRequestHeaders        most request header lines; beyond it the answer is 431
 * @param maxRequestBodyBytes      largest request body, 0 = no limit; beyond it the answer is 413
 * @param maxConnectionsPerClient  most open connections from one client address; more are closed at once
 * @param maxConcurrentStreams     HTTP/2 streams a client may have open on one connection
 */
public record EdgeSettings(boolean mergeSlashes, int trustedHops, long headerReadTimeoutMillis,
                           int maxRequestHeaderBytes, int maxRequestHeaders, long maxRequestBodyBytes,
                           int maxConnectionsPerClient, int maxConcurrentStreams) {

    public static final int DEFAULT_MAX_REQUEST_HEADER_BYTES = 16 * 1024;
    public static final int DEFAULT_MAX_REQUEST_HEADERS = 100;
    public static final long DEFAULT_HEADER_READ_TIMEOUT_MILLIS = 10_000;
    public static final int DEFAULT_MAX_CONNECTIONS_PER_CLIENT = 512;
    public static final int DEFAULT_MAX_CONCURRENT_STREAMS = 100;
    /** How long an idle client connection stays open unless said otherwise (a server option, not a record part). */
    public static final long DEFAULT_IDLE_TIMEOUT_MILLIS = 30_000;
    /** The largest header block a listener may be set to accept (the upstream client is sized for it). */
    public static final int MAX_REQUEST_HEADER_BYTES_LIMIT = 1024 * 1024;

    public EdgeSettings {
        atLeast("trustedHops", trustedHops, 0);
        atLeast("headerReadTimeoutMillis", headerReadTimeoutMillis, 1);
        atLeast("maxRequestHeaderBytes", maxRequestHeaderBytes, 1024);
        if (maxRequestHeaderBytes > MAX_REQUEST_HEADER_BYTES_LIMIT) {
            throw new IllegalArgumentException("maxRequestHeaderBytes must be <= " + MAX_REQUEST_HEADER_BYTES_LIMIT
                    + ", got " + maxRequestHeaderBytes);
        }
        atLeast("maxRequestHeaders", maxRequestHeaders, 1);
        atLeast("maxRequestBodyBytes", maxRequestBodyBytes, 0);
        atLeast("maxConnectionsPerClient", maxConnectionsPerClient, 1);
        atLeast("maxConcurrentStreams", maxConcurrentStreams, 1);
    }

    /** Envoy-like defaults: slashes kept, no trusted hop, 10 s for headers, 16 KiB and 100 header lines. */
    public static EdgeSettings defaults() {
        return new EdgeSettings(false, 0, DEFAULT_HEADER_READ_TIMEOUT_MILLIS, DEFAULT_MAX_REQUEST_HEADER_BYTES,
                DEFAULT_MAX_REQUEST_HEADERS, 0, DEFAULT_MAX_CONNECTIONS_PER_CLIENT, DEFAULT_MAX_CONCURRENT_STREAMS);
    }

    public EdgeSettings withMergeSlashes(boolean merge) {
        return new EdgeSettings(merge, trustedHops, headerReadTimeoutMillis, maxRequestHeaderBytes,
                maxRequestHeaders, maxRequestBodyBytes, maxConnectionsPerClient, maxConcurrentStreams);
    }

    public EdgeSettings withTrustedHops(int hops) {
        return new EdgeSettings(mergeSlashes, hops, headerReadTimeoutMillis, maxRequestHeaderBytes,
                maxRequestHeaders, maxRequestBodyBytes, maxConnectionsPerClient, maxConcurrentStreams);
    }

    public EdgeSettings withHeaderReadTimeoutMillis(long millis) {
        return new EdgeSettings(mergeSlashes, trustedHops, millis, maxRequestHeaderBytes,
                maxRequestHeaders, maxRequestBodyBytes, maxConnectionsPerClient, maxConcurrentStreams);
    }

    public EdgeSettings withMaxRequestHeaderBytes(int bytes) {
        return new EdgeSettings(mergeSlashes, trustedHops, headerReadTimeoutMillis, bytes,
                maxRequestHeaders, maxRequestBodyBytes, maxConnectionsPerClient, maxConcurrentStreams);
    }

    public EdgeSettings withMaxRequestHeaders(int count) {
        return new EdgeSettings(mergeSlashes, trustedHops, headerReadTimeoutMillis, maxRequestHeaderBytes,
                count, maxRequestBodyBytes, maxConnectionsPerClient, maxConcurrentStreams);
    }

    public EdgeSettings withMaxRequestBodyBytes(long bytes) {
        return new EdgeSettings(mergeSlashes, trustedHops, headerReadTimeoutMillis, maxRequestHeaderBytes,
                maxRequestHeaders, bytes, maxConnectionsPerClient, maxConcurrentStreams);
    }

    public EdgeSettings withMaxConnectionsPerClient(int count) {
        return new EdgeSettings(mergeSlashes, trustedHops, headerReadTimeoutMillis, maxRequestHeaderBytes,
                maxRequestHeaders, maxRequestBodyBytes, count, maxConcurrentStreams);
    }

    public EdgeSettings withMaxConcurrentStreams(int count) {
        return new EdgeSettings(mergeSlashes, trustedHops, headerReadTimeoutMillis, maxRequestHeaderBytes,
                maxRequestHeaders, maxRequestBodyBytes, maxConnectionsPerClient, count);
    }

    private static void atLeast(String name, long value, long min) {
        if (value < min) {
            throw new IllegalArgumentException(name + " must be >= " + min + ", got " + value);
        }
    }
}
