package dev.portolan.web;

import dev.portolan.embedded.EmbeddedDataPlane;
import dev.portolan.proxy.config.GatewayConfig;
import dev.portolan.proxy.config.ListenerConfig;
import dev.portolan.proxy.listen.LiveConfig;
import dev.portolan.proxy.listen.ProxyServer;
import dev.portolan.proxy.listen.SocketKey;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the embedded proxy serves right now, for the overview: its config version and, per Gateway, the address and
 * each listener's spec port, socket port and whether the socket is open. Mirrors the proxy's admin view.
 */
public final class ProxyState {
    private ProxyState() {
    }

    public static Map<String, Object> of(Optional<EmbeddedDataPlane> dataPlane) {
        Map<String, Object> out = new LinkedHashMap<>();
        LiveConfig live = dataPlane.map(plane -> plane.proxy().live()).orElse(null);
        out.put("running", dataPlane.isPresent());
        out.put("configVersion", live == null ? null : live.version());
        List<Map<String, Object>> gateways = new ArrayList<>();
        if (live != null) {
            ProxyServer proxy = dataPlane.get().proxy();
            List<GatewayConfig> sorted = new ArrayList<>(live.config().gateways());
            sorted.sort(Comparator.comparing((GatewayConfig g) -> g.namespace() + "/" + g.name()));
            for (GatewayConfig gateway : sorted) {
                gateways.add(gateway(proxy, gateway));
            }
        }
        out.put("gateways", gateways);
        return out;
    }

    private static Map<String, Object> gateway(ProxyServer proxy, GatewayConfig gateway) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("gateway", gateway.namespace() + "/" + gateway.name());
        out.put("address", gateway.address());
        List<Map<String, Object>> listeners = new ArrayList<>();
        List<ListenerConfig> sorted = new ArrayList<>(gateway.listeners());
        sorted.sort(Comparator.comparingInt(ListenerConfig::port).thenComparing(ListenerConfig::name));
        for (ListenerConfig listener : sorted) {
            Map<String, Object> l = new LinkedHashMap<>();
            l.put("name", listener.name());
            l.put("protocol", listener.protocol().name());
            l.put("specPort", listener.port());
            l.put("socketPort", proxy.options().socketPort(listener.port()));
            l.put("open", proxy.boundPort(new SocketKey(gateway.address(), listener.port())) > 0);
            l.put("routes", listener.routes().size());
            listeners.add(l);
        }
        out.put("listeners", listeners);
        return out;
    }
}
