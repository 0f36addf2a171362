package dev.portolan.proxy.edge;

import java.util.ArrayList;
import java.util.List;

/**
 * The proxy's command-line flags for its edge settings: their names (which {@code ProxyMain} parses) and the flags
 * that give a proxy started elsewhere (a provisioned pod) the same settings as this process. Only values that differ
 * from the defaults are written, so that a proxy with default settings gets the command line it always had.
 */
public final class EdgeFlags {
    public static final String TRUSTED_HOPS = "--trusted-hops";
    public static final String MERGE_SLASHES = "--merge-slashes";
    public static final String HEADER_READ_TIMEOUT_MS = "--header-read-timeout-ms";
    public static final String IDLE_TIMEOUT_MS = "--idle-timeout-ms";
    public static final String MAX_REQUEST_HEADER_BYTES = "--max-request-header-bytes";
    public static final String MAX_REQUEST_HEADERS = "--max-request-headers";
    public static final String MAX_REQUEST_BODY_BYTES = "--max-request-body-bytes";
    public static final String MAX_CONNECTIONS_PER_CLIENT = "--max-connections-per-client";
    public static final String MAX_CONCURRENT_STREAMS = "--max-concurrent-streams";
    /** Upper bounds of the command line (lower ones are {@link EdgeSettings}'): one set for parsing and writing. */
    public static final int MAX_TRUSTED_HOPS = 64;
    public static final int MAX_HEADER_LINES = 10_000;
    public static final int MAX_COUNT = 1_000_000;
    public static final int MAX_MILLIS = Integer.MAX_VALUE;
    public static final int MAX_BODY_BYTES = Integer.MAX_VALUE;

    private EdgeFlags() {
    }

    /**
     * The flags for {@code edge} and the client idle timeout, for values other than the defaults; throws naming the
     * flag when a value is beyond what the command line accepts (a proxy started with it would not start).
     */
    public static List<String> of(EdgeSettings edge, long idleTimeoutMillis) {
        upTo(TRUSTED_HOPS, edge.trustedHops(), MAX_TRUSTED_HOPS);
        upTo(HEADER_READ_TIMEOUT_MS, edge.headerReadTimeoutMillis(), MAX_MILLIS);
        upTo(IDLE_TIMEOUT_MS, idleTimeoutMillis, MAX_MILLIS);
        upTo(MAX_REQUEST_HEADERS, edge.maxRequestHeaders(), MAX_HEADER_LINES);
        upTo(MAX_REQUEST_BODY_BYTES, edge.maxRequestBodyBytes(), MAX_BODY_BYTES);
        upTo(MAX_CONNECTIONS_PER_CLIENT, edge.maxConnectionsPerClient(), MAX_COUNT);
        upTo(MAX_CONCURRENT_STREAMS, edge.maxConcurrentStreams(), MAX_COUNT);
        EdgeSettings defaults = EdgeSettings.defaults();
        List<String> flags = new ArrayList<>();
        add(flags, TRUSTED_HOPS, edge.trustedHops(), defaults.trustedHops());
        if (edge.mergeSlashes() != defaults.mergeSlashes()) {
            flags.add(MERGE_SLASHES);
            flags.add(Boolean.toString(edge.mergeSlashes()));
        }
        add(flags, HEADER_READ_TIMEOUT_MS, edge.headerReadTimeoutMillis(), defaults.headerReadTimeoutMillis());
        add(flags, IDLE_TIMEOUT_MS, idleTimeoutMillis, EdgeSettings.DEFAULT_IDLE_TIMEOUT_MILLIS);
        add(flags, MAX_REQUEST_HEADER_BYTES, edge.maxRequestHeaderBytes(), defaults.maxRequestHeaderBytes());
        add(flags, MAX_REQUEST_HEADERS, edge.maxRequestHeaders(), defaults.maxRequestHeaders());
        add(flags, MAX_REQUEST_BODY_BYTES, edge.maxRequestBodyBytes(), defaults.maxRequestBodyBytes());
        add(flags, MAX_CONNECTIONS_PER_CLIENT, edge.maxConnectionsPerClient(), defaults.maxConnectionsPerClient());
        add(flags, MAX_CONCURRENT_STREAMS, edge.maxConcurrentStreams(), defaults.maxConcurrentStreams());
        return List.copyOf(flags);
    }

    private static void upTo(String flag, long value, long max) {
        if (value > max) {
            throw new IllegalArgumentException(flag + " " + value + " is over the proxy's limit of " + max);
        }
    }

    private static void add(List<String> flags, String name, long value, long defaultValue) {
        if (value != defaultValue) {
            flags.add(name);
            flags.add(Long.toString(value));
        }
    }
}
