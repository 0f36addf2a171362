package dev.portolan.proxy.admin;

import dev.portolan.proxy.config.GatewayConfig;
import dev.portolan.proxy.config.ListenerConfig;
import dev.portolan.proxy.listen.LiveConfig;
import dev.portolan.proxy.listen.ProxyServer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The body of {@code GET /admin/gateways}: what each Gateway listens on, under which config version. {@code address}
 * is the Gateway's address from the config, {@code listenAddress} the one its sockets are bound to.
 */
public final class GatewaysView {
    private GatewaysView() {
    }

    public static Map<String, Object> of(ProxyServer proxy) {
        LiveConfig live = proxy.live();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("configVersion", live == null ? null : live.version());
        List<Object> gateways = new ArrayList<>();
        if (live != null) {
            List<GatewayConfig> sorted = new ArrayList<>(live.config().gateways());
            sorted.sort((a, b) -> (a.namespace() + "/" + a.name()).compareTo(b.namespace() + "/" + b.name()));
            for (GatewayConfig gateway : sorted) {
                gateways.add(gateway(proxy, live, gateway));
            }
        }
        body.put("gateways", gateways);
        return body;
    }

    private static Map<String, Object> gateway(ProxyServer proxy, LiveConfig live, GatewayConfig gateway) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("namespace", gateway.namespace());
        out.put("name", gateway.name());
        out.put("address", gateway.address());
        // where the sockets really are: differs from the address when the proxy binds an override (in a pod)
        out.put("listenAddress", proxy.options().bindAddress(gateway));
        out.put("configVersion", live.version());
        out.put("infrastructureLabels", gateway.infrastructureLabels());
        out.put("infrastructureAnnotations", gateway.infrastructureAnnotations());
        List<Object> listeners = new ArrayList<>();
        List<ListenerConfig> sorted = new ArrayList<>(gateway.listeners());
        sorted.sort((a, b) -> a.port() != b.port() ? Integer.compare(a.port(), b.port())
                : a.name().compareTo(b.name()));
        for (ListenerConfig listener : sorted) {
            Map<String, Object> l = new LinkedHashMap<>();
            l.put("name", listener.name());
            l.put("protocol", listener.protocol().name());
            l.put("hostname", listener.hostname());
            l.put("specPort", listener.port());
            l.put("socketPort", proxy.options().socketPort(listener.port()));
            l.put("open", proxy.boundPort(proxy.options().socketKey(gateway, listener.port())) > 0);
            l.put("routes", listener.routes().size());
            listeners.add(l);
        }
        out.put("listeners", listeners);
        return out;
    }
}
