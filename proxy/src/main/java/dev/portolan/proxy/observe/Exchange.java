package dev.portolan.proxy.observe;

import dev.portolan.proxy.config.BackendConfig;

/**
 * What the metrics and the access log need to know about one request beyond the routing result: its id, when it
 * arrived, and the backend the forwarder chose. The listener side creates it and hands it to the forwarder with
 * the matched rule (not as a request attribute: the first attribute costs every request a map).
 */
public final class Exchange {
    private final String requestId;
    private final long startNanos;
    private volatile BackendConfig backend;

    private Exchange(String requestId, long startNanos) {
        this.requestId = requestId;
        this.startNanos = startNanos;
    }

    /** Starts the record of a request. */
    public static Exchange start(String requestId, long startNanos) {
        return new Exchange(requestId, startNanos);
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
