package dev.portolan.graph;

import dev.portolan.model.ResourceKey;
import dev.portolan.model.ResourceSet;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ParentReference;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Attaches a route to the listeners one parentRef selects: sectionName and port first (NoMatchingParent), then
 * allowedRoutes kinds and namespaces (NotAllowedByListeners), then hostname intersection
 * (NoMatchingListenerHostname). A route attaches only to listeners whose hostname intersects its own, which is what
 * keeps listeners isolated from each other.
 */
final class RouteAttacher {
    private final ResourceSet resources;

    RouteAttacher(ResourceSet resources) {
        this.resources = resources;
    }

    /** The Accepted condition and, when accepted, the listeners with the hostnames served there. */
    record Attachment(Condition accepted, SortedMap<String, List<String>> hostnamesByListener) {
    }

    Attachment attach(HTTPRoute route, ResourceKey gateway, ParentReference ref, List<ListenerState> listeners) {
        String parent = "parentRef Gateway " + gateway.namespacedName()
                + (ref.getSectionName() == null ? "" : " sectionName " + ref.getSectionName())
                + (ref.getPort() == null ? "" : " port " + ref.getPort());
        List<ListenerState> selected = listeners.stream()
                .filter(l -> ref.getSectionName() == null || ref.getSectionName().equals(l.name()))
                .filter(l -> ref.getPort() == null || ref.getPort() == l.port())
                .toList();
        if (selected.isEmpty()) {
            return refused("NoMatchingParent", parent + ": no listener matches");
        }
        String routeNamespace = route.getMetadata().getNamespace();
        List<ListenerState> allowed = selected.stream()
                .filter(l -> l.supportedKinds.contains(ListenerResolver.HTTP_ROUTE))
                .filter(l -> AllowedRoutes.allowsNamespace(resources, l.spec, gateway.namespace(), routeNamespace))
                .toList();
        if (allowed.isEmpty()) {
            return refused("NotAllowedByListeners", parent + ": no selected listener allows HTTPRoutes from namespace "
                    + routeNamespace);
        }
        List<String> routeHostnames = route.getSpec().getHostnames() == null ? List.of() : route.getSpec().getHostnames();
        SortedMap<String, List<String>> hostnamesByListener = new TreeMap<>();
        for (ListenerState listener : allowed) {
            List<String> hostnames = HostnameMatcher.effectiveHostnames(listener.spec.getHostname(), routeHostnames);
            if (!hostnames.isEmpty()) {
                hostnamesByListener.put(listener.name(), hostnames);
            }
        }
        if (hostnamesByListener.isEmpty()) {
            return refused("NoMatchingListenerHostname", parent + ": route hostnames " + routeHostnames
                    + " intersect no allowed listener's hostname");
        }
        return new Attachment(Condition.isTrue(Conditions.ACCEPTED, "Accepted",
                "Attached to listeners " + hostnamesByListener.keySet()), hostnamesByListener);
    }

    private static Attachment refused(String reason, String message) {
        return new Attachment(Condition.isFalse(Conditions.ACCEPTED, reason, message), new TreeMap<>());
    }
}
