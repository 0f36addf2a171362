package dev.portolan.api.read;

import dev.portolan.api.ApiKinds;
import dev.portolan.model.ApiGroups;
import dev.portolan.model.ResourceKey;
import dev.portolan.policy.InheritedPolicy;
import dev.portolan.policy.ObjectPolicies;
import dev.portolan.policy.TargetStatus;
import java.util.HashMap;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What each policy affects, from one snapshot: the Gateways, HTTPRoutes and backends it is attached to or flows
 * down to (inheritable kinds: every object whose directly attached or inherited policies name it), and for a
 * BackendTLSPolicy the Services it targets with the routes and Gateways that send traffic to them.
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

    PolicyReach(ReadIndex index) {
        for (ObjectPolicies object : index.snapshot().computed().policies().objects().values()) {
            object.directlyAttached().forEach(policy -> reach(policy).add(object.object()));
            for (InheritedPolicy inherited : object.inherited()) {
                reach(inherited.policy()).add(object.object());
            }
        }
        for (PolicyEntry policy : index.policies()) {
            if (!policy.key().kind().equals(ApiGroups.BACKEND_TLS_POLICY)) {
                continue;
            }
            Reach reach = reach(policy.key());
            for (TargetStatus target : policy.targets()) {
                ResourceKey service = target.target().key();
                if (!target.exists() || ApiKinds.of(service).orElse(null) != ApiKinds.BACKENDS) {
                    continue;
                }
                reach.add(service);
                for (ResourceKey route : index.routesOfService(service)) {
                    reach.add(route);
                    index.gatewaysOfRoute(route).stream().filter(index::exists).forEach(reach::add);
                }
            }
        }
    }

    private Reach reach(ResourceKey policy) {
        return byPolicy.computeIfAbsent(policy, k -> new Reach());
    }

    Reach of(ResourceKey policy) {
        return byPolicy.getOrDefault(policy, new Reach());
    }
}
