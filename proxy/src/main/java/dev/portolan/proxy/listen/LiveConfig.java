package dev.portolan.proxy.listen;

import dev.portolan.proxy.config.BackendConfig;
import dev.portolan.proxy.config.GatewayConfig;
import dev.portolan.proxy.config.ListenerConfig;
import dev.portolan.proxy.config.Protocol;
import dev.portolan.proxy.config.ProxyConfig;
import dev.portolan.proxy.config.RouteConfig;
import dev.portolan.proxy.config.WeightedBackend;
import dev.portolan.proxy.observe.GatewayMetrics;
import dev.portolan.proxy.observe.ListenerCounters;
import dev.portolan.proxy.observe.RequestStats;
import dev.portolan.proxy.routing.RouteTable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One immutable version of what the proxy serves: the config and, per socket, its compiled routes. A request
 * reads it once, so it sees exactly one version from start to end.
 */
public final class LiveConfig {
    private final ProxyConfig config;
    private final SortedMap<SocketKey, PortRoutes> ports;
    private final Map<String, PortRoutes> byConnectorName;

    private LiveConfig(ProxyConfig config, SortedMap<SocketKey, PortRoutes> ports) {
        this.config = config;
        this.ports = ports;
        Map<String, PortRoutes> byName = new HashMap<>();
        ports.forEach((key, routes) -> byName.put(key.toString(), routes));
        this.byConnectorName = Map.copyOf(byName);
    }

    /**
     * Compiles every (bind address, port) of the config; the bind address is the Gateway's own unless
     * {@code options} override it. Throws {@link IllegalArgumentException} naming the Gateway and port when the
     * config cannot be served: a Gateway without address (and no override), two Gateways on one socket, or HTTP and
     * HTTPS listeners sharing a port.
     */
    public static LiveConfig compile(ProxyConfig config, GatewayMetrics metrics, ProxyServerOptions options) {
        SortedMap<SocketKey, PortRoutes> ports = new TreeMap<>();
        Map<SocketKey, String> owners = new HashMap<>();
        for (GatewayConfig gateway : config.gateways()) {
            SortedMap<SocketKey, PortRoutes> compiled = compileGateway(gateway, owners, metrics, options);
            compiled.keySet().forEach(key -> owners.put(key, key(gateway)));
            ports.putAll(compiled);
        }
        return new LiveConfig(config, ports);
    }

    /** A config whose sockets were compiled one Gateway at a time (see {@link IsolatedCompile}). */
    static LiveConfig assembled(ProxyConfig config, SortedMap<SocketKey, PortRoutes> ports) {
        return new LiveConfig(config, new TreeMap<>(ports));
    }

    /** "namespace/name" of a Gateway, as messages, metrics and refusals name it. */
    public static String key(GatewayConfig gateway) {
        return gateway.namespace() + "/" + gateway.name();
    }

    /**
     * One Gateway's sockets, checked against the sockets other Gateways already hold ({@code owners}, not
     * changed here).
     *
     * @throws IllegalArgumentException naming the Gateway and port when they cannot be served
     */
    static SortedMap<SocketKey, PortRoutes> compileGateway(GatewayConfig gateway, Map<SocketKey, String> owners,
                                                           GatewayMetrics metrics, ProxyServerOptions options) {
        return compileGateway(gateway, owners, metrics, options, List.of());
    }

