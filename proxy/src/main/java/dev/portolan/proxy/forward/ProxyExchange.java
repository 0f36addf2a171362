package dev.portolan.proxy.forward;

import dev.portolan.proxy.config.Endpoint;
import dev.portolan.proxy.edge.GatewayAnswer;
import dev.portolan.proxy.observe.RequestIds;
import java.net.ConnectException;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.client.ByteBufferRequestContent;
import org.eclipse.jetty.client.ContentSourceRequestContent;
import org.eclipse.jetty.client.Result;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client request sent upstream: attempts with retries, the rule's request timeout over all of them and the
 * backendRequest timeout over each, streaming of the answer. The first of "answer finished", "proxy answered
 * itself" and "request timeout" wins; the others find {@code finished} set and back off.
 */
final class ProxyExchange {
    private static final Logger LOG = LoggerFactory.getLogger(ProxyExchange.class);

    /** Why an attempt was aborted on purpose so that the next one can start. */
    private static final class RetryStatus extends Exception {
        RetryStatus(int status) {
            super("retrying after status " + status, null, false, false);
        }
    }

    /** One upstream attempt; callbacks of an abandoned attempt are ignored. */
    private static final class Attempt {
        final int number;
        org.eclipse.jetty.client.Request proxyToServerRequest;
        volatile boolean retrying;

        Attempt(int number) {
            this.number = number;
        }
    }

    private final Request clientToProxyRequest;
    private final Response proxyToClientResponse;
    private final Callback callback;
    private final UpstreamPlan plan;
    private final BackendPicker picker;
    private final Scheduler scheduler;

    private boolean finished;
    private boolean committed;
    private Attempt current;
    private Scheduler.Task requestTimer;

    ProxyExchange(Request clientToProxyRequest, Response proxyToClientResponse, Callback callback, UpstreamPlan plan,
                  BackendPicker picker, Scheduler scheduler) {
        this.clientToProxyRequest = clientToProxyRequest;
        this.proxyToClientResponse = proxyToClientResponse;
        this.callback = callback;
        this.plan = plan;
        this.picker = picker;
        this.scheduler = scheduler;
    }

    void start() {
        if (plan.requestMillis() > 0) {
            Scheduler.Task timer = scheduler.schedule(this::onRequestTimeout, plan.requestMillis(), TimeUnit.MILLISECONDS);
            synchronized (this) {
                requestTimer = timer;
            }
        }
        attempt(0);
    }

    private void attempt(int number) {
        Endpoint endpoint = picker.endpoint(plan.backend());
        Attempt attempt = new Attempt(number);
        org.eclipse.jetty.client.Request upstream = plan.keepAuthority()
                ? Authorities.newRequest(plan.client(), endpoint, plan.scheme(), plan.headers())
                : plan.client().newRequest(endpoint.host(), endpoint.port()).scheme(plan.scheme());
        upstream.method(plan.method())
                .path(plan.pathAndQuery())
                .headers(h -> {
                    h.clear();
                    h.add(plan.headers());
                    if (plan.keepAuthority()) {
                        h.remove(org.eclipse.jetty.http.HttpHeader.HOST);
                    }
                });
        if (plan.body() != null) {
            if (plan.body().hasRemaining()) {
                upstream.body(new ByteBufferRequestContent(plan.body().slice()));
            }
        } else if (plan.streamBody()) {
            upstream.body(new ContentSourceRequestContent(clientToProxyRequest));
        }
        if (plan.backendMillis() > 0) {
            upstream.timeout(plan.backendMillis(), TimeUnit.MILLISECONDS);
        }
        attempt.proxyToServerRequest = upstream;
        synchronized (this) {
            if (finished) {
                return;
            }
            current = attempt;
        }
        upstream.onResponseHeaders(r -> onServerHeaders(attempt, r))
                .onResponseContentAsync((r, chunk, demander) -> onServerContent(attempt, chunk, demander))
                .send(result -> onServerComplete(attempt, result));
    }

