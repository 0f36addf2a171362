package dev.portolan.proxy.listen;

import dev.portolan.proxy.admin.ListenerCounters;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** Counts a request's final status once the exchange completes, then completes the real callback. */
final class CountingCallback implements Callback {
    private final Callback delegate;
    private final Response response;
    private final ListenerCounters counters;

    CountingCallback(Callback delegate, Response response, ListenerCounters counters) {
        this.delegate = delegate;
        this.response = response;
        this.counters = counters;
    }

    @Override
    public void succeeded() {
        counters.record(response.getStatus());
        delegate.succeeded();
    }

    @Override
    public void failed(Throwable cause) {
        // An uncommitted failure becomes a 500 from Jetty; a committed one keeps the status already sent.
        counters.record(response.isCommitted() ? response.getStatus() : 500);
        delegate.failed(cause);
    }

    @Override
    public InvocationType getInvocationType() {
        return delegate.getInvocationType();
    }
}