    /**
     * As {@link #compileGateway(GatewayConfig, Map, GatewayMetrics, ProxyServerOptions)}, reusing what the
     * Gateway's {@code previous} sockets (compiled with the same {@code metrics}) hold for the config objects that
     * did not change: the compiled rule matches of each route object, and its series (a series is named by the
     * Gateway, listener name and route or backend name, all fixed for a given object, and lives as long as the
     * metrics). The result is the same as compiling without them; only the allocations differ.
     */
    static SortedMap<SocketKey, PortRoutes> compileGateway(GatewayConfig gateway, Map<SocketKey, String> owners,
                                                           GatewayMetrics metrics, ProxyServerOptions options,
                                                           Collection<PortRoutes> previous) {
        SortedMap<SocketKey, PortRoutes> ports = new TreeMap<>();
        String gatewayKey = key(gateway);
        String bindAddress = options.bindAddress(gateway);
        if (bindAddress == null || bindAddress.isBlank()) {
            throw new IllegalArgumentException("Gateway " + gatewayKey + ".address: required to open listeners");
        }
        Map<Integer, List<ListenerConfig>> byPort = new TreeMap<>();
        for (ListenerConfig listener : gateway.listeners()) {
            byPort.computeIfAbsent(listener.port(), p -> new ArrayList<>()).add(listener);
        }
        SeriesBefore seriesBefore = new SeriesBefore(previous);
        List<RouteTable> tablesBefore = new ArrayList<>(previous.size());
        previous.forEach(p -> tablesBefore.add(p.table()));
        for (Map.Entry<Integer, List<ListenerConfig>> entry : byPort.entrySet()) {
            SocketKey key = new SocketKey(bindAddress, entry.getKey());
            String previousOwner = owners.get(key);
            if (previousOwner != null) {
                throw new IllegalArgumentException("Gateways " + previousOwner + " and " + gatewayKey
                        + " both listen on " + key + (options.bindAddressOverride() == null
                                ? "; each Gateway needs its own address"
                                : " (every Gateway binds the override address); give each Gateway its own"
                                        + " proxy or drop the override"));
            }
            List<ListenerConfig> listeners = List.copyOf(entry.getValue());
            boolean secure = secureOf(gatewayKey, entry.getKey(), listeners);
            Map<String, ListenerCounters> counters = new HashMap<>();
            for (ListenerConfig listener : listeners) {
                counters.put(listener.name(), metrics.counters(gateway, listener.name()));
            }
            Map<ListenerConfig, Map<RouteConfig, RequestStats>> routeStats = new IdentityHashMap<>(listeners.size());
            Map<BackendConfig, RequestStats> backendStats = new IdentityHashMap<>(seriesBefore.backendCount());
            for (ListenerConfig listener : listeners) {
                Map<RouteConfig, RequestStats> routesBefore = seriesBefore.routes(listener.name());
                List<RouteConfig> routes = listener.routes();
                Map<RouteConfig, RequestStats> byRoute = new IdentityHashMap<>(routes.size());
                // indexed loops: these run per route and rule, and the lists' iterators were a good part of the garbage
                for (int r = 0; r < routes.size(); r++) {
                    RouteConfig route = routes.get(r);
                    RequestStats stats = routesBefore == null ? null : routesBefore.get(route);
                    byRoute.put(route, stats != null ? stats : metrics.route(gateway, listener.name(), route.key()));
                    for (int i = 0; i < route.rules().size(); i++) {
                        List<WeightedBackend> backends = route.rules().get(i).backends();
                        for (int b = 0; b < backends.size(); b++) {
                            BackendConfig backend = backends.get(b).backend();
                            if (!backendStats.containsKey(backend)) {
                                RequestStats before = seriesBefore.backend(backend);
                                backendStats.put(backend,
                                        before != null ? before : metrics.backend(gateway, backend.name()));
                            }
                        }
                    }
                }
                routeStats.put(listener, Collections.unmodifiableMap(byRoute));
            }
            ports.put(key, new PortRoutes(gateway, entry.getKey(), secure, listeners,
                    RouteTable.compile(listeners, tablesBefore), Map.copyOf(counters),
                    metrics.unmatched(gateway, entry.getKey()), Collections.unmodifiableMap(routeStats),
                    Collections.unmodifiableMap(backendStats)));
        }
        return ports;
    }

    /** The series a Gateway's previous sockets attached to route objects (per listener name) and backend objects. */
    private static final class SeriesBefore {
        private final Map<String, Map<RouteConfig, RequestStats>> routesByListener = new HashMap<>();
        private final Collection<PortRoutes> previous;

        SeriesBefore(Collection<PortRoutes> previous) {
            this.previous = previous;
            previous.forEach(p -> p.routeStats().forEach((listener, byRoute) ->
                    routesByListener.put(listener.name(), byRoute)));
        }

        /** By route object (identity), or null. */
        Map<RouteConfig, RequestStats> routes(String listener) {
            return routesByListener.get(listener);
        }

        RequestStats backend(BackendConfig backend) {
            for (PortRoutes p : previous) {
                RequestStats stats = p.backendStats().get(backend);
                if (stats != null) {
                    return stats;
                }
            }
            return null;
        }

        int backendCount() {
            int count = 0;
            for (PortRoutes p : previous) {
                count += p.backendStats().size();
            }
            return count;
        }
    }

    private static boolean secureOf(String gatewayKey, int port, List<ListenerConfig> listeners) {
        Protocol first = listeners.get(0).protocol();
        for (ListenerConfig listener : listeners) {
            if (listener.protocol() != first) {
                throw new IllegalArgumentException("Gateway " + gatewayKey + " port " + port + ": listeners "
                        + listeners.get(0).name() + " (" + first + ") and " + listener.name() + " ("
                        + listener.protocol() + ") cannot share one socket");
            }
        }
        return first == Protocol.HTTPS;
    }

    public ProxyConfig config() {
        return config;
    }

    public String version() {
        return config.version();
    }

    /** Sockets in address, port order. */
    public SortedMap<SocketKey, PortRoutes> ports() {
        return Collections.unmodifiableSortedMap(ports);
    }

    /** The routes of the connector with this name (see {@link SocketKey#toString()}), or null. */
    PortRoutes forConnector(String connectorName) {
        return connectorName == null ? null : byConnectorName.get(connectorName);
    }
}
