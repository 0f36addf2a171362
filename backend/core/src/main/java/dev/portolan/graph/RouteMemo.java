package dev.portolan.graph;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portolan.model.ResourceChanges;
import dev.portolan.model.ResourceKey;
import dev.portolan.model.ResourceSet;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The route views of the last graph, so that a rebuild after an HTTPRoute change resolves only the routes that
 * changed. A route's view (attachment, rules, backends) depends on the route itself and on everything that is not an
 * HTTPRoute (Gateways, their classes and listeners, namespaces, Services, EndpointSlices, ReferenceGrants, Secrets,
 * policies), never on other routes; so views are reused while every non-route object is the same object as before
 * (see {@code TypedCache}, which keeps an object's typed form while its content stays) and the controller name is
 * the same, and all are forgotten otherwise. Keyed by the typed route object. It also keeps the last graph with what
 * building it needed ({@link Kept}): when the {@code ResourceSet} says only HTTPRoutes changed since the set that
 * graph was built from, {@link RoutePatch} patches it instead of building it again. Not thread-safe: the snapshot
 * thread.
 */
public final class RouteMemo {
    private String controllerName;
    private List<Object> environment = List.of();
    private Map<HTTPRoute, Optional<RouteView>> known = new IdentityHashMap<>();
    private Map<HTTPRoute, Optional<RouteView>> next = new IdentityHashMap<>();
    /** The status built for a view, with the generation it was built for. */
    private Map<RouteView, Status> statuses = new IdentityHashMap<>();
    private Map<RouteView, Status> nextStatuses = new IdentityHashMap<>();

    /** The last graph and what building it kept, which a rebuild after HTTPRoute changes only patches. */
    private Kept kept;

    private record Status(Long generation, ObjectNode status) {
    }

    /**
     * What the last build kept beside its graph: the accepted Gateways with their listeners (whose attached routes
     * a patch changes in place: the graph's views are copies), conditions and addresses, and the Services' uses.
     */
    record Kept(ResourceSet resources, ResourceGraph graph, Map<ResourceKey, Gateway> gateways,
                Map<ResourceKey, List<ListenerState>> listeners, Map<ResourceKey, List<Condition>> gatewayConditions,
                Map<ResourceKey, Optional<String>> addresses, ServiceUses services) {
    }

    /** Starts a build; forgets every view when anything but an HTTPRoute changed. */
    void begin(ResourceSet resources, String controller) {
        boolean onlyRoutesChanged = kept != null && resources.changesSince(kept.resources())
                .map(ResourceChanges::onlyHttpRoutes).orElse(false);
        kept = null;
        List<Object> now = resources.allButHttpRoutes();
        if (!controller.equals(controllerName) || !onlyRoutesChanged && !sameObjects(now, environment)) {
            known = new IdentityHashMap<>();
            statuses = new IdentityHashMap<>();
        }
        controllerName = controller;
        environment = now;
        next = new IdentityHashMap<>();
        nextStatuses = new IdentityHashMap<>();
    }

    /** The last build's graph and state, when it was built with this controller name. */
    Kept kept(String controller) {
        return controller.equals(controllerName) ? kept : null;
    }

    /** Remembers a build for the next to patch (the state is the memo's from now on). */
    void keep(Kept state) {
        kept = state;
    }

    /** Forgets everything (a patch failed half-way). */
    void forget() {
        kept = null;
        controllerName = null;
        known = new IdentityHashMap<>();
        statuses = new IdentityHashMap<>();
    }

    /** A patch replaced {@code before} (null when new) by {@code after} (null when gone), built as {@code view}. */
    void replaced(HTTPRoute before, RouteView oldView, HTTPRoute after, Optional<RouteView> view, Long generation,
                  ObjectNode status) {
        if (before != null) {
            known.remove(before);
        }
        if (oldView != null) {
            statuses.remove(oldView);
        }
        if (after != null) {
            known.put(after, view);
        }
        if (status != null) {
            statuses.put(view.orElseThrow(), new Status(generation, status));
        }
    }

    /**
     * The status of a reused view at the same generation: the same tree as last time (never mutated), so that the
     * status write-back sees at a glance that it has nothing new. Its conditions' {@code lastTransitionTime} is when
     * they were first computed, which is when they last transitioned unless the stored status was changed by
     * someone else meanwhile (the write-back keeps stored times for unchanged conditions anyway).
     */
    ObjectNode status(RouteView view, Long generation, java.util.function.Supplier<ObjectNode> build) {
        Status known = statuses.get(view);
        ObjectNode status = known != null && java.util.Objects.equals(known.generation(), generation)
                ? known.status() : build.get();
        nextStatuses.put(view, new Status(generation, status));
        return status;
    }

    /** The view built for this very route object under the same environment, or null when unknown. */
    Optional<RouteView> get(HTTPRoute route) {
        return known.get(route);
    }

    void put(HTTPRoute route, Optional<RouteView> view) {
        next.put(route, view);
    }

    /** Ends a build: its views are what the next may reuse (routes gone since are dropped). */
    void end() {
        known = next;
        next = new IdentityHashMap<>();
        statuses = nextStatuses;
        nextStatuses = new IdentityHashMap<>();
    }

    private static boolean sameObjects(List<Object> a, List<Object> b) {
        if (a == b) {
            return true;
        }
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
