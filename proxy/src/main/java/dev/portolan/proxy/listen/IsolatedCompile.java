package dev.portolan.proxy.listen;

import dev.portolan.proxy.config.GatewayConfig;
import dev.portolan.proxy.config.ProxyConfig;
import dev.portolan.proxy.observe.GatewayMetrics;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Compiles a config one Gateway at a time, so that a Gateway the proxy cannot serve (a key that does not fit its
 * certificate, a socket another Gateway holds, HTTP and HTTPS on one port) is refused alone: it keeps the version it
 * served before (or is left out if it had none) while every other Gateway moves to the new config. The control plane
 * validates the same things first, so a refusal here means the two disagree: a bug to make loud, not to hide.
 */
final class IsolatedCompile {

    /** Builds the key store of a secure socket when its certificates changed (null when unchanged); throws when unusable. */
    @FunctionalInterface
    interface KeyStores {
        KeyStore changed(SocketKey key, PortRoutes routes);
    }

    /**
     * @param live      what to serve: the new config minus refused Gateways, plus their previous versions
     * @param keyStores new key stores of secure sockets whose certificates changed
     * @param refused   Gateway "namespace/name" to why it was refused, in name order; empty when all is well
     */
    record Result(LiveConfig live, Map<SocketKey, KeyStore> keyStores, SortedMap<String, String> refused) {
    }

    private IsolatedCompile() {
    }

    static Result compile(ProxyConfig config, LiveConfig previous, GatewayMetrics metrics, ProxyServerOptions options,
                          KeyStores keyStores) {
        Map<String, GatewayConfig> before = new HashMap<>();
        if (previous != null) {
            previous.config().gateways().forEach(g -> before.put(LiveConfig.key(g), g));
        }
        Compiled compiled = new Compiled(previous, metrics, options);
        Map<SocketKey, String> owners = new HashMap<>();
        SortedMap<SocketKey, PortRoutes> ports = new TreeMap<>();
        Map<SocketKey, KeyStore> stores = new HashMap<>();
        List<GatewayConfig> served = new ArrayList<>();
        SortedMap<String, String> refused = new TreeMap<>();
        for (GatewayConfig gateway : config.gateways()) {
            try {
                admit(gateway, owners, ports, stores, served, compiled, keyStores);
            } catch (RuntimeException e) {
                String key = LiveConfig.key(gateway);
                refused.put(key, e.getMessage());
                GatewayConfig last = before.get(key);
                if (last != null && !last.equals(gateway)) {
                    try {
                        admit(last, owners, ports, stores, served, compiled, keyStores);
                    } catch (RuntimeException stillBad) {
                        // e.g. another Gateway took its socket meanwhile: it stays out until it can be served
                    }
                }
            }
        }
        LiveConfig live = LiveConfig.assembled(new ProxyConfig(config.version(), served), ports);
        return new Result(live, stores, Collections.unmodifiableSortedMap(refused));
    }

    /**
     * A Gateway's compiled sockets: those it was served with before when its config is unchanged (a swap then costs
     * only the Gateways that changed), else compiled now.
     */
    private static final class Compiled {
        private final Map<String, GatewayConfig> servedBefore = new HashMap<>();
        private final Map<String, SortedMap<SocketKey, PortRoutes>> portsBefore = new HashMap<>();
        private final GatewayMetrics metrics;
        private final ProxyServerOptions options;

        Compiled(LiveConfig previous, GatewayMetrics metrics, ProxyServerOptions options) {
            this.metrics = metrics;
            this.options = options;
            if (previous != null) {
                previous.config().gateways().forEach(g -> servedBefore.put(LiveConfig.key(g), g));
                previous.ports().forEach((key, routes) -> portsBefore
                        .computeIfAbsent(LiveConfig.key(routes.gateway()), k -> new TreeMap<>()).put(key, routes));
            }
        }

        /** The config to serve for {@code gateway} (the previous instance when equal) and its sockets. */
        Map.Entry<GatewayConfig, SortedMap<SocketKey, PortRoutes>> of(GatewayConfig gateway,
                                                                      Map<SocketKey, String> owners) {
            String key = LiveConfig.key(gateway);
            GatewayConfig before = servedBefore.get(key);
            SortedMap<SocketKey, PortRoutes> reusable = portsBefore.get(key);
            if (before != null && reusable != null && (before == gateway || before.equals(gateway))
                    && reusable.keySet().stream().allMatch(socket -> !owners.containsKey(socket)
                            && socket.address().equals(options.bindAddress(gateway)))) {
                // the route tables and metrics maps are keyed by the config objects they were built from
                return Map.entry(before, reusable);
            }
            // unchanged routes of a changed Gateway keep their compiled matches and series
            return Map.entry(gateway, LiveConfig.compileGateway(gateway, owners, metrics, options,
                    reusable == null ? List.of() : reusable.values()));
        }
    }

    /** Adds the Gateway's sockets only when all of them can be served. */
    private static void admit(GatewayConfig candidate, Map<SocketKey, String> owners,
                              SortedMap<SocketKey, PortRoutes> ports, Map<SocketKey, KeyStore> stores,
                              List<GatewayConfig> served, Compiled compiled, KeyStores keyStores) {
        Map.Entry<GatewayConfig, SortedMap<SocketKey, PortRoutes>> admitted = compiled.of(candidate, owners);
        GatewayConfig gateway = admitted.getKey();
        SortedMap<SocketKey, PortRoutes> own = admitted.getValue();
        Map<SocketKey, KeyStore> ownStores = new HashMap<>();
        own.forEach((key, routes) -> {
            if (routes.secure()) {
                KeyStore store = keyStores.changed(key, routes);
                if (store != null) {
                    ownStores.put(key, store);
                }
            }
        });
        own.keySet().forEach(key -> owners.put(key, LiveConfig.key(gateway)));
        ports.putAll(own);
        stores.putAll(ownStores);
        served.add(gateway);
    }
}
