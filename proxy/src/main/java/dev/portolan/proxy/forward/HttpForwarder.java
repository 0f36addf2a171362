package dev.portolan.proxy.forward;

import dev.portolan.proxy.config.BackendConfig;
import dev.portolan.proxy.config.BackendProtocol;
import dev.portolan.proxy.config.Endpoint;
import dev.portolan.proxy.config.FilterConfig;
import dev.portolan.proxy.config.FilterConfig.Cors;
import dev.portolan.proxy.config.FilterConfig.RequestHeaderModifier;
import dev.portolan.proxy.config.FilterConfig.RequestMirror;
import dev.portolan.proxy.config.FilterConfig.RequestRedirect;
import dev.portolan.proxy.config.FilterConfig.ResponseHeaderModifier;
import dev.portolan.proxy.config.FilterConfig.UrlRewrite;
import dev.portolan.proxy.config.MatchConfig;
import dev.portolan.proxy.config.ProxyConfig;
import dev.portolan.proxy.config.RuleConfig;
import dev.portolan.proxy.config.TimeoutsConfig;
import dev.portolan.proxy.config.WeightedBackend;
import dev.portolan.proxy.edge.GatewayAnswer;
import dev.portolan.proxy.observe.Exchange;
import dev.portolan.proxy.observe.RequestIds;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The forwarder: rule filters (redirect and CORS preflight answered here), backend choice, then an
 * {@link ProxyExchange} upstream or a {@link WebSocketBridge}. Thread-safe; one instance serves all listeners.
 */
public final class HttpForwarder implements Forwarder {

    private static final Logger LOG = LoggerFactory.getLogger(HttpForwarder.class);

    /** Largest request body buffered for retries and mirrors. */
    static final int MAX_BUFFERED_BODY = 16 * 1024 * 1024;
    private static final ByteBuffer NO_BODY = ByteBuffer.allocate(0).asReadOnlyBuffer();
    private static final Consumer<HttpFields.Mutable> NO_EDITS = answer -> { };

    private final UpstreamClients clients;
    private final ConfigTls configTls = new ConfigTls();
    private final BackendPicker picker = new BackendPicker();
    private final Mirrors mirrors;
    private final ConcurrentHashMap<Cors, CorsPolicy> corsPolicies = new ConcurrentHashMap<>();

    /** A forwarder with {@link UpstreamSettings#defaults()}. */
    public HttpForwarder() {
        this(UpstreamSettings.defaults());
    }

    public HttpForwarder(UpstreamSettings settings) {
        clients = new UpstreamClients(settings);
        mirrors = new Mirrors(clients, picker);
    }

    @Override
    public void prepare(ProxyConfig config) {
        clients.prepare(configTls.of(config));
        corsPolicies.clear();
    }

    /** How many upstream TLS clients exist (one per distinct backend TLS setting in use). */
    public int upstreamTlsClients() {
        return clients.tlsClientCount();
    }

    @Override
    public void forward(Request request, Response response, Callback callback, MatchedRule matched) {
        try {
            route(request, response, callback, matched);
        } catch (RuntimeException e) {
            LOG.warn("forwarding {} {} for {} failed", request.getMethod(), request.getHttpURI(), matched.match(), e);
            if (!response.isCommitted()) {
                response.reset();
                Exchange exchange = matched.exchange();
                if (exchange != null) {
                    response.getHeaders().put(RequestIds.HEADER, exchange.requestId());
                }
                GatewayAnswer.INTERNAL_ERROR.write(response, callback);
            } else {
                callback.failed(e);
            }
        }
    }

