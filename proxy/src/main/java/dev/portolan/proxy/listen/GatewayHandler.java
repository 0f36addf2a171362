package dev.portolan.proxy.listen;

import dev.portolan.proxy.config.ListenerConfig;
import dev.portolan.proxy.edge.EdgeRequests;
import dev.portolan.proxy.edge.EdgeSettings;
import dev.portolan.proxy.edge.GatewayAnswer;
import dev.portolan.proxy.forward.Forwarder;
import dev.portolan.proxy.forward.MatchedRule;
import dev.portolan.proxy.observe.Exchange;
import dev.portolan.proxy.observe.RequestIds;
import dev.portolan.proxy.routing.HeaderLookup;
import dev.portolan.proxy.routing.RouteMatch;
import dev.portolan.proxy.routing.RouteRequest;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLSession;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one handler of the proxy server: reads the live config once, finds the socket's routes by connector name,
 * checks that an HTTPS request's host belongs to the listener its SNI chose (else 421), normalizes the path and
 * drops forgeable forwarding headers ({@link EdgeRequests}), matches the route and hands the request to the
 * {@link Forwarder}. Its own answers carry fixed bodies ({@link GatewayAnswer}); the details go to the log.
 */
final class GatewayHandler extends Handler.Abstract {
    private static final Logger LOG = LoggerFactory.getLogger(GatewayHandler.class);

    private final AtomicReference<LiveConfig> live;
    private final Forwarder forwarder;
    private final EdgeSettings edge;

    GatewayHandler(AtomicReference<LiveConfig> live, Forwarder forwarder, EdgeSettings edge) {
        this.live = live;
        this.forwarder = forwarder;
        this.edge = edge;
    }

    /** As the forwarder: a non-blocking one lets Jetty run requests on the selector thread that read them. */
    @Override
    public InvocationType getInvocationType() {
        return forwarder.invocationType();
    }

    @Override
    public boolean handle(Request received, Response response, Callback callback) {
        long startNanos = System.nanoTime();
        String requestId = RequestIds.keepOrGenerate(sentRequestId(received));
        // set first so that every answer carries it; the forwarder sets it again over the backend's headers
        response.getHeaders().put(RequestIds.HEADER, requestId);
        if (received.getHeaders().size() > edge.maxRequestHeaders()) {
            LOG.debug("{} {}: {} header lines, the limit is {}", received.getMethod(), received.getHttpURI(),
                    received.getHeaders().size(), edge.maxRequestHeaders());
            return answer(response, refusal(received, response, callback, requestId, startNanos),
                    GatewayAnswer.HEADERS_TOO_LARGE);
        }
        Request request = EdgeRequests.prepare(received, edge);
        if (request == null) {
            LOG.debug("{} {}: the path is refused (encoded separator)", received.getMethod(), received.getHttpURI());
            return answer(response, refusal(received, response, callback, requestId, startNanos),
                    GatewayAnswer.BAD_REQUEST);
        }
        Exchange exchange = Exchange.start(requestId, startNanos);
        LiveConfig config = live.get();
        String connectorName = request.getConnectionMetaData().getConnector().getName();
        PortRoutes port = config == null ? null : config.forConnector(connectorName);
        if (port == null) {
            // A socket that is closing after a swap; its new config no longer serves it.
            LOG.debug("no Gateway listens on {}", connectorName);
            return answer(response, callback, GatewayAnswer.NOT_FOUND);
        }
        String host = hostOf(request);
        if (port.secure()) {
            String sni = sniHost(request);
            if (sni != null) {
                ListenerConfig bySni = port.table().listenerFor(sni);
                ListenerConfig byHost = port.table().listenerFor(host);
                if (bySni != byHost) {
                    Callback counted = new ObservingCallback(callback, request, response, port, byHost, null,
                            exchange);
                    LOG.debug("host '{}' is not served by the listener selected by TLS server name '{}'", host, sni);
                    return answer(response, counted, GatewayAnswer.MISDIRECTED);
                }
            }
        }
        String query = request.getHttpURI().getQuery();
        RouteRequest routeRequest = new RouteRequest(host, request.getMethod(), request.getHttpURI().getPath(),
                new FieldsLookup(request.getHeaders()), query);
        Optional<RouteMatch> match = port.table().match(routeRequest);
        if (match.isEmpty()) {
            Callback counted = new ObservingCallback(callback, request, response, port,
                    port.table().listenerFor(host), null, exchange);
            LOG.debug("no route of Gateway {}/{} port {} matches {}", port.gateway().namespace(),
                    port.gateway().name(), port.specPort(), routeRequest);
            return answer(response, counted, GatewayAnswer.NOT_FOUND);
        }
        RouteMatch matched = match.get();
        Callback counted = new ObservingCallback(callback, request, response, port, matched.listener(), matched,
                exchange);
        try {
            forwarder.forward(request, response, counted,
                    new MatchedRule(config.version(), port.gateway(), matched, port.specPort(), port.secure(),
                            exchange));
        } catch (RuntimeException e) {
            LOG.error("Forwarder threw for {} ({}); the contract is to fail the callback instead", routeRequest,
                    matched, e);
            counted.failed(e);
        }
        return true;
    }

