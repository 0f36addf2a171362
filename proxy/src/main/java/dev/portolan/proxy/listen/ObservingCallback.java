package dev.portolan.proxy.listen;

import dev.portolan.proxy.config.BackendConfig;
import dev.portolan.proxy.config.ListenerConfig;
import dev.portolan.proxy.observe.AccessLog;
import dev.portolan.proxy.observe.Exchange;
import dev.portolan.proxy.observe.RequestStats;
import dev.portolan.proxy.routing.RouteMatch;
import java.time.Instant;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Once the exchange completes: counts its final status on the listener, route and backend series, records its
 * latency, writes the access log line ({@link AccessLog}), then completes the real callback.
 */
final class ObservingCallback implements Callback {
    private final Callback delegate;
    private final Request request;
    private final Response response;
    private final PortRoutes port;
    private final ListenerConfig listener;
    private final RouteMatch match;
    private final Exchange exchange;

    /**
     * @param listener the listener that accepted the host, null when none did
     * @param match    the route rule, null when none matched
     */
    ObservingCallback(Callback delegate, Request request, Response response, PortRoutes port,
                      ListenerConfig listener, RouteMatch match, Exchange exchange) {
        this.delegate = delegate;
        this.request = request;
        this.response = response;
        this.port = port;
        this.listener = listener;
        this.match = match;
        this.exchange = exchange;
    }

    @Override
    public void succeeded() {
        observe(response.getStatus());
        delegate.succeeded();
    }

    @Override
    public void failed(Throwable cause) {
        // An uncommitted failure becomes a 500 from Jetty; a committed one keeps the status already sent.
        observe(response.isCommitted() ? response.getStatus() : 500);
        delegate.failed(cause);
    }

    private void observe(int status) {
        long nanos = System.nanoTime() - exchange.startNanos();
        port.countersFor(listener).record(status);
        BackendConfig backend = exchange.backend();
        if (match != null) {
            RequestStats route = port.routeStats(match);
            if (route != null) {
                route.record(status, nanos);
            }
            RequestStats backendStats = backend == null ? null : port.backendStats(backend);
            if (backendStats != null) {
                backendStats.record(status, nanos);
            }
        }
        if (AccessLog.enabled()) {
            AccessLog.write(Instant.now(), port.gateway().namespace(), port.gateway().name(),
                    listener == null ? null : listener.name(), match == null ? null : match.route().namespace(),
                    match == null ? null : match.route().name(), match == null ? -1 : match.rule().index(),
                    request.getMethod(), request.getHttpURI().getPath(), status, nanos / 1e6,
                    Response.getContentBytesWritten(response), backend == null ? null : backend.name(),
                    exchange.requestId(), Request.getRemoteAddr(request), Request.getRemotePort(request));
        }
    }

    @Override
    public InvocationType getInvocationType() {
        return delegate.getInvocationType();
    }
}
