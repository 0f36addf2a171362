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
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
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

    private final UpstreamClients clients = new UpstreamClients();
    private final BackendPicker picker = new BackendPicker();
    private final Mirrors mirrors = new Mirrors(clients, picker);
    private final ConcurrentHashMap<Cors, CorsPolicy> corsPolicies = new ConcurrentHashMap<>();

    @Override
    public void prepare(ProxyConfig config) {
        clients.prepare(ConfigTls.of(config));
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
                Answers.text(response, callback, 500, "proxy error: " + e.getMessage());
            } else {
                callback.failed(e);
            }
        }
    }

    private void route(Request request, Response response, Callback callback, MatchedRule matched) {
        RuleConfig rule = matched.match().rule();
        MatchConfig match = rule.matches().isEmpty() ? MatchConfig.any() : rule.matches().get(matched.match().matchIndex());
        List<ResponseHeaderModifier> ruleResponseEdits = new ArrayList<>();
        CorsPolicy cors = null;
        for (FilterConfig filter : rule.filters()) {
            if (filter instanceof ResponseHeaderModifier edit) {
                ruleResponseEdits.add(edit);
            } else if (filter instanceof Cors c) {
                cors = corsPolicies.computeIfAbsent(c, CorsPolicy::new);
            }
        }
        for (FilterConfig filter : rule.filters()) {
            if (filter instanceof RequestRedirect redirect) {
                redirect(request, response, callback, matched, match, redirect, ruleResponseEdits);
                return;
            }
        }
        if (cors != null && CorsPolicy.isPreflight(request.getMethod(), request.getHeaders())) {
            cors.preflightHeaders(request.getHeaders(), response.getHeaders());
            editResponse(response.getHeaders(), ruleResponseEdits);
            Answers.empty(response, callback, 204);
            return;
        }

        WeightedBackend chosen = picker.pick(rule.backends());
        if (chosen == null) {
            Answers.text(response, callback, 500, "route " + matched.match().route().key() + " rule "
                    + rule.index() + " has no backend to send to");
            return;
        }
        BackendConfig backend = chosen.backend();
        if (backend.problem() != null) {
            Answers.text(response, callback, 500, "backend " + backend.name() + " is invalid: " + backend.problem());
            return;
        }
        if (backend.tls() != null && backend.tls().problem() != null) {
            Answers.text(response, callback, 503, "backend " + backend.name() + " TLS cannot be honoured: "
                    + backend.tls().problem());
            return;
        }
        if (backend.endpoints().isEmpty()) {
            Answers.text(response, callback, 503, "backend " + backend.name() + " has no ready endpoints");
            return;
        }
        UpstreamClients.TlsClient client = clients.clientFor(backend);
        if (client.client() == null) {
            Answers.text(response, callback, 503, "backend " + backend.name() + " TLS cannot be set up: "
                    + client.problem());
            return;
        }

        List<FilterConfig> filters = new ArrayList<>(rule.filters());
        filters.addAll(chosen.filters());
        String authority = ClientRequests.authority(request);
        String path = ClientRequests.rawPath(request);
        String query = ClientRequests.rawQuery(request);
        HttpFields.Mutable headers = HttpFields.build();
        HopByHop.copy(request.getHeaders(), headers);
        headers.put(HttpHeader.HOST, authority);
        addForwardedHeaders(request, headers, authority, matched.secure());
        List<ResponseHeaderModifier> responseEdits = new ArrayList<>();
        List<RequestMirror> sampledMirrors = new ArrayList<>();
        String rewrittenPath = path;
        for (FilterConfig filter : filters) {
            if (filter instanceof RequestHeaderModifier edit) {
                HeaderEdits.apply(headers, edit.set(), edit.add(), edit.remove());
            } else if (filter instanceof ResponseHeaderModifier edit) {
                responseEdits.add(edit);
            } else if (filter instanceof UrlRewrite rewrite) {
                if (rewrite.hostname() != null) {
                    headers.put(HttpHeader.HOST, rewrite.hostname());
                }
                rewrittenPath = PathRewrite.apply(path, rewrite.path(), match);
            } else if (filter instanceof RequestMirror mirror && Mirrors.sampled(mirror)) {
                sampledMirrors.add(mirror);
            }
            // Cors and RequestRedirect were handled above: preflights and redirects never reach a backend.
        }
        String pathAndQuery = query == null ? rewrittenPath : rewrittenPath + "?" + query;
        String scheme = backend.tls() != null ? "https" : "http";

        if (backend.protocol() == BackendProtocol.WS && WebSocketBridge.isUpgrade(request)) {
            Endpoint endpoint = picker.endpoint(backend);
            URI uri = URI.create((backend.tls() != null ? "wss" : "ws") + "://" + hostForUri(endpoint.host()) + ":"
                    + endpoint.port() + pathAndQuery);
            WebSocketBridge.bridge(request, response, callback, clients.webSocketClient(client.client()), uri, headers);
            return;
        }

        CorsPolicy corsForAnswer = cors;
        HttpFields requestHeaders = request.getHeaders();
        Consumer<HttpFields.Mutable> editAnswer = answer -> {
            if (corsForAnswer != null) {
                corsForAnswer.actualRequestHeaders(requestHeaders, answer);
            }
            editResponse(answer, responseEdits);
        };
        TimeoutsConfig timeouts = rule.timeouts();
        boolean hasBody = ClientRequests.hasBody(request);
        UpstreamPlan plan = new UpstreamPlan(backend, client.client(), clients.keepsAuthority(client.client()), scheme, request.getMethod(), pathAndQuery,
                headers.asImmutable(), null, hasBody, millis(timeouts == null ? null : timeouts.request()),
                millis(timeouts == null ? null : timeouts.backendRequest()), rule.retry(), editAnswer);
        boolean replayable = rule.retry() != null && rule.retry().attempts() > 0 || !sampledMirrors.isEmpty();
        if (!hasBody) {
            UpstreamPlan noBody = plan.withBody(ByteBuffer.allocate(0));
            sampledMirrors.forEach(m -> mirrors.send(m, noBody.method(), pathAndQuery, noBody.headers(), null));
            new ProxyExchange(request, response, callback, noBody, picker, clients.scheduler()).start();
        } else if (!replayable) {
            new ProxyExchange(request, response, callback, plan, picker, clients.scheduler()).start();
        } else {
            Content.Source.asByteArrayAsync(request, MAX_BUFFERED_BODY).whenComplete((bytes, failure) -> {
                if (failure != null) {
                    Answers.text(response, callback, 413, "request body cannot be buffered for retries or mirrors"
                            + " (limit " + MAX_BUFFERED_BODY + " bytes): " + failure.getMessage());
                    return;
                }
                UpstreamPlan buffered = plan.withBody(ByteBuffer.wrap(bytes).asReadOnlyBuffer());
                sampledMirrors.forEach(m -> mirrors.send(m, buffered.method(), pathAndQuery, buffered.headers(),
                        buffered.body()));
                new ProxyExchange(request, response, callback, buffered, picker, clients.scheduler()).start();
            });
        }
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

    private static void addForwardedHeaders(Request request, HttpFields.Mutable headers, String authority,
                                            boolean secure) {
        String clientIp = ClientRequests.remoteIp(request);
        if (clientIp != null) {
            String prior = headers.get("X-Forwarded-For");
            headers.put("X-Forwarded-For", prior == null ? clientIp : prior + ", " + clientIp);
        }
        if (!headers.contains("X-Forwarded-Proto")) {
            headers.put("X-Forwarded-Proto", secure ? "https" : "http");
        }
        if (!headers.contains("X-Forwarded-Host")) {
            headers.put("X-Forwarded-Host", authority);
        }
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
