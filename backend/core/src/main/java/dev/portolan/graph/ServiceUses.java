package dev.portolan.graph;

import dev.portolan.model.ResourceKey;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * How many resolved backends of accepted route parents send each Service's traffic through each Gateway: what
 * {@link ResourceGraph#gatewaysByService()} is made of, counted so that taking one route out (a route changed) only
 * drops a Gateway from a Service when no other route still uses it there. Mutable; kept by {@link RouteMemo}.
 */
final class ServiceUses {
    private final Map<ResourceKey, Map<ResourceKey, Integer>> counts = new HashMap<>();

    /** Counts the route's uses in ({@code sign} 1) or out (-1), noting the Services whose Gateways may change. */
    void count(RouteView route, int sign, Collection<ResourceKey> touched) {
        for (ParentView parent : route.parents()) {
            if (!parent.accepted()) {
                continue;
            }
            for (RuleView rule : route.rules()) {
                count(rule.backends(), parent.gateway(), sign, touched);
                count(rule.mirrors(), parent.gateway(), sign, touched);
            }
        }
    }

    private void count(List<BackendView> backends, ResourceKey gateway, int sign, Collection<ResourceKey> touched) {
        for (BackendView backend : backends) {
            if (!backend.resolved()) {
                continue;
            }
            Map<ResourceKey, Integer> byGateway = counts.computeIfAbsent(backend.service(), s -> new HashMap<>(4));
            int now = byGateway.getOrDefault(gateway, 0) + sign;
            if (now == 0) {
                byGateway.remove(gateway);
                if (byGateway.isEmpty()) {
                    counts.remove(backend.service());
                }
            } else {
                byGateway.put(gateway, now);
            }
            if (touched != null) {
                touched.add(backend.service());
            }
        }
    }

    /** The Gateways using {@code service}, sorted; null when none does. */
    SortedSet<ResourceKey> gateways(ResourceKey service) {
        Map<ResourceKey, Integer> byGateway = counts.get(service);
        return byGateway == null ? null : new TreeSet<>(byGateway.keySet());
    }

    /** Every Service with the Gateways using it. */
    SortedMap<ResourceKey, SortedSet<ResourceKey>> all() {
        SortedMap<ResourceKey, SortedSet<ResourceKey>> out = new TreeMap<>();
        for (ResourceKey service : counts.keySet()) {
            out.put(service, gateways(service));
        }
        return out;
    }
}
