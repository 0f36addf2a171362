package dev.portolan.proxy.forward;

import dev.portolan.proxy.config.Endpoint;
import dev.portolan.proxy.edge.GatewayAnswer;
import dev.portolan.proxy.observe.RequestIds;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Promise;
import org.eclipse.jetty.util.thread.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client request sent to a plain HTTP/1.1 backend over a pooled {@link Http1Connection}: the same rules as
 * {@link ProxyExchange} (attempts and retries, the rule's request timeout over all of them, backendRequest over
 * each, the answer streamed with back-pressure), without a thread hand-off: the answer is relayed from the
 * selector thread that reads it. A pooled connection the backend had closed unnoticed is replaced once,
 * transparently, when the request is idempotent and its body can be sent again.
 */
final class Http1Exchange {
    private static final Logger LOG = LoggerFactory.getLogger(Http1Exchange.class);
    private static final long BUSY_WARNING_EVERY_NANOS = TimeUnit.SECONDS.toNanos(10);
    private static final AtomicLong LAST_BUSY_WARNING =
            new AtomicLong(System.nanoTime() - 2 * BUSY_WARNING_EVERY_NANOS);

    private final Request clientToProxyRequest;
    private final Response proxyToClientResponse;
    private final Callback callback;
    private final UpstreamPlan plan;
    private final BackendPicker picker;
    private final Scheduler scheduler;
    private final Http1Pool pool;
    private final UpstreamSelectors selectors;
    private final ByteBuffer head;
    private final boolean chunked;

    private boolean finished;
    private boolean committed;
    private Attempt current;
    private Scheduler.Task requestTimer;

    Http1Exchange(Request clientToProxyRequest, Response proxyToClientResponse, Callback callback, UpstreamPlan plan,
                  BackendPicker picker, Scheduler scheduler, Http1Pool pool, UpstreamSelectors selectors) {
        this.clientToProxyRequest = clientToProxyRequest;
        this.proxyToClientResponse = proxyToClientResponse;
        this.callback = callback;
        this.plan = plan;
        this.picker = picker;
        this.scheduler = scheduler;
        this.pool = pool;
        this.selectors = selectors;
        long contentLength = -1;
        boolean chunk = false;
        if (plan.body() != null) {
            if (plan.body().hasRemaining()) {
                contentLength = plan.body().remaining();
            }
        } else if (plan.streamBody()) {
            long length = clientToProxyRequest.getLength();
            if (length >= 0) {
                contentLength = length;
            } else {
                chunk = true;
            }
        }
        this.chunked = chunk;
        this.head = RequestHead.encode(plan.method(), plan.pathAndQuery(), plan.headers(), contentLength, chunk);
    }

    void start() {
        if (plan.requestMillis() > 0) {
            Scheduler.Task timer = scheduler.schedule(this::onRequestTimeout, plan.requestMillis(),
                    TimeUnit.MILLISECONDS);
            synchronized (this) {
                requestTimer = timer;
            }
        }
        attempt(0, false);
    }

    private void attempt(int number, boolean replacingStale) {
        Endpoint endpoint = picker.endpoint(plan.backend());
        Attempt attempt = new Attempt(number, replacingStale);
        synchronized (this) {
            if (finished) {
                return;
            }
            current = attempt;
        }
        if (plan.backendMillis() > 0) {
            attempt.timer = scheduler.schedule(() -> attempt.onBackendTimeout(), plan.backendMillis(),
                    TimeUnit.MILLISECONDS);
        }
        pool.acquire(selectors, endpoint, attempt);
    }

    /** One upstream attempt; the events of an abandoned attempt are ignored. */
    private final class Attempt implements Http1Connection.Listener, Promise<Http1Connection> {
        final int number;
        final boolean replacingStale;
        volatile Http1Connection connection;
        volatile Scheduler.Task timer;
        volatile boolean abandoned;
        private final ClientWrite clientWrite = new ClientWrite(this);

