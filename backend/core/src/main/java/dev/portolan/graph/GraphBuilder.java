package dev.portolan.graph;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portolan.model.ApiGroups;
import dev.portolan.model.ResourceChanges;
import dev.portolan.model.ResourceKey;
import dev.portolan.model.ResourceSet;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayClass;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayInfrastructure;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ParentReference;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Builds the resource graph: GatewayClasses, then Gateways and their listeners, then routes (attachment, backends),
 * then attached-route counts and statuses. Pure: reads only its arguments.
 */
public final class GraphBuilder {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(GraphBuilder.class);

    private GraphBuilder() {
    }

    public static ResourceGraph build(ResourceSet resources, GraphOptions options) {
        return build(resources, options, null);
    }

    /** Like {@link #build(ResourceSet, GraphOptions)}, reusing the views of unchanged routes from {@code memo}. */
    public static ResourceGraph build(ResourceSet resources, GraphOptions options, RouteMemo memo) {
        RouteMemo.Kept kept = memo == null ? null : memo.kept(options.controllerName());
        ResourceChanges changes = kept == null ? null : resources.changesSince(kept.resources()).orElse(null);
        if (changes != null && changes.onlyHttpRoutes() && sameAddresses(kept, options)) {
            try {
                return RoutePatch.apply(resources, options, memo, kept, changes);
            } catch (RuntimeException e) {
                // a route the graph cannot read: building it all again leaves it out and says so
                memo.forget();
                kept = null;
                changes = null;
            }
        }
        if (memo != null) {
            memo.begin(resources, options.controllerName());
        }
        boolean anyLeftOut = false;
        SortedMap<ResourceKey, ObjectNode> statuses = new TreeMap<>();
        Map<String, GatewayClass> acceptedClasses = new HashMap<>();
        for (GatewayClass gatewayClass : resources.gatewayClasses()) {
            if (gatewayClass.getSpec() == null || !options.controllerName().equals(gatewayClass.getSpec().getControllerName())) {
                continue;
            }
            Condition accepted = GatewayClassStatusBuilder.accepted(gatewayClass, resources);
            if (accepted.status()) {
                acceptedClasses.put(gatewayClass.getMetadata().getName(), gatewayClass);
            }
            statuses.put(keyOf(gatewayClass.getMetadata().getName(), ApiGroups.GATEWAY_CLASS, ""),
                    GatewayClassStatusBuilder.status(gatewayClass, accepted, options.now()));
        }

        ListenerResolver listenerResolver = new ListenerResolver(resources);
        Map<ResourceKey, Gateway> gateways = new TreeMap<>();
        Map<ResourceKey, List<ListenerState>> listeners = new HashMap<>();
        Map<ResourceKey, List<Condition>> gatewayConditions = new HashMap<>();
        Map<ResourceKey, Optional<String>> addresses = new HashMap<>();
        for (Gateway gateway : resources.gateways()) {
            if (gateway.getSpec() == null || !acceptedClasses.containsKey(gateway.getSpec().getGatewayClassName())) {
                continue;
            }
            ResourceKey key = keyOf(gateway.getMetadata().getName(), ApiGroups.GATEWAY_KIND, gateway.getMetadata().getNamespace());
            try {
                List<ListenerState> states = listenerResolver.resolve(gateway);
                Optional<String> address = options.gatewayAddress().apply(key);
                List<Condition> conditions = GatewayStatusBuilder.conditions(gateway, states, address, resources);
                gateways.put(key, gateway);
                listeners.put(key, states);
                addresses.put(key, address);
                gatewayConditions.put(key, conditions);
            } catch (RuntimeException e) {
                leftOut(key, e);
                anyLeftOut = true;
            }
        }

        SortedMap<ResourceKey, RouteView> routes = new TreeMap<>();
        ServiceUses serviceUses = new ServiceUses();
        RouteAttacher attacher = new RouteAttacher(resources);
        RouteRulesResolver rulesResolver = new RouteRulesResolver(new BackendResolver(resources));
        for (HTTPRoute route : resources.httpRoutes()) {
            ResourceKey key = keyOf(route.getMetadata().getName(), ApiGroups.HTTP_ROUTE, route.getMetadata().getNamespace());
            try {
                Optional<RouteView> built = memo == null ? null : memo.get(route);
                if (built == null) {
                    built = buildRoute(key, route, gateways.keySet(), listeners, attacher, rulesResolver);
                } else {
                    built.ifPresent(view -> attachAgain(view, listeners));
                }
                if (memo != null) {
                    memo.put(route, built);
                }
                built.ifPresent(view -> {
                    Long generation = route.getMetadata().getGeneration();
                    ObjectNode status = memo == null
                            ? RouteStatusBuilder.status(view, options.controllerName(), generation, options.now())
                            : memo.status(view, generation, () -> RouteStatusBuilder.status(view,
                                    options.controllerName(), generation, options.now()));
                    routes.put(key, view);
                    statuses.put(key, status);
                    serviceUses.count(view, 1, null);
                });
            } catch (RuntimeException e) {
                leftOut(key, e);
                anyLeftOut = true;
            }
        }

        if (memo != null) {
            memo.end();
        }
        SortedMap<ResourceKey, GatewayView> gatewayViews = new TreeMap<>();
        for (Map.Entry<ResourceKey, Gateway> entry : gateways.entrySet()) {
            GatewayView view = gatewayView(entry.getKey(), entry.getValue(), listeners.get(entry.getKey()),
                    gatewayConditions.get(entry.getKey()), addresses.get(entry.getKey()));
            gatewayViews.put(entry.getKey(), view);
            statuses.put(entry.getKey(), GatewayStatusBuilder.status(view,
                    entry.getValue().getMetadata().getGeneration(), options.now()));
        }
        ReferenceIndex references = changes == null ? ReferenceIndex.of(resources)
                : kept.graph().references().patched(resources, changes);
        ResourceGraph graph = new ResourceGraph(statuses, gatewayViews, routes, serviceUses.all(), references);
        if (memo != null && !anyLeftOut) {
            memo.keep(new RouteMemo.Kept(resources, graph, gateways, listeners, gatewayConditions, addresses,
                    serviceUses));
        }
        return graph;
    }