    /**
     * The callback of a request refused before routing (too many headers, refused path): still counted on its
     * listener and access-logged, so probes show up. The raw path is logged (escaped), as nothing was normalized.
     */
    private Callback refusal(Request received, Response response, Callback callback, String requestId,
                             long startNanos) {
        LiveConfig config = live.get();
        PortRoutes port = config == null ? null
                : config.forConnector(received.getConnectionMetaData().getConnector().getName());
        if (port == null) {
            return callback;
        }
        return new ObservingCallback(callback, received, response, port, port.table().listenerFor(hostOf(received)),
                null, Exchange.start(requestId, startNanos));
    }

    /** The client's X-Request-Id when it sent exactly one, else null (several values are not trusted). */
    private static String sentRequestId(Request request) {
        String found = null;
        for (HttpField field : request.getHeaders()) {
            if (field.is(RequestIds.HEADER)) {
                if (found != null) {
                    return null;
                }
                found = field.getValue();
            }
        }
        return found;
    }

    /** The request's headers as the matcher reads them, without copying them into lists. */
    private record FieldsLookup(HttpFields fields) implements HeaderLookup {
        @Override
        public List<String> values(String name) {
            return fields.getValuesList(name);
        }

        @Override
        public String joined(String name) {
            String first = null;
            StringBuilder all = null;
            for (HttpField field : fields) {
                if (field.is(name)) {
                    if (first == null) {
                        first = field.getValue();
                    } else {
                        if (all == null) {
                            all = new StringBuilder(first);
                        }
                        all.append(',').append(field.getValue());
                    }
                }
            }
            return all == null ? first : all.toString();
        }
    }

    /** The request's authority host: HTTP/2 :authority or the HTTP/1.1 Host header, both land in the URI. */
    private static String hostOf(Request request) {
        String host = request.getHttpURI().getHost();
        if (host == null || host.isEmpty()) {
            host = request.getHeaders().get(HttpHeader.HOST);
        }
        return host == null ? "" : host;
    }

    /** The TLS server name the client sent, or null (no TLS, or a client that sent no SNI). */
    private static String sniHost(Request request) {
        if (!(request.getAttribute(EndPoint.SslSessionData.ATTRIBUTE) instanceof EndPoint.SslSessionData data)) {
            return null;
        }
        SSLSession session = data.sslSession();
        if (session instanceof ExtendedSSLSession extended) {
            for (SNIServerName name : extended.getRequestedServerNames()) {
                if (name instanceof SNIHostName hostName) {
                    return hostName.getAsciiName();
                }
            }
        }
        return null;
    }

    private static boolean answer(Response response, Callback callback, GatewayAnswer answer) {
        answer.write(response, callback);
        return true;
    }
}
