package dev.portolan.policy;

import dev.portolan.model.ResourceKey;
import dev.portolan.model.ResourceSet;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Each route's share of the last policy report, so that a rebuild after an HTTPRoute change computes only that
 * route's effective policies and timeouts. A route's share depends on the route and on objects that are not
 * HTTPRoutes (policies, Gateways, their classes, namespaces), never on other routes; so shares are reused while
 * every non-route object is the same object as before (see {@code TypedCache}) under the same options, and all are
 * forgotten otherwise. Keyed by the typed route object. Not thread-safe: the snapshot thread.
 */
public final class PolicyMemo {
    /** What a route adds to the Services it sends traffic to, in the order it adds it. */
    sealed interface BackendCall permits Add, Inherit {
    }

    record Add(ResourceKey service, String gateway, List<MergedPolicy> policies) implements BackendCall {
    }

    record Inherit(ResourceKey service, List<InheritedPolicy> policies) implements BackendCall {
    }

    /** One route's part of a report. */
    record RouteShare(ObjectPolicies view, List<EffectiveRuleTimeouts> timeouts, List<BackendCall> backendCalls) {
    }

    private PolicyOptions options;
    private List<Object> environment = List.of();
    private Map<HTTPRoute, RouteShare> known = new IdentityHashMap<>();
    private Map<HTTPRoute, RouteShare> next = new IdentityHashMap<>();

    void begin(ResourceSet resources, PolicyOptions now) {
        List<Object> objects = resources.allButHttpRoutes();
        if (!now.equals(options) || !sameObjects(objects, environment)) {
            known = new IdentityHashMap<>();
        }
        options = now;
        environment = objects;
        next = new IdentityHashMap<>();
    }

    RouteShare get(HTTPRoute route) {
        return known.get(route);
    }

    void put(HTTPRoute route, RouteShare share) {
        next.put(route, share);
    }

    void end() {
        known = next;
        next = new IdentityHashMap<>();
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
