package dev.portolan.policy;

import dev.portolan.model.ApiGroups;
import dev.portolan.model.ResourceKey;
import dev.portolan.model.ResourceSet;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPBackendRef;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteRule;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ParentReference;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The object graph gwctl walks for policies, from spec references only: HTTPRoute parentRefs to Gateways that exist,
 * backendRefs to Services that exist. No listener or ReferenceGrant checks (gwctl does none for policies).
 */
final class PolicyHierarchy {
    private final ResourceSet resources;
    private final SortedSet<String> namespaces = new TreeSet<>();

    PolicyHierarchy(ResourceSet resources) {
        this.resources = resources;
        resources.namespaces().forEach(n -> namespaces.add(n.getMetadata().getName()));
        resources.gateways().forEach(g -> namespaces.add(g.getMetadata().getNamespace()));
        resources.httpRoutes().forEach(r -> namespaces.add(r.getMetadata().getNamespace()));
        resources.services().forEach(s -> namespaces.add(s.getMetadata().getNamespace()));
    }

    /** Namespaces that exist or hold a Gateway, HTTPRoute or Service. */
    SortedSet<String> namespaces() {
        return namespaces;
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
            return namespaces.contains(key.name());
        }
        return resources.get(key).isPresent();
    }

    /** Gateways named by the route's parentRefs that exist, sorted. */
    SortedSet<ResourceKey> parentGateways(HTTPRoute route) {
        SortedSet<ResourceKey> parents = new TreeSet<>();
        List<ParentReference> refs = route.getSpec() == null ? null : route.getSpec().getParentRefs();
        if (refs == null) {
            return parents;
        }
        for (ParentReference ref : refs) {
            String group = ref.getGroup() == null ? ApiGroups.GATEWAY : ref.getGroup();
            String kind = ref.getKind() == null ? ApiGroups.GATEWAY_KIND : ref.getKind();
            if (!group.equals(ApiGroups.GATEWAY) || !kind.equals(ApiGroups.GATEWAY_KIND) || ref.getName() == null) {
                continue;
            }
            String namespace = ref.getNamespace() == null || ref.getNamespace().isEmpty()
                    ? route.getMetadata().getNamespace() : ref.getNamespace();
            ResourceKey key = ResourceKey.of(group, kind, namespace, ref.getName());
            if (resources.get(key, Gateway.class).isPresent()) {
                parents.add(key);
            }
        }
        return parents;
    }

    /** Services named by the route's backendRefs (any rule) that exist, sorted. */
    SortedSet<ResourceKey> backendServices(HTTPRoute route) {
        SortedSet<ResourceKey> services = new TreeSet<>();
        List<HTTPRouteRule> rules = route.getSpec() == null ? null : route.getSpec().getRules();
        if (rules == null) {
            return services;
        }
        for (HTTPRouteRule rule : rules) {
            if (rule.getBackendRefs() == null) {
                continue;
            }
            for (HTTPBackendRef ref : rule.getBackendRefs()) {
                String group = ref.getGroup() == null ? ApiGroups.CORE : ref.getGroup();
                String kind = ref.getKind() == null ? ApiGroups.SERVICE : ref.getKind();
                if (!group.equals(ApiGroups.CORE) || !kind.equals(ApiGroups.SERVICE) || ref.getName() == null) {
                    continue;
                }
                String namespace = ref.getNamespace() == null || ref.getNamespace().isEmpty()
                        ? route.getMetadata().getNamespace() : ref.getNamespace();
                ResourceKey key = ResourceKey.of(group, kind, namespace, ref.getName());
                if (resources.get(key).isPresent()) {
                    services.add(key);
                }
            }
        }
        return services;
    }
}
