package dev.portolan.policy;

import dev.portolan.model.ResourceKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.pcollections.TreePMap;

/**
 * Every route's share of a policy report, indexed the ways the report reads them: by route (in key order, the order
 * of {@code ResourceSet.httpRoutes()}), the routes attached to each Gateway, the routes reaching each Service, and
 * how many routes each namespace holds. Adding or removing one route says which Gateways and Services it touches, so
 * that a report can be patched for those alone. Not thread-safe: the snapshot thread.
 */
final class RouteShares {
    /** Persistent, so that a report can hold the shares of its moment ({@link #snapshot}) without a copy. */
    private TreePMap<ResourceKey, PolicyMemo.RouteShare> byRoute = TreePMap.empty();
    private final Map<ResourceKey, SortedSet<ResourceKey>> attached = new HashMap<>();
    private final Map<ResourceKey, SortedMap<ResourceKey, PolicyMemo.RouteShare>> byService = new HashMap<>();
    private final Map<String, Integer> routesPerNamespace = new HashMap<>();

    /** Adds a route not present; records the Gateways and Services whose views it changes. */
    void add(PolicyMemo.RouteShare share, Set<ResourceKey> touchedGateways, Set<ResourceKey> touchedServices) {
        ResourceKey route = share.view().object();
        byRoute = byRoute.plus(route, share);
        for (ResourceKey gateway : share.gateways()) {
            attached.computeIfAbsent(gateway, k -> new TreeSet<>()).add(route);
            touchedGateways.add(gateway);
        }
        for (PolicyMemo.BackendCall call : share.backendCalls()) {
            byService.computeIfAbsent(call.service(), k -> new TreeMap<>()).put(route, share);
            touchedServices.add(call.service());
        }
        routesPerNamespace.merge(route.namespace(), 1, Integer::sum);
    }

    /** Removes a route, if present, and returns its share (else null); records what it touched, as {@link #add}. */
    PolicyMemo.RouteShare remove(ResourceKey route, Set<ResourceKey> touchedGateways,
                                 Set<ResourceKey> touchedServices) {
        PolicyMemo.RouteShare share = byRoute.get(route);
        if (share == null) {
            return null;
        }
        byRoute = byRoute.minus(route);
        for (ResourceKey gateway : share.gateways()) {
            SortedSet<ResourceKey> routes = attached.get(gateway);
            routes.remove(route);
            if (routes.isEmpty()) {
                attached.remove(gateway);
            }
            touchedGateways.add(gateway);
        }
        for (PolicyMemo.BackendCall call : share.backendCalls()) {
            SortedMap<ResourceKey, PolicyMemo.RouteShare> routes = byService.get(call.service());
            if (routes != null) {
                routes.remove(route);
                if (routes.isEmpty()) {
                    byService.remove(call.service());
                }
            }
            touchedServices.add(call.service());
        }
        routesPerNamespace.computeIfPresent(route.namespace(), (ns, n) -> n == 1 ? null : n - 1);
        return share;
    }

    /** Shares in route key order. */
    Iterable<PolicyMemo.RouteShare> all() {
        return byRoute.values();
    }

    /** The shares now, in route key order; later adds and removes do not change it. */
    TreePMap<ResourceKey, PolicyMemo.RouteShare> snapshot() {
        return byRoute;
    }

    int size() {
        return byRoute.size();
    }

    /** Routes whose parentRefs name this Gateway (and it exists), sorted. */
    List<ResourceKey> attachedTo(ResourceKey gateway) {
        SortedSet<ResourceKey> routes = attached.get(gateway);
        return routes == null ? List.of() : new ArrayList<>(routes);
    }

    /** Shares of the routes that send traffic to this Service, in route key order. */
    Iterable<PolicyMemo.RouteShare> reaching(ResourceKey service) {
        SortedMap<ResourceKey, PolicyMemo.RouteShare> routes = byService.get(service);
        return routes == null ? List.of() : routes.values();
    }

    /** {@code others} with every namespace that holds a route. */
    SortedSet<String> namespacesWith(Set<String> others) {
        SortedSet<String> all = new TreeSet<>(others);
        all.addAll(routesPerNamespace.keySet());
        return all;
    }
}