    private void route(Request request, Response response, Callback callback, MatchedRule matched) {
        RuleConfig rule = matched.match().rule();
        MatchConfig match = rule.matches().isEmpty() ? MatchConfig.any() : rule.matches().get(matched.match().matchIndex());
        CorsPolicy cors = null;
        RequestRedirect redirect = null;
        for (FilterConfig filter : rule.filters()) {
            if (filter instanceof Cors c) {
                cors = corsPolicies.computeIfAbsent(c, CorsPolicy::new);
            } else if (redirect == null && filter instanceof RequestRedirect r) {
                redirect = r;
            }
        }
        if (redirect != null) {
            redirect(request, response, callback, matched, match, redirect, responseEdits(rule.filters()));
            return;
        }
        if (cors != null && CorsPolicy.isPreflight(request.getMethod(), request.getHeaders())) {
            cors.preflightHeaders(request.getHeaders(), response.getHeaders());
            editResponse(response.getHeaders(), responseEdits(rule.filters()));
            Answers.empty(response, callback, 204);
            return;
        }

        WeightedBackend chosen = picker.pick(rule.backends());
        if (chosen == null) {
            LOG.debug("route {} rule {} has no backend to send to", matched.match().route().key(), rule.index());
            GatewayAnswer.INVALID_BACKEND.write(response, callback);
            return;
        }
        BackendConfig backend = chosen.backend();
        Exchange exchange = matched.exchange();
        if (exchange != null) {
            exchange.backend(backend);
        }
        if (backend.problem() != null) {
            LOG.debug("backend {} is invalid: {}", backend.name(), backend.problem());
            GatewayAnswer.INVALID_BACKEND.write(response, callback);
            return;
        }
        if (backend.tls() != null && backend.tls().problem() != null) {
            LOG.debug("backend {} TLS cannot be honoured: {}", backend.name(), backend.tls().problem());
            GatewayAnswer.NO_HEALTHY_UPSTREAM.write(response, callback);
            return;
        }
        if (backend.endpoints().isEmpty()) {
            LOG.debug("backend {} has no ready endpoints", backend.name());
            GatewayAnswer.NO_HEALTHY_UPSTREAM.write(response, callback);
            return;
        }
        UpstreamClients.TlsClient client = clients.clientFor(backend);
        if (client.client() == null) {
            LOG.warn("backend {} TLS cannot be set up: {}", backend.name(), client.problem());
            GatewayAnswer.NO_HEALTHY_UPSTREAM.write(response, callback);
            return;
        }

        String authority = ClientRequests.authority(request);
        String path = ClientRequests.rawPath(request);
        String query = ClientRequests.rawQuery(request);
        HttpFields.Mutable headers = HttpFields.build();
        HopByHop.copy(request.getHeaders(), headers);
        if (exchange != null) {
            // replaces a missing, malformed or repeated client value with the one the listener chose
            headers.put(RequestIds.HEADER, exchange.requestId());
        }
        headers.put(HttpHeader.HOST, authority);
        addForwardedHeaders(request, headers, authority, matched.secure());
        // lists only when a filter needs one: most rules have a response edit or none, and no mirror
        List<ResponseHeaderModifier> responseEdits = List.of();
        List<RequestMirror> sampledMirrors = List.of();
        String rewrittenPath = path;
        // the rule's filters, then the chosen backend's
        for (int pass = 0; pass < 2; pass++) {
            for (FilterConfig filter : pass == 0 ? rule.filters() : chosen.filters()) {
                if (filter instanceof RequestHeaderModifier edit) {
                    HeaderEdits.apply(headers, edit.set(), edit.add(), edit.remove());
                } else if (filter instanceof ResponseHeaderModifier edit) {
                    responseEdits = added(responseEdits, edit);
                } else if (filter instanceof UrlRewrite rewrite) {
                    if (rewrite.hostname() != null) {
                        headers.put(HttpHeader.HOST, rewrite.hostname());
                    }
                    rewrittenPath = PathRewrite.apply(path, rewrite.path(), match);
                } else if (filter instanceof RequestMirror mirror && Mirrors.sampled(mirror)) {
                    sampledMirrors = added(sampledMirrors, mirror);
                }
                // Cors and RequestRedirect were handled above: preflights and redirects never reach a backend.
            }
        }
        String pathAndQuery = query == null ? rewrittenPath : rewrittenPath + "?" + query;
        String scheme = backend.tls() != null ? "https" : "http";

        if (backend.protocol() == BackendProtocol.WS && WebSocketBridge.isUpgrade(request)) {
            Endpoint endpoint = picker.endpoint(backend);
            URI uri = URI.create((backend.tls() != null ? "wss" : "ws") + "://" + hostForUri(endpoint.host()) + ":"
                    + endpoint.port() + pathAndQuery);
            // the bridge waits for the backend's upgrade answer: not on the selector thread that runs this handler
            request.getComponents().getExecutor().execute(() -> WebSocketBridge.bridge(request, response, callback,
                    clients.webSocketClient(client.client()), uri, headers));
            return;
        }

        Consumer<HttpFields.Mutable> editAnswer = NO_EDITS;
        if (cors != null || !responseEdits.isEmpty()) {
            CorsPolicy corsForAnswer = cors;
            HttpFields requestHeaders = request.getHeaders();
            List<ResponseHeaderModifier> edits = responseEdits;
            editAnswer = answer -> {
                if (corsForAnswer != null) {
                    corsForAnswer.actualRequestHeaders(requestHeaders, answer);
                }
                editResponse(answer, edits);
            };
        }
        TimeoutsConfig timeouts = rule.timeouts();
        boolean hasBody = ClientRequests.hasBody(request);
        UpstreamPlan plan = new UpstreamPlan(backend, client.client(), clients.keepsAuthority(client.client()), scheme, request.getMethod(), pathAndQuery,
                headers, hasBody ? null : NO_BODY, hasBody, millis(timeouts == null ? null : timeouts.request()),
                millis(timeouts == null ? null : timeouts.backendRequest()), rule.retry(), editAnswer,
                exchange == null ? null : exchange.requestId());
        boolean replayable = rule.retry() != null && rule.retry().attempts() > 0 || !sampledMirrors.isEmpty();
        boolean lean = backend.tls() == null && backend.protocol() != BackendProtocol.H2C;
        if (!hasBody) {
            for (RequestMirror m : sampledMirrors) {
                mirrors.send(m, plan.method(), pathAndQuery, plan.headers(), null);
            }
            start(request, response, callback, plan, lean);
        } else if (!replayable) {
            start(request, response, callback, plan, lean);
        } else {
            List<RequestMirror> mirrorsToSend = sampledMirrors;
            Content.Source.asByteArrayAsync(request, MAX_BUFFERED_BODY).whenComplete((bytes, failure) -> {
                if (failure != null) {
                    LOG.debug("request body cannot be buffered for retries or mirrors (limit {} bytes): {}",
                            MAX_BUFFERED_BODY, failure.toString());
                    GatewayAnswer.PAYLOAD_TOO_LARGE.write(response, callback);
                    return;
                }
                UpstreamPlan buffered = plan.withBody(ByteBuffer.wrap(bytes).asReadOnlyBuffer());
                mirrorsToSend.forEach(m -> mirrors.send(m, buffered.method(), pathAndQuery, buffered.headers(),
                        buffered.body()));
                start(request, response, callback, buffered, lean);
            });
        }
    }

