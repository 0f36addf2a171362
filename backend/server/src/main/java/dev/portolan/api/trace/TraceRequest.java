package dev.portolan.api.trace;

import java.util.List;
import java.util.Map;

/**
 * A request to trace, as the client would send it to a Gateway.
 *
 * @param gateway {@code namespace/name}, or null when {@code address} names the Gateway
 * @param address a Gateway address (with {@code port}), or null
 * @param port    the listener port as the Gateway spec says; null when the Gateway has one port
 * @param scheme  {@code http} or {@code https}; null to take the listener's
 * @param host    Host header (a port in it is ignored)
 * @param method  upper-case HTTP method
 * @param path    path with optional {@code ?query}, starts with '/'
 * @param headers request headers by name, each with its values in order
 */
public record TraceRequest(String gateway, String address, Integer port, String scheme, String host, String method,
                           String path, Map<String, List<String>> headers) {
    public TraceRequest {
        headers = Map.copyOf(headers);
    }

    /** The path without its query. */
    public String pathOnly() {
        int q = path.indexOf('?');
        return q < 0 ? path : path.substring(0, q);
    }

    /** The raw query without '?', or null. */
    public String rawQuery() {
        int q = path.indexOf('?');
        return q < 0 ? null : path.substring(q + 1);
    }
}