        Attempt(int number, boolean replacingStale) {
            this.number = number;
            this.replacingStale = replacingStale;
        }

        // Promise: the pool found or opened a connection

        @Override
        public void succeeded(Http1Connection result) {
            connection = result;
            boolean live;
            synchronized (Http1Exchange.this) {
                live = !finished && current == this && !abandoned;
            }
            if (!live) {
                result.giveBack(); // nothing sent: another request can use it
                return;
            }
            result.send(this, head.slice(), plan.body() == null ? null : plan.body().slice(),
                    plan.body() == null && plan.streamBody() ? clientToProxyRequest : null, chunked,
                    HttpMethod.HEAD.is(plan.method()));
        }

        @Override
        public void failed(Throwable failure) {
            onFailure(failure, false);
        }

        // Http1Connection.Listener

        @Override
        public boolean onResponseHead(int status, HttpFields.Mutable headers) {
            boolean retry = false;
            synchronized (Http1Exchange.this) {
                if (finished || current != this) {
                    return false;
                }
                if (mayRetry(this) && plan.retry().codes().contains(status)) {
                    retry = true;
                    abandoned = true;
                } else {
                    committed = true;
                }
            }
            if (retry) {
                cancelTimer();
                next(number + 1);
                return false;
            }
            proxyToClientResponse.setStatus(status);
            HttpFields.Mutable answer = proxyToClientResponse.getHeaders();
            HopByHop.copy(headers, answer);
            if (plan.requestId() != null) {
                // the client gets the id the backend saw, whatever the backend answered
                answer.put(RequestIds.HEADER, plan.requestId());
            }
            plan.responseEdits().accept(answer);
            return true;
        }

        @Override
        public void onResponseContent(ByteBuffer content, Callback consumedCallback) {
            clientWrite.consumed = consumedCallback;
            proxyToClientResponse.write(false, content, clientWrite);
        }

        @Override
        public void onResponseComplete(ByteBuffer last, Runnable release) {
            cancelTimer();
            if (!claimFinish()) {
                release.run();
            } else if (last == null) {
                release.run();
                proxyToClientResponse.write(true, BufferUtil.EMPTY_BUFFER, callback);
            } else {
                proxyToClientResponse.write(true, last, new Callback() {
                    @Override
                    public void succeeded() {
                        release.run();
                        callback.succeeded();
                    }

                    @Override
                    public void failed(Throwable x) {
                        release.run();
                        callback.failed(x);
                    }

                    @Override
                    public InvocationType getInvocationType() {
                        return callback.getInvocationType();
                    }
                });
            }
        }

        @Override
        public void onFailure(Throwable failure, boolean staleConnection) {
            cancelTimer();
            boolean wasCommitted;
            boolean retryConnection;
            boolean replaceStale;
            synchronized (Http1Exchange.this) {
                if (finished || current != this || abandoned) {
                    return;
                }
                wasCommitted = committed;
                replaceStale = !committed && staleConnection && !replacingStale && plan.body() != null
                        && isIdempotent(plan.method());
                retryConnection = !committed && !replaceStale && ProxyExchange.isConnectionFailure(failure)
                        && mayRetry(this);
                abandoned = true;
            }
            if (replaceStale) {
                LOG.debug("pooled connection to backend {} was closed by the backend; sending again on a new one",
                        plan.backend().name());
                attempt(number, true);
                return;
            }
            if (retryConnection) {
                next(number + 1);
                return;
            }
            if (!claimFinish()) {
                return;
            }
            if (wasCommitted) {
                callback.failed(failure);
            } else if (failure instanceof TimeoutException) {
                LOG.debug("backend {} did not answer within the backendRequest timeout of {} ms",
                        plan.backend().name(), plan.backendMillis());
                GatewayAnswer.UPSTREAM_TIMEOUT.write(proxyToClientResponse, callback);
            } else if (failure instanceof UpstreamBusyException) {
                warnBusy(plan.backend().name(), failure);
                GatewayAnswer.UPSTREAM_BUSY.write(proxyToClientResponse, callback);
            } else if (ProxyExchange.isBodyTooLarge(failure)) {
                LOG.debug("request body to backend {} exceeds the proxy's limit: {}", plan.backend().name(),
                        failure.toString());
                GatewayAnswer.PAYLOAD_TOO_LARGE.write(proxyToClientResponse, callback);
            } else {
                LOG.warn("backend {} failed: {}", plan.backend().name(), failure.toString());
                GatewayAnswer.UPSTREAM_ERROR.write(proxyToClientResponse, callback);
            }
        }

