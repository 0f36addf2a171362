package dev.portolan.graph;

import dev.portolan.model.ApiGroups;
import dev.portolan.model.ResourceKey;
import dev.portolan.model.ResourceSet;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Listener;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.RouteNamespaces;
import java.util.HashMap;
import java.util.Map;

/** {@code listeners[].allowedRoutes.namespaces}: All, Same (the default) or Selector on Namespace labels. */
public final class AllowedRoutes {
    /** Label the API server puts on every Namespace; added here too, since manifests rarely carry it. */
    public static final String NAMESPACE_NAME_LABEL = "kubernetes.io/metadata.name";

    private AllowedRoutes() {
    }

    public static boolean allowsNamespace(ResourceSet resources, Listener listener, String gatewayNamespace,
                                          String routeNamespace) {
        RouteNamespaces namespaces = listener.getAllowedRoutes() == null ? null : listener.getAllowedRoutes().getNamespaces();
        String from = namespaces == null || namespaces.getFrom() == null ? "Same" : namespaces.getFrom();
        return switch (from) {
            case "All" -> true;
            case "Same" -> gatewayNamespace.equals(routeNamespace);
            case "Selector" -> LabelSelectors.matches(namespaces.getSelector(), namespaceLabels(resources, routeNamespace));
            default -> false;
        };
    }

    /** The labels of a Namespace, including the automatic {@value #NAMESPACE_NAME_LABEL}. */
    public static Map<String, String> namespaceLabels(ResourceSet resources, String namespace) {
        Map<String, String> labels = new HashMap<>();
        resources.get(ResourceKey.of(ApiGroups.CORE, ApiGroups.NAMESPACE, "", namespace), Namespace.class)
                .map(ns -> ns.getMetadata().getLabels())
                .ifPresent(labels::putAll);
        labels.put(NAMESPACE_NAME_LABEL, namespace);
        return labels;
    }
}
