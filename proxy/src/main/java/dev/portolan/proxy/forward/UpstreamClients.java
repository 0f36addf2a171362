package dev.portolan.proxy.forward;

import dev.portolan.proxy.config.BackendConfig;
import dev.portolan.proxy.config.BackendProtocol;
import dev.portolan.proxy.config.UpstreamTls;
import dev.portolan.proxy.edge.EdgeSettings;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.HttpClientTransport;
import org.eclipse.jetty.client.transport.HttpClientTransportOverHTTP;
import org.eclipse.jetty.http.HttpCookieStore;
import org.eclipse.jetty.http2.client.HTTP2Client;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;
import org.eclipse.jetty.util.thread.Scheduler;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pooled upstream clients: one for HTTP/1.1, one for h2c (prior knowledge) and one per distinct backend TLS
 * setting. All share one small thread pool and scheduler; each uses a single selector, which measured faster
 * here than Jetty's defaults. TLS clients no longer referenced by the config are stopped after a grace period
 * so that requests still in flight under the previous config can finish.
 */
final class UpstreamClients implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(UpstreamClients.class);
    static final long RETIRE_AFTER_MILLIS = 60_000;

    /** A TLS client, or why none could be built (the backend then answers 503, never plaintext). */
    record TlsClient(HttpClient client, String problem) {
    }

    private final QueuedThreadPool threads;
    private final Scheduler scheduler;
    private final HttpClient http1;
    private final HttpClient h2c;
    private final Map<UpstreamTls, TlsClient> tlsClients = new ConcurrentHashMap<>();
    private final Map<HttpClient, WebSocketClient> webSocketClients = new ConcurrentHashMap<>();
    private final Set<HttpClient> retiring = ConcurrentHashMap.newKeySet();
    private final UpstreamSettings settings;
    private final Http1Pool http1Pool;
    private final OwnUpstreamSelector ownSelector;

    UpstreamClients(UpstreamSettings settings) {
        this.settings = settings;
        threads = new QueuedThreadPool(64, 4);
        threads.setName("portolan-upstream");
        scheduler = new ScheduledExecutorScheduler("portolan-upstream-scheduler", true);
        try {
            threads.start();
            scheduler.start();
            http1Pool = new Http1Pool(settings, scheduler);
            ownSelector = new OwnUpstreamSelector(threads, scheduler);
            ownSelector.start();
            http1 = start(new HttpClientTransportOverHTTP(connector(null)));
            h2c = start(new AuthorityPreservingTransport(new HTTP2Client(connector(null))));
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the upstream HTTP clients: " + e.getMessage(), e);
        }
    }

    /** Whether requests of this client carry the client's authority and name the endpoint separately. */
    boolean keepsAuthority(org.eclipse.jetty.client.HttpClient client) {
        return client == h2c;
    }

    Scheduler scheduler() {
        return scheduler;
    }

    /** Keep-alive connections of the lean upstream to plain HTTP/1.1 backends. */
    Http1Pool http1Pool() {
        return http1Pool;
    }

    /** The lean upstream's selector for requests whose connector has none to offer. */
    UpstreamSelectors ownSelector() {
        return ownSelector;
    }

    /** The client for a usable backend's protocol and TLS setting. */
    TlsClient clientFor(BackendConfig backend) {
        if (backend.tls() != null) {
            return tlsClients.computeIfAbsent(backend.tls(), this::newTlsClient);
        }
        return new TlsClient(backend.protocol() == BackendProtocol.H2C ? h2c : http1, null);
    }

    WebSocketClient webSocketClient(HttpClient httpClient) {
        return webSocketClients.computeIfAbsent(httpClient, client -> {
            WebSocketClient ws = new WebSocketClient(client);
            try {
                ws.start();
            } catch (Exception e) {
                throw new IllegalStateException("cannot start the upstream WebSocket client: " + e.getMessage(), e);
            }
            return ws;
        });
    }

    /** Builds clients for the TLS settings a new config needs; retires the ones it no longer mentions. */
    void prepare(Set<UpstreamTls> needed) {
        for (UpstreamTls tls : needed) {
            tlsClients.computeIfAbsent(tls, this::newTlsClient);
        }
        for (UpstreamTls old : Set.copyOf(tlsClients.keySet())) {
            if (!needed.contains(old)) {
                TlsClient retired = tlsClients.remove(old);
                if (retired != null && retired.client() != null) {
                    retiring.add(retired.client());
                    scheduler.schedule(() -> {
                        if (retiring.remove(retired.client())) {
                            stop(retired.client());
                        }
                    }, RETIRE_AFTER_MILLIS, TimeUnit.MILLISECONDS);
                }
            }
        }
    }

    int tlsClientCount() {
        return tlsClients.size();
    }

    private TlsClient newTlsClient(UpstreamTls tls) {
        try {
            SslContextFactory.Client ssl = UpstreamTlsContexts.create(tls);
            return new TlsClient(start(new HttpClientTransportOverHTTP(connector(ssl))), null);
        } catch (Exception e) {
            LOG.warn("backend TLS for sni {} cannot be used: {}", tls.sni(), e.getMessage());
            return new TlsClient(null, e.getMessage());
        }
    }

    private ClientConnector connector(SslContextFactory.Client ssl) {
        ClientConnector connector = new ClientConnector();
        connector.setSelectors(1);
        connector.setExecutor(threads);
        connector.setScheduler(scheduler);
        if (ssl != null) {
            connector.setSslContextFactory(ssl);
        }
        return connector;
    }

    private HttpClient start(HttpClientTransport transport) throws Exception {
        HttpClient client = new HttpClient(transport);
        client.setExecutor(threads);
        client.setScheduler(scheduler);
        client.setFollowRedirects(false);
        client.setUserAgentField(null);
        client.setHttpCookieStore(new HttpCookieStore.Empty());
        client.setConnectTimeout(5_000);
        client.setIdleTimeout(60_000);
        client.setMaxConnectionsPerDestination(settings.maxConnectionsPerEndpoint());
        client.setMaxRequestsQueuedPerDestination(settings.maxQueuedPerEndpoint());
        // Whatever header block the listener accepted (EdgeSettings caps it at 1 MiB) plus the forwarding
        // headers this proxy adds; only requests that outgrow the first buffer use this much.
        client.setMaxRequestHeadersSize(EdgeSettings.MAX_REQUEST_HEADER_BYTES_LIMIT + 16 * 1024);
        client.start();
        // Bodies pass through untouched: no Accept-Encoding added, no decoding.
        client.getContentDecoderFactories().clear();
        return client;
    }

    private void stop(HttpClient client) {
        try {
            WebSocketClient ws = webSocketClients.remove(client);
            if (ws != null) {
                ws.stop();
            }
            client.stop();
        } catch (Exception e) {
            LOG.debug("stopping an upstream client failed", e);
        }
    }

    @Override
    public void close() {
        tlsClients.values().forEach(t -> {
            if (t.client() != null) {
                stop(t.client());
            }
        });
        tlsClients.clear();
        for (HttpClient client : Set.copyOf(retiring)) {
            if (retiring.remove(client)) {
                stop(client);
            }
        }
        stop(http1);
        stop(h2c);
        try {
            ownSelector.stop();
            scheduler.stop();
            threads.stop();
        } catch (Exception e) {
            LOG.debug("stopping the upstream threads failed", e);
        }
    }
}
