package dev.portolan.policy;

import dev.portolan.graph.ReferenceIndex;
import dev.portolan.model.ResourceKey;
import dev.portolan.model.ResourceSet;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayClass;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Effective policies the way gwctl computes them (GEP-713), down GatewayClass → Namespace → Gateway → Namespace →
 * HTTPRoute → Namespace → Backend, plus effective route timeouts. Pure: reads the {@link ResourceSet} only.
 */
public final class PolicyEngine {
    private final ResourceSet resources;
    private final PolicyOptions options;
    private final PolicyHierarchy topology;
    private final Map<ResourceKey, List<Policy>> attachedTo = new HashMap<>();
    private final Map<ResourceKey, SortedMap<String, MergedPolicy>> gatewayEffective = new HashMap<>();
    /** What flows from a Gateway to its routes: policies on its ancestors and on itself. */
    private final Map<ResourceKey, Set<InheritedPolicy>> gatewayFlow = new HashMap<>();

    private PolicyEngine(ResourceSet resources, ReferenceIndex references, PolicyOptions options,
                         List<Policy> policies) {
        this.resources = resources;
        this.options = options;
        this.topology = new PolicyHierarchy(resources, references);
        for (Policy policy : policies) {
            policy.targets().stream().map(PolicyTarget::key).distinct()
                    .forEach(target -> attachedTo.computeIfAbsent(target, k -> new ArrayList<>()).add(policy));
        }
    }

    public static PolicyReport compute(ResourceSet resources, PolicyOptions options) {
        return compute(resources, ReferenceIndex.of(resources), options, null);
    }

    /**
     * Like {@link #compute(ResourceSet, PolicyOptions)}, following the graph's {@code references} of the same
     * resources and reusing unchanged routes' shares from {@code memo}.
     */
    public static PolicyReport compute(ResourceSet resources, ReferenceIndex references, PolicyOptions options,
                                       PolicyMemo memo) {
        List<PolicyCrd> crds = PolicyDiscovery.policyCrds(resources);
        List<Policy> policies = PolicyDiscovery.policies(resources, crds);
        if (memo != null) {
            memo.begin(resources, options);
        }
        PolicyReport report = new PolicyEngine(resources, references, options, policies).report(crds, policies, memo);
        if (memo != null) {
            memo.end();
        }
        return report;
    }

    private PolicyReport report(List<PolicyCrd> crds, List<Policy> policies, PolicyMemo memo) {
        List<PolicyInfo> infos = policies.stream().map(p -> new PolicyInfo(p.key(), p.groupKind(), p.inheritable(),
                p.targets().stream().map(t -> new TargetStatus(t, topology.exists(t.key()))).toList())).toList();
        SortedMap<ResourceKey, ObjectPolicies> objects = new TreeMap<>();
        for (GatewayClass gatewayClass : resources.gatewayClasses()) {
            ResourceKey key = PolicyHierarchy.gatewayClassKey(gatewayClass.getMetadata().getName());
            objects.put(key, plain(key));
        }
        for (String namespace : topology.namespaces()) {
            ResourceKey key = PolicyHierarchy.namespaceKey(namespace);
            objects.put(key, plain(key));
        }
        Map<ResourceKey, List<ResourceKey>> attachedRoutes = new HashMap<>();
        for (HTTPRoute route : resources.httpRoutes()) {
            for (ResourceKey gateway : topology.parentGateways(route)) {
                attachedRoutes.computeIfAbsent(gateway, k -> new ArrayList<>()).add(PolicyHierarchy.routeKey(route));
            }
        }
        for (Gateway gateway : resources.gateways()) {
            ResourceKey key = PolicyHierarchy.gatewayKey(gateway);
            objects.put(key, new ObjectPolicies(key, direct(key), sorted(gatewayFlow(gateway, key)),
                    effective(gatewayEffective(gateway, key)), new TreeMap<>(),
                    attachedRoutes.getOrDefault(key, List.of()).stream().sorted().toList()));
        }
        List<EffectiveRuleTimeouts> timeouts = new ArrayList<>();
        BackendAccumulator backends = new BackendAccumulator();
        for (HTTPRoute route : resources.httpRoutes()) {
            PolicyMemo.RouteShare share = memo == null ? null : memo.get(route);
            if (share == null) {
                share = routeShare(route);
            }
            if (memo != null) {
                memo.put(route, share);
            }
            timeouts.addAll(share.timeouts());
            for (PolicyMemo.BackendCall call : share.backendCalls()) {
                if (call instanceof PolicyMemo.Add add) {
                    backends.add(add.service(), add.gateway(), add.policies());
                } else if (call instanceof PolicyMemo.Inherit inherit) {
                    backends.inherit(inherit.service(), inherit.policies());
                }
            }
            objects.put(PolicyHierarchy.routeKey(route), share.view());
        }
        for (Service service : resources.services()) {
            ResourceKey key = ResourceKey.of("", "Service", service.getMetadata().getNamespace(),
                    service.getMetadata().getName());
            objects.put(key, backends.view(key));
        }
        return new PolicyReport(crds, infos, objects, timeouts);
    }

