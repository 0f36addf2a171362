package dev.portolan.proxy.listen;

import dev.portolan.proxy.config.CertificateConfig;
import dev.portolan.proxy.config.ListenerConfig;
import dev.portolan.proxy.config.ProxyConfig;
import dev.portolan.proxy.edge.QuietErrorHandler;
import dev.portolan.proxy.forward.Forwarder;
import dev.portolan.proxy.observe.GatewayMetrics;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.SizeLimitHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The proxy's Jetty server: one connector per (bind address, listener port), one handler, and the live config
 * swapped atomically by {@link #apply}. Sockets that stay in a new config keep their connections.
 */
public final class ProxyServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ProxyServer.class);
    /** How long a bind may wait for a just-closed listener on the same address to let go (see SocketBinding). */
    private static final Duration BIND_BUDGET = Duration.ofSeconds(1);

    private final Forwarder forwarder;
    private final ProxyServerOptions options;
    private final GatewayMetrics metrics;
    private final AtomicReference<LiveConfig> live = new AtomicReference<>();
    private final ConfigRefusals refusals = new ConfigRefusals();
    private final QueuedThreadPool threads;
    private final Server server;
    /**
     * The config whose sockets are open: set when {@link #apply} has opened them, after {@code live} (which the
     * handlers read) was published, so that readiness never reports a listener that is not bound yet.
     */
    private volatile LiveConfig listening;
    /** Open sockets; only touched under this object's lock (apply, close). */
    private final Map<SocketKey, OpenSocket> sockets = new TreeMap<>();

    private record OpenSocket(Connectors.Built built, boolean secure, List<CertificateConfig> certificates) {
    }

    public ProxyServer(Forwarder forwarder, ProxyServerOptions options, GatewayMetrics metrics) {
        this.forwarder = forwarder;
        this.options = options;
        this.metrics = metrics;
        this.threads = new ResumingThreadPool(options.workerThreads(), Math.min(4, options.workerThreads()),
                forwarder.invocationType() == org.eclipse.jetty.util.thread.Invocable.InvocationType.NON_BLOCKING);
        threads.setName("portolan-proxy");
        this.server = new Server(threads);
        // Handlers never change after construction: a dynamic container would declare itself blocking, and
        // Jetty would then hand every request from the selector to a worker thread whatever the forwarder says.
        server.setDynamic(false);
        GatewayHandler gateways = new GatewayHandler(live, forwarder, options.edge());
        long bodyLimit = options.edge().maxRequestBodyBytes();
        if (bodyLimit > 0) {
            SizeLimitHandler limit = new SizeLimitHandler(bodyLimit, -1);
            limit.setDynamic(false);
            limit.setHandler(gateways);
            server.setHandler(limit);
        } else {
            server.setHandler(gateways);
        }
        server.setErrorHandler(new QuietErrorHandler());
        server.setStopTimeout(5_000);
    }

    public synchronized void start() throws Exception {
        server.start();
    }

    /**
     * Makes a config live: compiles route tables and key stores one Gateway at a time, lets the forwarder prepare,
     * publishes the new version in one step, then opens sockets that are new and closes those no longer used. A
     * Gateway that cannot be served (see {@link IsolatedCompile}) is refused alone and keeps its previous version;
     * the result and {@link #refusals()} say so. Throws (and changes nothing) only when the config as a whole cannot
     * be prepared; the previous version keeps serving.
     */
    public synchronized ApplyResult apply(ProxyConfig config) {
        IsolatedCompile.Result compiled;
        try {
            compiled = IsolatedCompile.compile(config, live.get(), metrics, options, this::keyStoreIfChanged);
            forwarder.prepare(compiled.live().config());
        } catch (RuntimeException e) {
            refusals.refusedWhole(config.version(), e.getMessage());
            throw e;
        }
        LiveConfig next = compiled.live();
        Map<SocketKey, KeyStore> keyStores = compiled.keyStores();
        refusals.applied(config.version(), compiled.refused());
        compiled.refused().forEach((gateway, reason) -> LOG.error("config version {}: Gateway {} cannot be served and "
                + "keeps its previous config: {}", config.version(), gateway, reason));
        live.set(next);
        SortedMap<SocketKey, String> failures = new TreeMap<>();
        for (SocketKey gone : new ArrayList<>(sockets.keySet())) {
            PortRoutes routes = next.ports().get(gone);
            if (routes == null || routes.secure() != sockets.get(gone).secure()) {
                close(gone);
            }
        }
        resizePool(next.ports().size());
        next.ports().forEach((key, routes) -> {
            try {
                open(key, routes, keyStores.get(key));
            } catch (Exception e) {
                String reason = e.getClass().getSimpleName() + ": " + e.getMessage();
                LOG.warn("Gateway {}/{} listener port {}: cannot open {} (socket port {}): {}",
                        routes.gateway().namespace(), routes.gateway().name(), routes.specPort(), key,
                        options.socketPort(key.specPort()), reason);
                failures.put(key, reason);
            }
        });
        listening = next;
        LOG.info("config version {} live: {} sockets open, {} failed", config.version(), sockets.size(),
                failures.size());
        return new ApplyResult(config.version(), failures, compiled.refused());
    }

    private KeyStore keyStoreIfChanged(SocketKey key, PortRoutes routes) {
        return certificateChange(key, routes) ? PemKeys.keyStore(certificates(routes), "Gateway "
                + routes.gateway().namespace() + "/" + routes.gateway().name() + " port " + routes.specPort()) : null;
    }

    private boolean certificateChange(SocketKey key, PortRoutes routes) {
        OpenSocket open = sockets.get(key);
        return open == null || !open.secure() || !open.certificates().equals(certificates(routes));
    }

    private static List<CertificateConfig> certificates(PortRoutes routes) {
        List<CertificateConfig> all = new ArrayList<>();
        for (ListenerConfig listener : routes.listeners()) {
            all.addAll(listener.certificates());
        }
        return List.copyOf(all);
    }

    private void open(SocketKey key, PortRoutes routes, KeyStore keys) throws Exception {
        OpenSocket current = sockets.get(key);
        if (current != null) {
            if (keys != null) {
                current.built().tls().reload(tls -> tls.setKeyStore(keys));
                sockets.put(key, new OpenSocket(current.built(), true, certificates(routes)));
            }
            return;
        }
        int socketPort = options.socketPort(key.specPort());
        Connectors.Built built = routes.secure()
                ? Connectors.secure(server, key, socketPort, options, keys)
                : Connectors.plain(server, key, socketPort, options);
        server.addConnector(built.connector());
        try {
            SocketBinding.open(built.connector(), BIND_BUDGET);
            if (!built.connector().isStarted()) {
                built.connector().start();
            }
        } catch (Exception e) {
            built.connector().stop();
            server.removeConnector(built.connector());
            throw e;
        }
        sockets.put(key, new OpenSocket(built, routes.secure(), routes.secure() ? certificates(routes) : List.of()));
    }

    private void close(SocketKey key) {
        OpenSocket open = sockets.remove(key);
        try {
            open.built().connector().stop();
        } catch (Exception e) {
            LOG.warn("closing {} failed: {}", key, e.toString());
        }
        server.removeConnector(open.built().connector());
    }

    /** Each socket pins an acceptor and a selector thread; workers come on top. */
    private void resizePool(int socketCount) {
        int max = options.workerThreads() + 2 * socketCount;
        if (max > threads.getMaxThreads()) {
            threads.setMaxThreads(max);
        }
    }

    /** The config being served, or null before the first apply. */
    public LiveConfig live() {
        return live.get();
    }

    /** The config whose listener sockets are open (what readiness reports), or null before the first apply. */
    public LiveConfig listening() {
        return listening;
    }

    /** What the proxy refused of the configs it was given (shown on /ready and /metrics). */
    public ConfigRefusals refusals() {
        return refusals;
    }

    public ProxyServerOptions options() {
        return options;
    }

    public GatewayMetrics metrics() {
        return metrics;
    }

    /** The local port a socket is bound to, or -1 when it is not open. */
    public synchronized int boundPort(SocketKey key) {
        OpenSocket open = sockets.get(key);
        return open == null ? -1 : open.built().connector().getLocalPort();
    }

    @Override
    public synchronized void close() {
        try {
            server.stop();
        } catch (Exception e) {
            LOG.warn("stopping the proxy server failed: {}", e.toString());
        }
        sockets.clear();
        forwarder.close();
    }
}