    /**
     * Plain HTTP/1.1 backends go over the lean upstream ({@link Http1Exchange}) on the selector that serves the
     * client when its connector offers it; TLS and h2c backends over Jetty's HttpClient ({@link ProxyExchange}).
     */
    private void start(Request request, Response response, Callback callback, UpstreamPlan plan, boolean lean) {
        if (lean) {
            UpstreamSelectors selectors = request.getConnectionMetaData().getConnector()
                    instanceof UpstreamSelectors own ? own : clients.ownSelector();
            new Http1Exchange(request, response, callback, plan, picker, clients.scheduler(), clients.http1Pool(),
                    selectors).start();
        } else {
            new ProxyExchange(request, response, callback, plan, picker, clients.scheduler()).start();
        }
    }

    /** Everything the forwarder does on the handling thread is non-blocking (see {@link #start}). */
    @Override
    public org.eclipse.jetty.util.thread.Invocable.InvocationType invocationType() {
        return org.eclipse.jetty.util.thread.Invocable.InvocationType.NON_BLOCKING;
    }

    private void redirect(Request request, Response response, Callback callback, MatchedRule matched,
                          MatchConfig match, RequestRedirect redirect, List<ResponseHeaderModifier> responseEdits) {
        String location = RedirectLocation.of(redirect, matched.secure() ? "https" : "http",
                ClientRequests.hostOnly(ClientRequests.authority(request)), ClientRequests.rawPath(request),
                ClientRequests.rawQuery(request), matched.specPort(), match);
        response.getHeaders().put(HttpHeader.LOCATION, location);
        editResponse(response.getHeaders(), responseEdits);
        Answers.empty(response, callback, redirect.statusCode());
    }