    /** A route's view, its rules' timeouts and what it adds to its Services: from the route and non-routes only. */
    private PolicyMemo.RouteShare routeShare(HTTPRoute route) {
        List<EffectiveRuleTimeouts> timeouts = new ArrayList<>();
        List<PolicyMemo.BackendCall> backends = new ArrayList<>();
        ResourceKey key = PolicyHierarchy.routeKey(route);
        ResourceKey namespace = PolicyHierarchy.namespaceKey(key.namespace());
        Set<InheritedPolicy> inherited = new TreeSet<>(InheritedPolicy.ORDER);
        SortedMap<String, SortedMap<String, EffectivePolicy>> byGateway = new TreeMap<>();
        int rules = route.getSpec() == null || route.getSpec().getRules() == null
                ? 0 : route.getSpec().getRules().size();
        for (ResourceKey gatewayKey : topology.parentGateways(route)) {
            Gateway gateway = resources.get(gatewayKey, Gateway.class).orElseThrow();
            inherited.addAll(gatewayFlow(gateway, gatewayKey));
            inherited.addAll(inheritedAt(PolicyLevel.GATEWAY, gatewayKey));
            SortedMap<String, MergedPolicy> merged = PolicyMerger.mergeHierarchy(
                    PolicyMerger.mergeHierarchy(gatewayEffective(gateway, gatewayKey),
                            level(PolicyLevel.NAMESPACE, namespace)),
                    level(PolicyLevel.HTTP_ROUTE, key));
            String gatewayName = gatewayKey.namespace() + "/" + gatewayKey.name();
            byGateway.put(gatewayName, effective(merged));
            for (int i = 0; i < rules; i++) {
                timeouts.add(EffectiveTimeouts.forRule(route, i, gatewayName,
                        merged.get(TimeoutPolicies.GROUP_KIND)));
            }
            for (ResourceKey service : topology.backendServices(route)) {
                backends.add(new PolicyMemo.Add(service, gatewayName, List.copyOf(merged.values())));
            }
        }
        inherited.addAll(inheritedAt(PolicyLevel.NAMESPACE, namespace));
        for (ResourceKey service : topology.backendServices(route)) {
            backends.add(new PolicyMemo.Inherit(service, List.copyOf(inherited)));
            backends.add(new PolicyMemo.Inherit(service, inheritedAt(PolicyLevel.HTTP_ROUTE, key)));
        }
        return new PolicyMemo.RouteShare(
                new ObjectPolicies(key, direct(key), sorted(inherited), new TreeMap<>(), byGateway, List.of()),
                List.copyOf(timeouts), List.copyOf(backends));
    }

    /** Collects, per Service, the effective policies of the routes that reach it, per Gateway. */
    private final class BackendAccumulator {
        private final Map<ResourceKey, SortedMap<String, List<MergedPolicy>>> fromRoutes = new HashMap<>();
        private final Map<ResourceKey, Set<InheritedPolicy>> inherited = new HashMap<>();

        void add(ResourceKey service, String gateway, Collection<MergedPolicy> routePolicies) {
            fromRoutes.computeIfAbsent(service, k -> new TreeMap<>())
                    .computeIfAbsent(gateway, k -> new ArrayList<>()).addAll(routePolicies);
        }

        void inherit(ResourceKey service, Collection<InheritedPolicy> policies) {
            inherited.computeIfAbsent(service, k -> new TreeSet<>(InheritedPolicy.ORDER)).addAll(policies);
        }