        void onBackendTimeout() {
            Http1Connection c = connection;
            if (c != null) {
                c.abort();
            }
            onFailure(new TimeoutException("backendRequest timeout of " + plan.backendMillis() + " ms elapsed"),
                    false);
        }

        private void cancelTimer() {
            Scheduler.Task t = timer;
            if (t != null) {
                t.cancel();
            }
        }
    }

    /** A piece of the body reached the client: the connection may parse the next one. */
    private final class ClientWrite implements Callback {
        private final Attempt attempt;
        Callback consumed;

        ClientWrite(Attempt attempt) {
            this.attempt = attempt;
        }

        @Override
        public void succeeded() {
            consumed.succeeded();
        }

        @Override
        public void failed(Throwable clientFailure) {
            consumed.failed(clientFailure);
            attempt.cancelTimer();
            if (claimFinish()) {
                callback.failed(clientFailure);
            }
        }

        @Override
        public InvocationType getInvocationType() {
            return InvocationType.NON_BLOCKING;
        }
    }

    private void next(int number) {
        long backoff = plan.retry().backoff() == null ? 0 : plan.retry().backoff().toMillis();
        if (backoff > 0) {
            scheduler.schedule(() -> attempt(number, false), backoff, TimeUnit.MILLISECONDS);
        } else {
            attempt(number, false);
        }
    }

    private void onRequestTimeout() {
        Attempt attempt;
        boolean wasCommitted;
        synchronized (this) {
            if (finished) {
                return;
            }
            finished = true;
            wasCommitted = committed;
            attempt = current;
        }
        TimeoutException timeout = new TimeoutException("request timeout of " + plan.requestMillis() + " ms elapsed");
        if (attempt != null) {
            attempt.cancelTimer();
            Http1Connection c = attempt.connection;
            if (c != null) {
                c.abort();
            }
        }
        if (wasCommitted) {
            callback.failed(timeout);
        } else {
            LOG.debug("no answer from backend {} within the request timeout of {} ms", plan.backend().name(),
                    plan.requestMillis());
            GatewayAnswer.UPSTREAM_TIMEOUT.write(proxyToClientResponse, callback);
        }
    }

    private boolean mayRetry(Attempt attempt) {
        // A streamed body cannot be sent twice; the forwarder buffers bodies when retries are configured.
        return plan.retry() != null && attempt.number < plan.retry().attempts() && !plan.streamBody();
    }

    private static boolean isIdempotent(String method) {
        return switch (method) {
            case "GET", "HEAD", "OPTIONS", "TRACE", "PUT", "DELETE" -> true;
            default -> false;
        };
    }

    /** At most one warning per 10 s: at the limit, every request would log one. */
    private static void warnBusy(String backend, Throwable failure) {
        long now = System.nanoTime();
        long last = LAST_BUSY_WARNING.get();
        if (now - last >= BUSY_WARNING_EVERY_NANOS && LAST_BUSY_WARNING.compareAndSet(last, now)) {
            LOG.warn("backend {} is at its connection limit, answering 503: {} (more within 10 s at debug)",
                    backend, failure.getMessage());
        } else {
            LOG.debug("backend {} is at its connection limit, answering 503: {}", backend, failure.getMessage());
        }
    }

    private synchronized boolean claimFinish() {
        if (finished) {
            return false;
        }
        finished = true;
        if (requestTimer != null) {
            requestTimer.cancel();
        }
        return true;
    }
}
