package dev.portolan.proxy.forward;

import dev.portolan.proxy.config.ProxyConfig;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Serves a request that matched a route rule: applies the rule's filters and answers (redirect, CORS preflight) or
 * sends it to a backend (weights, timeouts, retries, mirrors, upstream TLS, h2c, WebSocket). The listener side
 * ({@code dev.portolan.proxy.listen}) finds the rule; this side does what it says.
 */
public interface Forwarder extends AutoCloseable {

    /**
     * Gets ready for a config before it goes live (e.g. builds upstream TLS contexts for new backend TLS settings).
     * Must not disturb requests in flight under the previous config.
     */
    void prepare(ProxyConfig config);

    /** Handles one request; completes the callback exactly once, never throws for a bad request. */
    void forward(Request request, Response response, Callback callback, MatchedRule matched);

    /**
     * Whether {@link #forward} may block. A non-blocking forwarder runs on the selector thread that read the
     * request (no hand-off to a worker); the default is the safe answer.
     */
    default org.eclipse.jetty.util.thread.Invocable.InvocationType invocationType() {
        return org.eclipse.jetty.util.thread.Invocable.InvocationType.BLOCKING;
    }

    @Override
    void close();
}
