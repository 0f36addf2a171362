package dev.portolan.policy;

import dev.portolan.graph.ReferenceIndex;
import dev.portolan.model.ApiGroups;
import dev.portolan.model.ResourceKey;
import dev.portolan.model.ResourceSet;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The object graph gwctl walks for policies, from the spec references the graph indexed ({@link ReferenceIndex}):
 * HTTPRoute parentRefs to Gateways that exist, backendRefs to Services that exist. No listener or ReferenceGrant
 * checks (gwctl does none for policies).
 */
final class PolicyHierarchy {
    private final ResourceSet resources;
    private final ReferenceIndex references;
    /** Laid out when first asked (a walk of every route and Service): most rebuilds never ask. */
    private SortedSet<String> namespaces;

    PolicyHierarchy(ResourceSet resources, ReferenceIndex references) {
        this(resources, references, null);
    }

    /** @param namespaces what {@link #namespaces()} would find, when the caller keeps it; null to find it */
    PolicyHierarchy(ResourceSet resources, ReferenceIndex references, SortedSet<String> namespaces) {
        this.resources = resources;
        this.references = references;
        this.namespaces = namespaces;
    }

    /** Sets what {@link #namespaces()} answers, when the caller keeps it. */
    void useNamespaces(SortedSet<String> known) {
        namespaces = known;
    }

    /** Namespaces that exist or hold a Gateway, HTTPRoute or Service. */
    SortedSet<String> namespaces() {
        if (namespaces == null) {
            SortedSet<String> found = nonRouteNamespaces(resources);
            resources.httpRoutes().forEach(r -> found.add(r.getMetadata().getNamespace()));
            namespaces = found;
        }
        return namespaces;
    }

    /** Namespaces that exist or hold a Gateway or Service: {@link #namespaces()} but for routes'. */
    static SortedSet<String> nonRouteNamespaces(ResourceSet resources) {
        SortedSet<String> found = new TreeSet<>();
        resources.namespaces().forEach(n -> found.add(n.getMetadata().getName()));
        resources.gateways().forEach(g -> found.add(g.getMetadata().getNamespace()));
        resources.services().forEach(s -> found.add(s.getMetadata().getNamespace()));
        return found;
    }


    static ResourceKey gatewayClassKey(String name) {
        return ResourceKey.of(ApiGroups.GATEWAY, ApiGroups.GATEWAY_CLASS, "", name);
    }

    static ResourceKey namespaceKey(String name) {
        return ResourceKey.of(ApiGroups.CORE, ApiGroups.NAMESPACE, "", name);
    }

    static ResourceKey gatewayKey(Gateway gateway) {
        return ResourceKey.of(ApiGroups.GATEWAY, ApiGroups.GATEWAY_KIND, gateway.getMetadata().getNamespace(),
                gateway.getMetadata().getName());
    }

    static ResourceKey routeKey(HTTPRoute route) {
        return ResourceKey.of(ApiGroups.GATEWAY, ApiGroups.HTTP_ROUTE, route.getMetadata().getNamespace(),
                route.getMetadata().getName());
    }

    boolean exists(ResourceKey key) {
        if (key.group().equals(ApiGroups.CORE) && key.kind().equals(ApiGroups.NAMESPACE)) {
            return namespaces().contains(key.name());
        }
        return resources.get(key).isPresent();
    }

    /** Gateways named by the route's parentRefs that exist, sorted. */
    SortedSet<ResourceKey> parentGateways(HTTPRoute route) {
        SortedSet<ResourceKey> parents = new TreeSet<>();
        for (ResourceKey key : references.referencedBy(routeKey(route), ReferenceIndex.Field.PARENT)) {
            if (resources.get(key, Gateway.class).isPresent()) {
                parents.add(key);
            }
        }
        return parents;
    }

    /** Services named by the route's backendRefs (any rule) that exist, sorted. */
    SortedSet<ResourceKey> backendServices(HTTPRoute route) {
        SortedSet<ResourceKey> services = new TreeSet<>();
        for (ResourceKey key : references.referencedBy(routeKey(route), ReferenceIndex.Field.BACKEND)) {
            if (resources.get(key).isPresent()) {
                services.add(key);
            }
        }
        return services;
    }
}
