package dev.portolan.api.trace;

import dev.portolan.proxy.config.GatewayConfig;
import dev.portolan.proxy.config.ProxyConfig;
import dev.portolan.proxy.routing.RouteTable;
import java.util.Map;
import java.util.TreeMap;

/**
 * A published ProxyConfig with the RouteTables the proxy compiles from it (one per Gateway port), built once per
 * config version so that every trace uses exactly the proxy's matching code.
 *
 * @param tables {@code namespace/name} of each Gateway → spec port → table
 */
public record CompiledConfig(ProxyConfig config, Map<String, Map<Integer, RouteTable>> tables) {

    public static CompiledConfig of(ProxyConfig config) {
        Map<String, Map<Integer, RouteTable>> tables = new TreeMap<>();
        for (GatewayConfig gateway : config.gateways()) {
            tables.put(gateway.namespace() + "/" + gateway.name(), RouteTable.compilePorts(gateway));
        }
        return new CompiledConfig(config, Map.copyOf(tables));
    }

    public String version() {
        return config.version();
    }
}
