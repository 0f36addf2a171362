package dev.portolan.graph;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portolan.model.ResourceChanges;
import dev.portolan.model.VersionedMap;
import dev.portolan.model.ResourceKey;
import dev.portolan.model.ResourceSet;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;

/**
 * The graph after changes to HTTPRoutes only, from the last one: each changed route is taken out (its listener
 * attachments, status and Service uses) and built again; then only the Gateways whose listeners gained or lost a
 * route get a new view and status, and only the Services whose uses changed a new set of Gateways. Everything else
 * (GatewayClasses, the other Gateways, every unchanged route) is the last graph's, since a route's view depends on
 * no other route. The result is what {@link GraphBuilder#build} gives from scratch (IncrementalRebuildTest).
 */
final class RoutePatch {
    private RoutePatch() {
    }

    static ResourceGraph apply(ResourceSet resources, GraphOptions options, RouteMemo memo, RouteMemo.Kept kept,
                               ResourceChanges changes) {
        ResourceGraph last = kept.graph();
        if (changes.isEmpty()) {
            memo.keep(withGraph(kept, resources, last));
            return last;
        }
        // persistent maps: each put copies the path to one entry, not the last graph's thousands of entries
        VersionedMap<ResourceKey, ObjectNode> statuses = VersionedMap.of(last.statuses());
        VersionedMap<ResourceKey, RouteView> routes = VersionedMap.of(last.routes());
        Set<ResourceKey> touchedGateways = new HashSet<>();
        Set<ResourceKey> touchedServices = new HashSet<>();
        RouteAttacher attacher = new RouteAttacher(resources);
        RouteRulesResolver rulesResolver = new RouteRulesResolver(new BackendResolver(resources));
        for (ResourceKey changed : changes.keys()) {
            HTTPRoute before = kept.resources().get(changed, HTTPRoute.class).orElse(null);
            RouteView oldView = null;
            if (before != null) {
                ResourceKey key = routeKey(before);
                oldView = routes.get(key);
                if (oldView != null) {
                    routes = routes.minus(key);
                    statuses = statuses.minus(key);
                    detach(oldView, kept.listeners(), touchedGateways);
                    kept.services().count(oldView, -1, touchedServices);
                }
            }
            HTTPRoute after = resources.get(changed, HTTPRoute.class).orElse(null);
            Optional<RouteView> built = Optional.empty();
            ObjectNode status = null;
            Long generation = null;
            if (after != null) {
                ResourceKey key = routeKey(after);
                built = GraphBuilder.buildRoute(key, after, kept.gateways().keySet(), kept.listeners(), attacher,
                        rulesResolver);
                if (built.isPresent()) {
                    RouteView view = built.get();
                    generation = after.getMetadata().getGeneration();
                    status = RouteStatusBuilder.status(view, options.controllerName(), generation, options.now());
                    routes = routes.plus(key, view);
                    statuses = statuses.plus(key, status);
                    attachedGateways(view, touchedGateways);
                    kept.services().count(view, 1, touchedServices);
                }
            }
            memo.replaced(before, oldView, after, built, generation, status);
        }
        VersionedMap<ResourceKey, GatewayView> gatewayViews = VersionedMap.of(last.gateways());
        for (ResourceKey gateway : touchedGateways) {
            GatewayView view = GraphBuilder.gatewayView(gateway, kept.gateways().get(gateway),
                    kept.listeners().get(gateway), kept.gatewayConditions().get(gateway),
                    kept.addresses().get(gateway));
            gatewayViews = gatewayViews.plus(gateway, view);
            statuses = statuses.plus(gateway, GatewayStatusBuilder.status(view,
                    kept.gateways().get(gateway).getMetadata().getGeneration(), options.now()));
        }
        VersionedMap<ResourceKey, SortedSet<ResourceKey>> gatewaysByService = VersionedMap.of(last.gatewaysByService());
        for (ResourceKey service : touchedServices) {
            SortedSet<ResourceKey> gateways = kept.services().gateways(service);
            if (gateways == null) {
                gatewaysByService = gatewaysByService.minus(service);
            } else if (!gateways.equals(gatewaysByService.get(service))) {
                gatewaysByService = gatewaysByService.plus(service, gateways);
            }
        }
        ResourceGraph graph = new ResourceGraph(statuses, gatewayViews, routes, gatewaysByService,
                last.references().patched(resources, changes));
        memo.keep(withGraph(kept, resources, graph));
        return graph;
    }

    private static RouteMemo.Kept withGraph(RouteMemo.Kept kept, ResourceSet resources, ResourceGraph graph) {
        return new RouteMemo.Kept(resources, graph, kept.gateways(), kept.listeners(), kept.gatewayConditions(),
                kept.addresses(), kept.services());
    }

    /** Undoes what building the view did to its listeners. */
    private static void detach(RouteView view, Map<ResourceKey, List<ListenerState>> listeners,
                               Set<ResourceKey> touchedGateways) {
        for (ParentView parent : view.parents()) {
            if (parent.hostnamesByListener().isEmpty()) {
                continue;
            }
            touchedGateways.add(parent.gateway());
            for (ListenerState listener : listeners.get(parent.gateway())) {
                if (parent.hostnamesByListener().containsKey(listener.name())) {
                    listener.attachedRoutes = listener.attachedRoutes.minus(view.key());
                }
            }
        }
    }

    private static void attachedGateways(RouteView view, Set<ResourceKey> touchedGateways) {
        for (ParentView parent : view.parents()) {
            if (!parent.hostnamesByListener().isEmpty()) {
                touchedGateways.add(parent.gateway());
            }
        }
    }

    private static ResourceKey routeKey(HTTPRoute route) {
        return GraphBuilder.keyOf(route.getMetadata().getName(), dev.portolan.model.ApiGroups.HTTP_ROUTE,
                route.getMetadata().getNamespace());
    }
}
