package dev.portolan.proxy.listen;

import dev.portolan.proxy.config.BackendConfig;
import dev.portolan.proxy.config.GatewayConfig;
import dev.portolan.proxy.config.ListenerConfig;
import dev.portolan.proxy.config.RouteConfig;
import dev.portolan.proxy.observe.ListenerCounters;
import dev.portolan.proxy.observe.RequestStats;
import dev.portolan.proxy.routing.RouteMatch;
import dev.portolan.proxy.routing.RouteTable;
import java.util.List;
import java.util.Map;

/**
 * Everything a request on one socket needs, compiled ahead of time.
 *
 * @param counters     request counters per listener name
 * @param unmatched    counters for requests whose host no listener of this port accepts
 * @param routeStats   per listener, per route: keyed by the very config objects the route table matches with
 *                     (identity maps, so a request's lookup hashes no strings or records)
 * @param backendStats per backend object of this port's rules, likewise by identity
 */
public record PortRoutes(
        GatewayConfig gateway,
        int specPort,
        boolean secure,
        List<ListenerConfig> listeners,
        RouteTable table,
        Map<String, ListenerCounters> counters,
        ListenerCounters unmatched,
        Map<ListenerConfig, Map<RouteConfig, RequestStats>> routeStats,
        Map<BackendConfig, RequestStats> backendStats) {

    ListenerCounters countersFor(ListenerConfig listener) {
        return listener == null ? unmatched : counters.getOrDefault(listener.name(), unmatched);
    }

    /** The matched route's series, or null if the match is not from this port's config (cannot happen). */
    RequestStats routeStats(RouteMatch match) {
        Map<RouteConfig, RequestStats> byRoute = routeStats.get(match.listener());
        return byRoute == null ? null : byRoute.get(match.route());
    }

    RequestStats backendStats(BackendConfig backend) {
        return backendStats.get(backend);
    }
}
