package dev.portolan.controlplane;

import dev.portolan.distribute.ConfigPublisher;
import dev.portolan.distribute.PublishedConfig;
import dev.portolan.proxy.admin.AdminServer;
import dev.portolan.proxy.admin.GatewaysView;
import dev.portolan.proxy.forward.Forwarder;
import dev.portolan.proxy.listen.ApplyResult;
import dev.portolan.proxy.listen.ConfigRefusals;
import dev.portolan.proxy.listen.ProxyServer;
import dev.portolan.proxy.listen.ProxyServerOptions;
import dev.portolan.proxy.observe.GatewayMetrics;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The proxy in the control plane's JVM (embedded mode, or Kubernetes mode with an in-process proxy): every config the
 * publisher hands out is applied directly (no HTTP hop).
 * A Gateway the proxy refuses keeps its previous config while the others move on (see ProxyServer#apply); refusals
 * are logged, counted on the admin /metrics, make /ready say "degraded" and are listed on the overview.
 */
public final class EmbeddedDataPlane implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDataPlane.class);
    private final ProxyServer proxy;
    private final AdminServer admin;

    private EmbeddedDataPlane(ProxyServer proxy, AdminServer admin) {
        this.proxy = proxy;
        this.admin = admin;
    }

    /**
     * Starts the proxy and its admin endpoint and follows the publisher.
     *
     * @param adminPort the admin endpoint's port on 127.0.0.1; 0 picks a free one, -1 turns it off
     */
    public static EmbeddedDataPlane start(ConfigPublisher publisher, Forwarder forwarder, ProxyServerOptions options,
                                          int adminPort) throws Exception {
        ProxyServer proxy = new ProxyServer(forwarder, options, new GatewayMetrics());
        try {
            proxy.start();
        } catch (Exception e) {
            proxy.close();
            throw e;
        }
        AdminServer admin = adminPort >= 0 ? startAdmin(proxy, adminPort) : null;
        EmbeddedDataPlane dataPlane = new EmbeddedDataPlane(proxy, admin);
        publisher.subscribe(dataPlane::apply);
        LOG.info("embedded proxy up: listener ports are spec port + {}{}", options.portOffset(),
                admin == null ? "" : ", admin on http://127.0.0.1:" + admin.port() + "/admin/gateways");
        return dataPlane;
    }

    /** The admin endpoint is a convenience: when its port is taken, say so and run without it. */
    private static AdminServer startAdmin(ProxyServer proxy, int port) {
        AdminServer admin = new AdminServer(proxy, AdminServer.DEFAULT_HOST, port);
        try {
            admin.start();
            return admin;
        } catch (Exception e) {
            LOG.error("proxy admin endpoint cannot listen on {}:{} ({}); running without it. Set "
                    + "portolan.proxy.admin-port to a free port, 0 for any, -1 for none", AdminServer.DEFAULT_HOST,
                    port, e.getMessage());
            try {
                admin.close();
            } catch (Exception ignored) {
                // nothing was started
            }
            return null;
        }
    }

    private void apply(PublishedConfig published) {
        try {
            ApplyResult result = proxy.apply(published.config());
            result.openFailures().forEach((socket, reason) -> LOG.warn(
                    "proxy config version {}: socket {} is not open: {}", result.version(), socket, reason));
            // Refused Gateways are logged by the proxy and listed on the overview (ProxyRefusals).
        } catch (RuntimeException e) {
            LOG.error("proxy refused config version {}; still serving the previous one: {}", published.version(),
                    e.getMessage());
        }
    }

    public ProxyServer proxy() {
        return proxy;
    }

    /** What the proxy serves now, as its admin endpoint shows it ({@code GET /admin/gateways}). */
    public Map<String, Object> gatewaysView() {
        return GatewaysView.of(proxy);
    }

    /** What the proxy refused of the latest config it was offered; empty before the first. */
    public Optional<ConfigRefusals.Latest> latestRefusals() {
        return Optional.ofNullable(proxy.refusals().latest());
    }

    /** The admin endpoint's port, or -1 when it is off. */
    public int adminPort() {
        return admin == null ? -1 : admin.port();
    }

    @Override
    public void close() {
        if (admin != null) {
            try {
                admin.close();
            } catch (Exception e) {
                LOG.warn("stopping the proxy admin endpoint failed: {}", e.toString());
            }
        }
        proxy.close();
    }
}
