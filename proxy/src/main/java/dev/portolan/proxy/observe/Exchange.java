package dev.portolan.proxy.observe;

import dev.portolan.proxy.config.BackendConfig;
import org.eclipse.jetty.server.Request;

/**
 * What the metrics and the access log need to know about one request beyond the routing result: its id, when it
 * arrived, and the backend the forwarder chose. The listener side creates it and stores it as a request attribute;
 * the forwarder reads it from there.
 */
public final class Exchange {
    static final String ATTRIBUTE = Exchange.class.getName();

    private final String requestId;
    private final long startNanos;
    private volatile BackendConfig backend;

    private Exchange(String requestId, long startNanos) {
        this.requestId = requestId;
        this.startNanos = startNanos;
    }

    /** Starts the record of a request and attaches it to the request. */
    public static Exchange start(Request request, String requestId, long startNanos) {
        Exchange exchange = new Exchange(requestId, startNanos);
        request.setAttribute(ATTRIBUTE, exchange);
        return exchange;
    }

    /** The request's record, or null when the request did not come through the proxy's listener (some tests). */
    public static Exchange of(Request request) {
        return request.getAttribute(ATTRIBUTE) instanceof Exchange exchange ? exchange : null;
    }

    public String requestId() {
        return requestId;
    }

    public long startNanos() {
        return startNanos;
    }

    /** The backend chosen for the request, or null (no route, redirect, preflight, no backend to pick). */
    public BackendConfig backend() {
        return backend;
    }

    public void backend(BackendConfig chosen) {
        this.backend = chosen;
    }
}
