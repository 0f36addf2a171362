package dev.portolan.web;

import dev.portolan.controlplane.EmbeddedDataPlane;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the embedded proxy serves right now, for the overview: its config version and, per Gateway, the address and
 * each listener's spec port, socket port and whether the socket is open. Read from the proxy's own admin view
 * ({@code GET /admin/gateways}), so the overview and the admin endpoint cannot disagree; this only reshapes it.
 */
public final class ProxyState {
    /** The listener fields the overview shows, in its order. */
    private static final List<String> LISTENER_FIELDS =
            List.of("name", "protocol", "specPort", "socketPort", "open", "routes");

    private ProxyState() {
    }

    public static Map<String, Object> of(Optional<EmbeddedDataPlane> dataPlane) {
        Map<String, Object> view = dataPlane.map(EmbeddedDataPlane::gatewaysView).orElse(Map.of());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("running", dataPlane.isPresent());
        out.put("configVersion", view.get("configVersion"));
        List<Map<String, Object>> gateways = new ArrayList<>();
        for (Object gateway : (List<?>) view.getOrDefault("gateways", List.of())) {
            gateways.add(gateway((Map<?, ?>) gateway));
        }
        out.put("gateways", gateways);
        return out;
    }

    private static Map<String, Object> gateway(Map<?, ?> gateway) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("gateway", gateway.get("namespace") + "/" + gateway.get("name"));
        out.put("address", gateway.get("address"));
        List<Map<String, Object>> listeners = new ArrayList<>();
        for (Object listener : (List<?>) gateway.get("listeners")) {
            Map<String, Object> l = new LinkedHashMap<>();
            for (String field : LISTENER_FIELDS) {
                l.put(field, ((Map<?, ?>) listener).get(field));
            }
            listeners.add(l);
        }
        out.put("listeners", listeners);
        return out;
    }
}