    private void onServerHeaders(Attempt attempt, org.eclipse.jetty.client.Response serverToProxyResponse) {
        int status = serverToProxyResponse.getStatus();
        synchronized (this) {
            if (finished || attempt != current) {
                attempt.retrying = true;
            } else if (mayRetry(attempt) && plan.retry().codes().contains(status)) {
                attempt.retrying = true;
            } else {
                committed = true;
            }
        }
        if (attempt.retrying) {
            attempt.proxyToServerRequest.abort(new RetryStatus(status));
            return;
        }
        proxyToClientResponse.setStatus(status);
        HopByHop.copy(serverToProxyResponse.getHeaders(), proxyToClientResponse.getHeaders());
        if (plan.requestId() != null) {
            // the client gets the id the backend saw, whatever the backend answered
            proxyToClientResponse.getHeaders().put(RequestIds.HEADER, plan.requestId());
        }
        plan.responseEdits().accept(proxyToClientResponse.getHeaders());
    }

    private void onServerContent(Attempt attempt, Content.Chunk chunk, Runnable demander) {
        if (attempt.retrying) {
            demander.run();
            return;
        }
        ByteBuffer bytes = chunk.getByteBuffer();
        boolean retained = chunk.canRetain();
        if (retained) {
            chunk.retain();
        }
        proxyToClientResponse.write(false, bytes, Callback.from(() -> {
            if (retained) {
                chunk.release();
            }
            demander.run();
        }, failure -> {
            if (retained) {
                chunk.release();
            }
            attempt.proxyToServerRequest.abort(failure);
        }));
    }

    private void onServerComplete(Attempt attempt, Result result) {
        if (result.isSucceeded() && !attempt.retrying) {
            if (claimFinish()) {
                proxyToClientResponse.write(true, ByteBuffer.allocate(0), callback);
            }
            return;
        }
        Throwable failure = result.getFailure();
        boolean wasCommitted;
        boolean retryConnection;
        synchronized (this) {
            if (finished || attempt != current) {
                return;
            }
            wasCommitted = committed;
            retryConnection = !committed && !attempt.retrying && isConnectionFailure(failure) && mayRetry(attempt);
        }
        if (attempt.retrying || retryConnection) {
            long backoff = plan.retry().backoff() == null ? 0 : plan.retry().backoff().toMillis();
            if (backoff > 0) {
                scheduler.schedule(() -> attempt(attempt.number + 1), backoff, TimeUnit.MILLISECONDS);
            } else {
                attempt(attempt.number + 1);
            }
            return;
        }
        if (!claimFinish()) {
            return;
        }
        if (wasCommitted) {
            callback.failed(failure);
        } else if (failure instanceof TimeoutException) {
            LOG.debug("backend {} did not answer within the backendRequest timeout of {} ms", plan.backend().name(),
                    plan.backendMillis());
            GatewayAnswer.UPSTREAM_TIMEOUT.write(proxyToClientResponse, callback);
        } else if (isBodyTooLarge(failure)) {
            LOG.debug("request body to backend {} exceeds the proxy's limit: {}", plan.backend().name(),
                    failure.toString());
            GatewayAnswer.PAYLOAD_TOO_LARGE.write(proxyToClientResponse, callback);
        } else {
            LOG.warn("backend {} failed: {}", plan.backend().name(), failure.toString());
            GatewayAnswer.UPSTREAM_ERROR.write(proxyToClientResponse, callback);
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
            attempt.proxyToServerRequest.abort(timeout);
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

    /** The client's body passed the proxy's limit (SizeLimitHandler fails the read with 413). */
    static boolean isBodyTooLarge(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof HttpException http && http.getCode() == HttpStatus.PAYLOAD_TOO_LARGE_413) {
                return true;
            }
        }
        return false;
    }

    static boolean isConnectionFailure(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof java.io.EOFException
                    || t instanceof java.nio.channels.ClosedChannelException
                    || t instanceof java.net.SocketException) {
                return true;
            }
        }
        return false;
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