    private static boolean sameAddresses(RouteMemo.Kept kept, GraphOptions options) {
        for (Map.Entry<ResourceKey, Optional<String>> entry : kept.addresses().entrySet()) {
            if (!options.gatewayAddress().apply(entry.getKey()).equals(entry.getValue())) {
                return false;
            }
        }
        return true;
    }

    /**
     * An object the graph cannot read despite validation is a bug: it is left out (it gets no status and attaches
     * nothing) and logged loudly, and every other object is still built, so one object never stops all changes.
     */
    private static void leftOut(ResourceKey key, RuntimeException e) {
        LOG.error("graph: {} is left out because reading it failed (a validation gap; please report it)", key, e);
    }

    static Optional<RouteView> buildRoute(ResourceKey key, HTTPRoute route, java.util.Set<ResourceKey> ourGateways,
                                                  Map<ResourceKey, List<ListenerState>> listeners,
                                                  RouteAttacher attacher, RouteRulesResolver rulesResolver) {
        if (route.getSpec() == null || route.getSpec().getParentRefs() == null) {
            return Optional.empty();
        }
        RouteRulesResolver.Result rules = null;
        List<ParentView> parents = new ArrayList<>();
        for (ParentReference ref : route.getSpec().getParentRefs()) {
            String group = ref.getGroup() == null ? ApiGroups.GATEWAY : ref.getGroup();
            String kind = ref.getKind() == null ? ApiGroups.GATEWAY_KIND : ref.getKind();
            String namespace = ref.getNamespace() == null || ref.getNamespace().isEmpty() ? key.namespace() : ref.getNamespace();
            ResourceKey gateway = ResourceKey.of(group, kind, namespace, ref.getName());
            if (!ourGateways.contains(gateway)) {
                continue;
            }
            if (rules == null) {
                rules = rulesResolver.resolve(key, route);
            }
            RouteAttacher.Attachment attachment = attacher.attach(route, gateway, ref, listeners.get(gateway));
            Condition accepted = attachment.accepted();
            if (accepted.status() && rules.valueProblem().isPresent()) {
                accepted = Condition.isFalse(Conditions.ACCEPTED, "UnsupportedValue", rules.valueProblem().get());
            }
            boolean attached = accepted.status();
            if (attached) {
                for (ListenerState listener : listeners.get(gateway)) {
                    if (attachment.hostnamesByListener().containsKey(listener.name())) {
                        listener.attachedRoutes = listener.attachedRoutes.plus(key);
                    }
                }
            }
            parents.add(new ParentView(gateway, ref.getSectionName(), ref.getPort(),
                    List.of(accepted, rules.resolvedRefs()),
                    attached ? attachment.hostnamesByListener() : new TreeMap<>()));
        }
        if (parents.isEmpty()) {
            return Optional.empty();
        }
        List<String> hostnames = route.getSpec().getHostnames() == null ? List.of() : List.copyOf(route.getSpec().getHostnames());
        return Optional.of(new RouteView(key, hostnames, List.copyOf(parents), rules.rules()));
    }

    /** What building the route did to its listeners, for a view reused from the memo. */
    static void attachAgain(RouteView view, Map<ResourceKey, List<ListenerState>> listeners) {
        for (ParentView parent : view.parents()) {
            for (ListenerState listener : listeners.get(parent.gateway())) {
                // only attached parents have listeners here (see buildRoute)
                if (parent.hostnamesByListener().containsKey(listener.name())) {
                    listener.attachedRoutes = listener.attachedRoutes.plus(view.key());
                }
            }
        }
    }

    static GatewayView gatewayView(ResourceKey key, Gateway gateway, List<ListenerState> listeners,
                                           List<Condition> conditions, Optional<String> address) {
        GatewayInfrastructure infrastructure = gateway.getSpec().getInfrastructure();
        Map<String, String> labels = infrastructure == null || infrastructure.getLabels() == null
                ? Map.of() : infrastructure.getLabels();
        Map<String, String> annotations = infrastructure == null || infrastructure.getAnnotations() == null
                ? Map.of() : infrastructure.getAnnotations();
        return new GatewayView(key, gateway.getSpec().getGatewayClassName(),
                address.map(List::of).orElse(List.of()),
                java.util.Collections.unmodifiableSortedMap(new TreeMap<>(labels)),
                java.util.Collections.unmodifiableSortedMap(new TreeMap<>(annotations)),
                conditions, listeners.stream().map(ListenerState::toView).toList());
    }

    static ResourceKey keyOf(String name, String kind, String namespace) {
        return ResourceKey.of(ApiGroups.GATEWAY, kind, namespace, name);
    }
}
