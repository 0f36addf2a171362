package dev.portolan.api.read;

import dev.portolan.api.ApiKinds;
import dev.portolan.model.ApiGroups;
import dev.portolan.model.ResourceKey;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What relates to one object, as gwctl's {@code --for}: along GatewayClass → Gateway → HTTPRoute → Service (up and
 * down from the object), the policies targeting any of those, and the ReferenceGrants that let a route reach a
 * Service in another namespace.
 */
final class Relations {
    private final ReadIndex index;
    private final Set<ResourceKey> objects = new HashSet<>();
    private final Set<String> policies = new HashSet<>();
    private final Set<String> namespaces = new HashSet<>();

    private Relations(ReadIndex index) {
        this.index = index;
    }

    static Relations of(ReadIndex index, ResourceKey origin) {
        Relations relations = new Relations(index);
        relations.collect(origin);
        return relations;
    }

    boolean contains(ResourceKey key) {
        return objects.contains(key);
    }

    boolean containsPolicy(PolicyEntry policy) {
        return policies.contains(policy.path());
    }

    boolean containsNamespace(String namespace) {
        return namespaces.contains(namespace);
    }

    private void collect(ResourceKey origin) {
        objects.add(origin);
        ApiKinds kind = ApiKinds.of(origin).orElseThrow();
        switch (kind) {
            case GATEWAY_CLASSES -> index.gatewaysOfClass(origin).forEach(this::downFromGateway);
            case GATEWAYS -> {
                downFromGateway(origin);
                upFromGateway(origin);
            }
            case HTTP_ROUTES -> {
                objects.addAll(index.servicesOfRoute(origin));
                index.gatewaysOfRoute(origin).forEach(this::upFromGateway);
            }
            case BACKENDS -> upFromService(origin);
            case BACKEND_TLS_POLICIES -> index.policy(origin.groupKind(), origin.namespacedName()).ifPresent(p ->
                    p.targets().forEach(t -> {
                        objects.add(t.target().key());
                        upFromService(t.target().key());
                    }));
            case NAMESPACES -> {
                for (ApiKinds other : ApiKinds.values()) {
                    index.entries(other).stream().filter(e -> e.key().namespace().equals(origin.name()))
                            .forEach(e -> objects.add(e.key()));
                }
                index.policies().stream().filter(p -> p.key().namespace().equals(origin.name()))
                        .forEach(p -> policies.add(p.path()));
            }
            default -> { }
        }
        addReferenceGrants();
        for (ResourceKey key : List.copyOf(objects)) {
            for (PolicyEntry policy : index.policiesTargeting(key)) {
                policies.add(policy.path());
                if (policy.key().kind().equals(ApiGroups.BACKEND_TLS_POLICY)) {
                    objects.add(policy.key());
                }
            }
        }
        objects.forEach(key -> namespaces.add(key.isClusterScoped() && key.kind().equals(ApiGroups.NAMESPACE)
                ? key.name() : key.namespace()));
    }

    private void downFromGateway(ResourceKey gateway) {
        objects.add(gateway);
        for (ResourceKey route : index.routesOfGateway(gateway)) {
            objects.add(route);
            objects.addAll(index.servicesOfRoute(route));
        }
    }

    private void upFromGateway(ResourceKey gateway) {
        objects.add(gateway);
        if (index.entry(gateway).filter(e -> e.stored() != null).isPresent()) {
            index.classOfGateway(gateway).ifPresent(objects::add);
        }
    }

    private void upFromService(ResourceKey service) {
        objects.add(service);
        for (ResourceKey route : index.routesOfService(service)) {
            objects.add(route);
            index.gatewaysOfRoute(route).forEach(this::upFromGateway);
        }
    }

    /** Grants in a related Service's namespace that admit a related route from another namespace. */
    private void addReferenceGrants() {
        for (ResourceKey route : List.copyOf(objects)) {
            if (!route.kind().equals(ApiGroups.HTTP_ROUTE)) {
                continue;
            }
            for (ResourceKey service : index.servicesOfRoute(route)) {
                if (objects.contains(service) && !service.namespace().equals(route.namespace())) {
                    objects.addAll(index.grantsForBackend(route, service));
                }
            }
        }
    }
}
