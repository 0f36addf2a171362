package dev.portolan.proxy.forward;

import dev.portolan.proxy.config.BackendConfig;
import dev.portolan.proxy.config.FilterConfig;
import dev.portolan.proxy.config.GatewayConfig;
import dev.portolan.proxy.config.ListenerConfig;
import dev.portolan.proxy.config.ProxyConfig;
import dev.portolan.proxy.config.RouteConfig;
import dev.portolan.proxy.config.RuleConfig;
import dev.portolan.proxy.config.UpstreamTls;
import dev.portolan.proxy.config.WeightedBackend;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The distinct backend TLS settings a config uses (rule backends and mirror targets). Each Gateway's settings are
 * kept while its config is the same object ({@link #of}), so a new config walks only the routes of the Gateways it
 * changed: the control plane hands unchanged Gateways' config objects on.
 */
final class ConfigTls {
    private Map<GatewayConfig, Set<UpstreamTls>> byGateway = new IdentityHashMap<>();

    /** The settings {@code config} uses, walking only Gateways not seen in the last config asked for. */
    synchronized Set<UpstreamTls> of(ProxyConfig config) {
        Map<GatewayConfig, Set<UpstreamTls>> now = new IdentityHashMap<>();
        Set<UpstreamTls> out = new HashSet<>();
        for (GatewayConfig gateway : config.gateways()) {
            Set<UpstreamTls> own = byGateway.get(gateway);
            if (own == null) {
                own = of(gateway);
            }
            now.put(gateway, own);
            out.addAll(own);
        }
        byGateway = now;
        return out;
    }

    static Set<UpstreamTls> of(GatewayConfig gateway) {
        Set<UpstreamTls> out = new HashSet<>();
        for (ListenerConfig listener : gateway.listeners()) {
            for (RouteConfig route : listener.routes()) {
                for (RuleConfig rule : route.rules()) {
                    addMirrors(rule.filters(), out);
                    for (WeightedBackend backend : rule.backends()) {
                        add(backend.backend(), out);
                        addMirrors(backend.filters(), out);
                    }
                }
            }
        }
        return out;
    }

    private static void addMirrors(List<FilterConfig> filters, Set<UpstreamTls> out) {
        for (FilterConfig filter : filters) {
            if (filter instanceof FilterConfig.RequestMirror mirror) {
                add(mirror.backend(), out);
            }
        }
    }

    private static void add(BackendConfig backend, Set<UpstreamTls> out) {
        if (backend.tls() != null && backend.tls().problem() == null) {
            out.add(backend.tls());
        }
    }
}
