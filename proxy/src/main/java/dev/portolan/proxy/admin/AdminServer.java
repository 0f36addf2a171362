package dev.portolan.proxy.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.portolan.proxy.config.GatewayConfig;
import dev.portolan.proxy.config.ProxyConfigCodec;
import dev.portolan.proxy.edge.GatewayAnswer;
import dev.portolan.proxy.hosts.HostAllowList;
import dev.portolan.proxy.listen.ConfigRefusals;
import dev.portolan.proxy.listen.LiveConfig;
import dev.portolan.proxy.listen.ProxyServer;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The proxy's own HTTP endpoint, on a separate small server so that admin traffic never competes with proxied
 * traffic: {@code GET /admin/gateways}, {@code GET /admin/config} (private keys redacted), {@code GET /metrics}
 * (Prometheus text) and {@code GET /ready} (200 once a config is live and its listeners are bound; its body starts
 * with "degraded:" while the proxy refuses part of the latest config).
 *
 * <p>Bound beyond loopback (a provisioned proxy: {@code --admin-address 0.0.0.0}, for the kubelet's probe and
 * Prometheus), it answers only {@link #PROBE_PATHS} on non-loopback addresses: {@code /admin/*} (the config, the
 * Gateways) answers on connections to a loopback address only, decided by the address the connection arrived at,
 * which a client cannot forge the way it can a Host header.
 */
public final class AdminServer implements AutoCloseable {
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 9901;
    /** What the admin endpoint answers on addresses other than loopback. */
    public static final Set<String> PROBE_PATHS = Set.of("/ready", "/metrics");

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    private final Server server;
    private final ServerConnector connector;

    /** @param port 0 picks a free port (see {@link #port()}) */
    public AdminServer(ProxyServer proxy, String host, int port) {
        this(proxy, host, port, null);
    }

    /**
     * @param requiredGateway {@code namespace/name} of the one Gateway this proxy serves (a provisioned proxy):
     *                        {@code /ready} waits until the config holds it, so that its Service sends no traffic
     *                        to a proxy that would answer 404; null = ready with any config
     */
    public AdminServer(ProxyServer proxy, String host, int port, String requiredGateway) {
        QueuedThreadPool threads = new QueuedThreadPool(6, 2);
        threads.setName("portolan-admin");
        server = new Server(threads);
        connector = new ServerConnector(server, 1, 1);
        connector.setHost(host);
        connector.setPort(port);
        server.addConnector(connector);
        server.setHandler(new Routes(proxy, requiredGateway, HostAllowList.forServerBoundTo(host)));
    }

    public void start() throws Exception {
        server.start();
    }

    /** The bound port (useful when constructed with 0). */
    public int port() {
        return connector.getLocalPort();
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }

    private static final class Routes extends Handler.Abstract.NonBlocking {
        private boolean ready(LiveConfig live, Response response, Callback callback) {
            if (live == null) {
                return send(response, callback, 503, "text/plain", "not ready: no config applied yet\n");
            }
            if (requiredGateway != null && live.config().gateways().stream()
                    .noneMatch(g -> (g.namespace() + "/" + g.name()).equals(requiredGateway))) {
                return send(response, callback, 503, "text/plain", "not ready: config version " + live.version()
                        + " does not hold Gateway " + requiredGateway + " (not programmed yet)\n");
            }
            ConfigRefusals.Latest refusals = proxy.refusals().latest();
            if (refusals != null && refusals.degraded()) {
                // Still 200: the last good config keeps serving, and taking every replica out of its Service for
                // one Gateway it cannot serve would turn a partial outage into a full one.
                return send(response, callback, 200, "text/plain", "degraded: serving config version "
                        + live.version() + "; " + refusals.describe() + "\n");
            }
            return send(response, callback, 200, "text/plain", "ready: config version " + live.version() + "\n");
        }

        private final ProxyServer proxy;
        private final String requiredGateway;
        private final HostAllowList hosts;

        Routes(ProxyServer proxy, String requiredGateway, HostAllowList hosts) {
            this.proxy = proxy;
            this.requiredGateway = requiredGateway;
            this.hosts = hosts;
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) throws Exception {
            if (!hosts.allows(request.getHeaders().get(HttpHeader.HOST))) {
                return send(response, callback, HttpStatus.MISDIRECTED_REQUEST_421, "text/plain",
                        "this admin endpoint answers only Host localhost, 127.0.0.1 or [::1]"
                                + " (or an IP address when --admin-address opens it)\n");
            }
            if (!HttpMethod.GET.is(request.getMethod())) {
                return send(response, callback, HttpStatus.METHOD_NOT_ALLOWED_405, "text/plain", "GET only\n");
            }
            String path = Request.getPathInContext(request);
            if (!PROBE_PATHS.contains(path) && !arrivedOnLoopback(request)) {
                return send(response, callback, 404, "text/plain",
                        "only /ready and /metrics answer on this address\n");
            }
            LiveConfig live = proxy.live();
            return switch (path) {
                case "/admin/gateways" -> send(response, callback, 200, "application/json",
                        json(GatewaysView.of(proxy)));
                case "/admin/config" -> live == null
                        ? send(response, callback, 503, "text/plain", "no config applied yet\n")
                        : send(response, callback, 200, "application/json",
                                ProxyConfigCodec.toJson(ConfigRedaction.redact(live.config())));
                case "/metrics" -> send(response, callback, 200, "text/plain; version=0.0.4",
                        proxy.metrics().prometheusText(gateways(live), live == null ? null : live.version())
                                + proxy.refusals().prometheusText() + GatewayAnswer.prometheusText());
                // the config whose sockets are bound, not merely published: a probe that passed before the
                // listener was open sent the first client to a refused connection
                case "/ready" -> ready(proxy.listening(), response, callback);
                default -> send(response, callback, 404, "text/plain",
                        "unknown admin path; try /admin/gateways, /admin/config, /metrics, /ready\n");
            };
        }

        private static boolean arrivedOnLoopback(Request request) {
            return request.getConnectionMetaData().getLocalSocketAddress() instanceof InetSocketAddress local
                    && local.getAddress() != null && local.getAddress().isLoopbackAddress();
        }

        private static Map<String, GatewayConfig> gateways(LiveConfig live) {
            Map<String, GatewayConfig> byKey = new TreeMap<>();
            if (live != null) {
                live.config().gateways().forEach(g -> byKey.put(g.namespace() + "/" + g.name(), g));
            }
            return byKey;
        }

        private static String json(Object body) throws JsonProcessingException {
            return JSON.writeValueAsString(body) + "\n";
        }

        private static boolean send(Response response, Callback callback, int status, String type, String body) {
            response.setStatus(status);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, type + (type.contains("charset") ? "" : "; charset=utf-8"));
            Content.Sink.write(response, true, body, callback);
            return true;
        }
    }
}