        ObjectPolicies view(ResourceKey service) {
            ResourceKey namespace = PolicyHierarchy.namespaceKey(service.namespace());
            SortedMap<String, SortedMap<String, EffectivePolicy>> byGateway = new TreeMap<>();
            fromRoutes.getOrDefault(service, new TreeMap<>()).forEach((gateway, policies) -> {
                // Routes under one Gateway are one level: merged with each other first.
                SortedMap<String, MergedPolicy> merged = PolicyMerger.mergeHierarchy(
                        PolicyMerger.mergeHierarchy(PolicyMerger.mergeSameLevel(policies),
                                level(PolicyLevel.NAMESPACE, namespace)),
                        level(PolicyLevel.BACKEND, service));
                byGateway.put(gateway, effective(merged));
            });
            Set<InheritedPolicy> all = new TreeSet<>(InheritedPolicy.ORDER);
            all.addAll(inherited.getOrDefault(service, Set.of()));
            if (fromRoutes.containsKey(service)) {
                all.addAll(inheritedAt(PolicyLevel.NAMESPACE, namespace));
            }
            return new ObjectPolicies(service, direct(service), sorted(all), new TreeMap<>(), byGateway, List.of());
        }
    }

    private SortedMap<String, MergedPolicy> gatewayEffective(Gateway gateway, ResourceKey key) {
        return gatewayEffective.computeIfAbsent(key, k -> {
            SortedMap<String, MergedPolicy> merged = new TreeMap<>();
            String className = gateway.getSpec() == null ? null : gateway.getSpec().getGatewayClassName();
            if (className != null) {
                merged = level(PolicyLevel.GATEWAY_CLASS, PolicyHierarchy.gatewayClassKey(className));
            }
            merged = PolicyMerger.mergeHierarchy(merged,
                    level(PolicyLevel.NAMESPACE, PolicyHierarchy.namespaceKey(key.namespace())));
            return PolicyMerger.mergeHierarchy(merged, level(PolicyLevel.GATEWAY, key));
        });
    }

    private Set<InheritedPolicy> gatewayFlow(Gateway gateway, ResourceKey key) {
        return gatewayFlow.computeIfAbsent(key, k -> {
            Set<InheritedPolicy> flow = new TreeSet<>(InheritedPolicy.ORDER);
            String className = gateway.getSpec() == null ? null : gateway.getSpec().getGatewayClassName();
            if (className != null) {
                flow.addAll(inheritedAt(PolicyLevel.GATEWAY_CLASS, PolicyHierarchy.gatewayClassKey(className)));
            }
            flow.addAll(inheritedAt(PolicyLevel.NAMESPACE, PolicyHierarchy.namespaceKey(key.namespace())));
            return flow;
        });
    }

    /** Policies of one level (one target object), merged per kind. */
    private SortedMap<String, MergedPolicy> level(PolicyLevel level, ResourceKey target) {
        return PolicyMerger.mergeSameLevel(attachedTo.getOrDefault(target, List.of()).stream()
                .filter(options::flows)
                .map(p -> MergedPolicy.of(p, level, target))
                .toList());
    }

    private List<InheritedPolicy> inheritedAt(PolicyLevel level, ResourceKey target) {
        return attachedTo.getOrDefault(target, List.of()).stream()
                .filter(options::flows)
                .map(p -> new InheritedPolicy(p.groupKind(), p.key(), level, target.kind(), target.namespacedName()))
                .toList();
    }

    private List<ResourceKey> direct(ResourceKey target) {
        return attachedTo.getOrDefault(target, List.of()).stream().map(Policy::key).sorted().toList();
    }

    private ObjectPolicies plain(ResourceKey key) {
        return new ObjectPolicies(key, direct(key), List.of(), new TreeMap<>(), new TreeMap<>(), List.of());
    }

    private static List<InheritedPolicy> sorted(Collection<InheritedPolicy> policies) {
        return policies.stream().sorted(InheritedPolicy.ORDER).toList();
    }

    private static SortedMap<String, EffectivePolicy> effective(SortedMap<String, MergedPolicy> merged) {
        SortedMap<String, EffectivePolicy> result = new TreeMap<>();
        merged.forEach((kind, policy) -> result.put(kind, EffectivePolicy.of(policy)));
        return result;
    }
}