    /**
     * X-Forwarded-For: every incoming line in order, then the peer. X-Forwarded-Proto and -Host from the connection
     * unless present (the listener side drops them when the peer is not a trusted hop). Forwarded (present only
     * from a trusted hop) gets this hop's element appended (RFC 7239).
     */
    private static void addForwardedHeaders(Request request, HttpFields.Mutable headers, String authority,
                                            boolean secure) {
        String clientIp = ClientRequests.remoteIp(request);
        String proto = secure ? "https" : "http";
        if (clientIp != null) {
            String prior = joined(request.getHeaders(), HttpHeader.X_FORWARDED_FOR, ", ");
            headers.put(HttpHeader.X_FORWARDED_FOR, prior == null ? clientIp : prior + ", " + clientIp);
        }
        if (!headers.contains(HttpHeader.X_FORWARDED_PROTO)) {
            headers.put(HttpHeader.X_FORWARDED_PROTO, proto);
        }
        if (!headers.contains(HttpHeader.X_FORWARDED_HOST)) {
            headers.put(HttpHeader.X_FORWARDED_HOST, authority);
        }
        String forwarded = joined(request.getHeaders(), HttpHeader.FORWARDED, ", ");
        if (forwarded != null) {
            headers.put(HttpHeader.FORWARDED, forwarded + ", " + ForwardedElement.of(clientIp, authority, proto));
        }
    }

    /** Every line of a header joined in order, or null when absent; no list built for the usual single line. */
    private static String joined(HttpFields fields, HttpHeader header, String separator) {
        String first = null;
        StringBuilder all = null;
        for (HttpField field : fields) {
            if (field.getHeader() == header) {
                if (first == null) {
                    first = field.getValue();
                } else {
                    if (all == null) {
                        all = new StringBuilder(first);
                    }
                    all.append(separator).append(field.getValue());
                }
            }
        }
        return all == null ? first : all.toString();
    }

    /** The rule's ResponseHeaderModifiers in order (for the answers the proxy makes itself). */
    private static List<ResponseHeaderModifier> responseEdits(List<FilterConfig> filters) {
        List<ResponseHeaderModifier> edits = List.of();
        for (FilterConfig filter : filters) {
            if (filter instanceof ResponseHeaderModifier edit) {
                edits = added(edits, edit);
            }
        }
        return edits;
    }

    /** {@code list} with {@code item} appended; the empty {@code List.of()} is replaced by a new list. */
    private static <T> List<T> added(List<T> list, T item) {
        List<T> out = list.isEmpty() ? new ArrayList<>(2) : list;
        out.add(item);
        return out;
    }

    private static void editResponse(HttpFields.Mutable answer, List<ResponseHeaderModifier> edits) {
        for (ResponseHeaderModifier edit : edits) {
            HeaderEdits.apply(answer, edit.set(), edit.add(), edit.remove());
        }
    }

    private static long millis(Duration duration) {
        return duration == null ? 0 : duration.toMillis();
    }

    private static String hostForUri(String host) {
        return host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    @Override
    public void close() {
        clients.close();
    }
}
