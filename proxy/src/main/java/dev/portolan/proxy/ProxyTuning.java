package dev.portolan.proxy;

import dev.portolan.proxy.edge.EdgeSettings;
import dev.portolan.proxy.forward.UpstreamSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a proxy is told beyond its Gateways' config: what it accepts from clients, how long it keeps an idle client
 * connection, and how many connections it opens to one backend endpoint. Also the command line that says so: the
 * flag names {@link ProxyMain} parses, their bounds, and {@link #flags()}, which gives a proxy started elsewhere (a
 * provisioned pod) the same settings as this process, writing only values that differ from the defaults so that a
 * proxy with default settings gets the command line it always had.
 *
 * @param edge              what clients may send (path handling, trusted hops, header, body and connection limits)
 * @param idleTimeoutMillis how long an idle client connection stays open
 * @param upstream          connections per backend endpoint, and the queue beyond them
 */
public record ProxyTuning(EdgeSettings edge, long idleTimeoutMillis, UpstreamSettings upstream) {
    public static final String TRUSTED_HOPS = "--trusted-hops";
    public static final String MERGE_SLASHES = "--merge-slashes";
    public static final String HEADER_READ_TIMEOUT_MS = "--header-read-timeout-ms";
    public static final String IDLE_TIMEOUT_MS = "--idle-timeout-ms";
    public static final String MAX_REQUEST_HEADER_BYTES = "--max-request-header-bytes";
    public static final String MAX_REQUEST_HEADERS = "--max-request-headers";
    public static final String MAX_REQUEST_BODY_BYTES = "--max-request-body-bytes";
    public static final String MAX_CONNECTIONS_PER_CLIENT = "--max-connections-per-client";
    public static final String MAX_CONCURRENT_STREAMS = "--max-concurrent-streams";
    public static final String MAX_CONNECTIONS_PER_ENDPOINT = "--max-connections-per-endpoint";
    /** Upper bounds of the command line (lower ones are the settings' own): one set for parsing and writing. */
    public static final int MAX_TRUSTED_HOPS = 64;
    public static final int MAX_HEADER_LINES = 10_000;
    public static final int MAX_COUNT = 1_000_000;
    public static final int MAX_MILLIS = Integer.MAX_VALUE;
    public static final int MAX_BODY_BYTES = Integer.MAX_VALUE;

    /**
     * Throws naming the flag when a value is beyond what the command line accepts: a proxy started with it would
     * not start.
     */
    public ProxyTuning {
        Objects.requireNonNull(edge, "edge");
        Objects.requireNonNull(upstream, "upstream");
        if (idleTimeoutMillis < 1) {
            throw new IllegalArgumentException("idleTimeoutMillis must be >= 1, got " + idleTimeoutMillis);
        }
        upTo(TRUSTED_HOPS, edge.trustedHops(), MAX_TRUSTED_HOPS);
        upTo(HEADER_READ_TIMEOUT_MS, edge.headerReadTimeoutMillis(), MAX_MILLIS);
        upTo(IDLE_TIMEOUT_MS, idleTimeoutMillis, MAX_MILLIS);
        upTo(MAX_REQUEST_HEADERS, edge.maxRequestHeaders(), MAX_HEADER_LINES);
        upTo(MAX_REQUEST_BODY_BYTES, edge.maxRequestBodyBytes(), MAX_BODY_BYTES);
        upTo(MAX_CONNECTIONS_PER_CLIENT, edge.maxConnectionsPerClient(), MAX_COUNT);
        upTo(MAX_CONCURRENT_STREAMS, edge.maxConcurrentStreams(), MAX_COUNT);
        upTo(MAX_CONNECTIONS_PER_ENDPOINT, upstream.maxConnectionsPerEndpoint(), MAX_COUNT);
    }

    public static ProxyTuning defaults() {
        return new ProxyTuning(EdgeSettings.defaults(), EdgeSettings.DEFAULT_IDLE_TIMEOUT_MILLIS,
                UpstreamSettings.defaults());
    }

    /** The flags for the values that are not the defaults. */
    public List<String> flags() {
        ProxyTuning defaults = defaults();
        EdgeSettings usual = defaults.edge();
        List<String> flags = new ArrayList<>();
        add(flags, TRUSTED_HOPS, edge.trustedHops(), usual.trustedHops());
        if (edge.mergeSlashes() != usual.mergeSlashes()) {
            flags.add(MERGE_SLASHES);
            flags.add(Boolean.toString(edge.mergeSlashes()));
        }
        add(flags, HEADER_READ_TIMEOUT_MS, edge.headerReadTimeoutMillis(), usual.headerReadTimeoutMillis());
        add(flags, IDLE_TIMEOUT_MS, idleTimeoutMillis, defaults.idleTimeoutMillis());
        add(flags, MAX_REQUEST_HEADER_BYTES, edge.maxRequestHeaderBytes(), usual.maxRequestHeaderBytes());
        add(flags, MAX_REQUEST_HEADERS, edge.maxRequestHeaders(), usual.maxRequestHeaders());
        add(flags, MAX_REQUEST_BODY_BYTES, edge.maxRequestBodyBytes(), usual.maxRequestBodyBytes());
        add(flags, MAX_CONNECTIONS_PER_CLIENT, edge.maxConnectionsPerClient(), usual.maxConnectionsPerClient());
        add(flags, MAX_CONCURRENT_STREAMS, edge.maxConcurrentStreams(), usual.maxConcurrentStreams());
        add(flags, MAX_CONNECTIONS_PER_ENDPOINT, upstream.maxConnectionsPerEndpoint(),
                defaults.upstream().maxConnectionsPerEndpoint());
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
