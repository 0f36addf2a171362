package dev.portolan.proxy.listen;

import dev.portolan.proxy.admin.ListenerCounters;
import dev.portolan.proxy.config.GatewayConfig;
import dev.portolan.proxy.config.ListenerConfig;
import dev.portolan.proxy.routing.RouteTable;
import java.util.List;
import java.util.Map;

/**
 * Everything a request on one socket needs, compiled ahead of time.
 *
 * @param counters  request counters per listener name
 * @param unmatched counters for requests whose host no listener of this port accepts
 */
public record PortRoutes(
        GatewayConfig gateway,
        int specPort,
        boolean secure,
        List<ListenerConfig> listeners,
        RouteTable table,
        Map<String, ListenerCounters> counters,
        ListenerCounters unmatched) {

    ListenerCounters countersFor(ListenerConfig listener) {
        return listener == null ? unmatched : counters.getOrDefault(listener.name(), unmatched);
    }
}
