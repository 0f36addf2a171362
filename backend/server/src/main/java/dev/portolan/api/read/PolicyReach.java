package dev.portolan.api.read;

import dev.portolan.api.ApiKinds;
import dev.portolan.model.ApiGroups;
import dev.portolan.model.ResourceKey;
import dev.portolan.policy.InheritedPolicy;
import dev.portolan.policy.ObjectPolicies;
import dev.portolan.policy.TargetStatus;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What each policy affects, from one snapshot: the objects it is attached to or flows down to (inheritable kinds:
 * every object whose directly attached or inherited policies name it), and for a BackendTLSPolicy the Services it
 * targets with the routes and Gateways that send traffic to them. Read both ways: the policies list's "affects"
 * ({@link #of}) and {@code get policies --for} ({@link #affecting}) are the same relation, so they cannot disagree.
 */
final class PolicyReach {
    /** Affected objects of one policy, by list kind. */
    record Reach(SortedSet<ResourceKey> gateways, SortedSet<ResourceKey> routes, SortedSet<ResourceKey> backends) {
        Reach() {
            this(new TreeSet<>(), new TreeSet<>(), new TreeSet<>());
        }

        void add(ResourceKey object) {
            ApiKinds.of(object).ifPresent(kind -> {
                switch (kind) {
                    case GATEWAYS -> gateways.add(object);
                    case HTTP_ROUTES -> routes.add(object);
                    case BACKENDS -> backends.add(object);
                    default -> { }
                }
            });
        }
    }

    private final Map<ResourceKey, Reach> byPolicy = new HashMap<>();
    /** Inverse, over every object of the hierarchy (GatewayClass and Namespace too, which no list column shows). */
    private final Map<ResourceKey, Set<ResourceKey>> byObject = new HashMap<>();

    PolicyReach(ReadIndex index) {
        for (ObjectPolicies object : index.snapshot().computed().policies().objects().values()) {
            object.directlyAttached().forEach(policy -> affects(policy, object.object()));
            for (InheritedPolicy inherited : object.inherited()) {
                affects(inherited.policy(), object.object());
            }
        }
        for (PolicyEntry policy : index.policies()) {
            if (!policy.key().kind().equals(ApiGroups.BACKEND_TLS_POLICY)) {
                continue;
            }
            for (TargetStatus target : policy.targets()) {
                ResourceKey service = target.target().key();
                if (!target.exists() || ApiKinds.of(service).orElse(null) != ApiKinds.BACKENDS) {
                    continue;
                }
                affects(policy.key(), service);
                for (ResourceKey route : index.routesOfService(service)) {
                    affects(policy.key(), route);
                    index.gatewaysOfRoute(route).stream().filter(index::exists)
                            .forEach(gateway -> affects(policy.key(), gateway));
                }
            }
        }
    }

    private void affects(ResourceKey policy, ResourceKey object) {
        byPolicy.computeIfAbsent(policy, k -> new Reach()).add(object);
        byObject.computeIfAbsent(object, k -> new HashSet<>()).add(policy);
    }

    Reach of(ResourceKey policy) {
        return byPolicy.getOrDefault(policy, new Reach());
    }

    /** Policies that affect one object: directly attached, inherited from its ancestors, BackendTLS it sends to. */
    Set<ResourceKey> affecting(ResourceKey object) {
        return byObject.getOrDefault(object, Set.of());
    }
}
