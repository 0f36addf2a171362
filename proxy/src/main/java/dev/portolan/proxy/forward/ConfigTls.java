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
import java.util.List;
import java.util.Set;

/** The distinct backend TLS settings a config uses (rule backends and mirror targets). Pure. */
final class ConfigTls {

    private ConfigTls() {
    }

    static Set<UpstreamTls> of(ProxyConfig config) {
        Set<UpstreamTls> out = new HashSet<>();
        for (GatewayConfig gateway : config.gateways()) {
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
