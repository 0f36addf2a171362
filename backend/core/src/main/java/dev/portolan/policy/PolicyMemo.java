package dev.portolan.policy;

import dev.portolan.model.ResourceKey;
import dev.portolan.model.ResourceSet;
import java.util.List;
import java.util.SortedSet;

/**
 * The last policy report with each route's share of it ({@link RouteShares}), so that a rebuild after HTTPRoute
 * changes computes only the changed routes' effective policies and patches the views they touch (their Gateways,
 * Services and namespaces) into the last report, instead of walking every route. A route's share depends on the
 * route and on objects that are not HTTPRoutes (policies, Gateways, their classes, namespaces, Services), never on
 * other routes; so the report is patched while every non-route object is the same object as before (see
 * {@code TypedCache}) under the same options, and computed from scratch otherwise. Not thread-safe: the snapshot
 * thread.
 */
public final class PolicyMemo {
    /** What a route adds to the Services it sends traffic to, in the order it adds it. */
    sealed interface BackendCall permits Add, Inherit {
        ResourceKey service();
    }

    record Add(ResourceKey service, String gateway, List<MergedPolicy> policies) implements BackendCall {
    }

    record Inherit(ResourceKey service, List<InheritedPolicy> policies) implements BackendCall {
    }

    /**
     * One route's part of a report.
     *
     * @param gateways the Gateways its parentRefs name that exist, sorted
     */
    record RouteShare(ObjectPolicies view, List<EffectiveRuleTimeouts> timeouts, List<BackendCall> backendCalls,
                      List<ResourceKey> gateways) {
    }

    /** What the last computation left (with the set it read, which the next asks what changed since); null while
     * there is nothing to patch. */
    record Last(ResourceSet resources, RouteShares shares, SortedSet<String> nonRouteNamespaces,
                PolicyReport report) {
    }

    private PolicyOptions options;
    private List<Object> environment = List.of();
    private Last last;

    /**
     * Starts a computation: returns what the last one left when it may be patched (same options, same non-route
     * objects), else null. Whatever it returns is given up: a computation that fails leaves nothing to patch.
     */
    Last begin(ResourceSet resources, PolicyOptions now) {
        List<Object> objects = resources.allButHttpRoutes();
        Last previous = last;
        last = null;
        if (!now.equals(options) || !sameObjects(objects, environment)) {
            previous = null;
        }
        options = now;
        environment = objects;
        return previous;
    }

    void end(Last computed) {
        last = computed;
    }

    private static boolean sameObjects(List<Object> a, List<Object> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (a.get(i) != b.get(i)) {
                return false;
            }
        }
        return true;
    }
}
