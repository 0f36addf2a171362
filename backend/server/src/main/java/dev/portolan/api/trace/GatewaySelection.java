package dev.portolan.api.trace;

import dev.portolan.api.problem.ApiException;
import dev.portolan.graph.GatewayView;
import dev.portolan.model.ApiGroups;
import dev.portolan.model.ResourceKey;
import dev.portolan.proxy.config.GatewayConfig;
import dev.portolan.proxy.config.ListenerConfig;
import dev.portolan.pipeline.ComputedState;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/** The Gateway and port a traced request reaches; a 400 naming the field when there is none. */
record GatewaySelection(GatewayConfig gateway, int port, List<ListenerConfig> listeners) {

    String gatewayName() {
        return gateway.namespace() + "/" + gateway.name();
    }

    static GatewaySelection select(TraceRequest request, CompiledConfig compiled, ComputedState computed) {
        GatewayConfig gateway = request.gateway() != null
                ? byName(request.gateway(), compiled, computed)
                : byAddress(request, compiled);
        TreeSet<Integer> ports = new TreeSet<>();
        gateway.listeners().forEach(l -> ports.add(l.port()));
        String name = gateway.namespace() + "/" + gateway.name();
        int port;
        if (request.port() != null) {
            if (!ports.contains(request.port())) {
                throw ApiException.badRequest("Gateway/" + name, "port", "Gateway " + name + " has no programmed "
                        + "listener on port " + request.port() + " (ports: " + ports + ")");
            }
            port = request.port();
        } else if (ports.size() == 1) {
            port = ports.first();
        } else {
            throw ApiException.badRequest("Gateway/" + name, "port", ports.isEmpty()
                    ? "Gateway " + name + " has no programmed listener"
                    : "Gateway " + name + " listens on ports " + ports + "; say which one");
        }
        List<ListenerConfig> onPort = gateway.listeners().stream().filter(l -> l.port() == port).toList();
        return new GatewaySelection(gateway, port, onPort);
    }

    private static GatewayConfig byName(String name, CompiledConfig compiled, ComputedState computed) {
        Optional<GatewayConfig> found = compiled.config().gateways().stream()
                .filter(g -> (g.namespace() + "/" + g.name()).equals(name)).findFirst();
        if (found.isPresent()) {
            return found.get();
        }
        String[] parts = name.split("/", 2);
        ResourceKey key = ResourceKey.of(ApiGroups.GATEWAY, ApiGroups.GATEWAY_KIND, parts[0], parts[1]);
        GatewayView view = computed.graph().gateways().get(key);
        String reason = view == null
                ? "Gateway " + name + " does not exist or does not belong to a Portolan GatewayClass"
                : "Gateway " + name + " is not programmed (see its status conditions), so the proxy does not serve it";
        throw ApiException.badRequest(key.toString(), "gateway", reason);
    }

    private static GatewayConfig byAddress(TraceRequest request, CompiledConfig compiled) {
        List<GatewayConfig> matches = compiled.config().gateways().stream()
                .filter(g -> request.address().equals(g.address()))
                .filter(g -> request.port() == null || g.listeners().stream().anyMatch(l -> l.port() == request.port()))
                .toList();
        if (matches.isEmpty()) {
            throw ApiException.badRequest(null, "address", "no programmed Gateway has address " + request.address()
                    + (request.port() == null ? "" : " with a listener on port " + request.port()));
        }
        return matches.get(0);
    }
}
