package dev.portolan.policy;

import dev.portolan.graph.ReferenceIndex;
import dev.portolan.model.ResourceChanges;
import dev.portolan.model.VersionedMap;
import dev.portolan.model.ResourceKey;
import dev.portolan.model.ResourceSet;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayClass;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
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
                         List<Policy> policies, SortedSet<String> namespaces) {
        this.resources = resources;
        this.options = options;
        this.topology = new PolicyHierarchy(resources, references, namespaces);
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
     * resources; with a {@code memo}, patching its last report for the routes that changed when nothing else did.
     */
    public static PolicyReport compute(ResourceSet resources, ReferenceIndex references, PolicyOptions options,
                                       PolicyMemo memo) {
        List<PolicyCrd> crds = PolicyDiscovery.policyCrds(resources);
        List<Policy> policies = PolicyDiscovery.policies(resources, crds);
        PolicyMemo.Last last = memo == null ? null : memo.begin(resources, options);
        // which routes changed, as the resource set tells (it was patched from the last one); unknown: from scratch
        ResourceChanges changes = last == null ? null : resources.changesSince(last.resources()).orElse(null);
        if (changes == null) {
            last = null;
        }
        SortedSet<String> nonRouteNamespaces = last != null ? last.nonRouteNamespaces()
                : PolicyHierarchy.nonRouteNamespaces(resources);
        RouteShares shares = last != null ? last.shares() : new RouteShares();
        // the routes' shares first: the namespaces the report lists include the routes'
        Set<ResourceKey> touchedGateways = new HashSet<>();
        Set<ResourceKey> touchedServices = new HashSet<>();
        List<HTTPRoute> added = new ArrayList<>();
        List<ResourceKey> removed = new ArrayList<>();
        if (last == null) {
            added.addAll(resources.httpRoutes());
        } else {
            for (ResourceKey key : new TreeSet<>(changes.keys())) { // key order is the routes' order
                last.resources().get(key, HTTPRoute.class).ifPresent(route -> removed.add(key));
                resources.get(key, HTTPRoute.class).ifPresent(added::add);
            }
        }
        List<PolicyMemo.RouteShare> removedShares = new ArrayList<>(removed.size());
        for (ResourceKey route : removed) {
            PolicyMemo.RouteShare share = shares.remove(route, touchedGateways, touchedServices);
            if (share != null) {
                removedShares.add(share);
            }
        }
        PolicyEngine engine = new PolicyEngine(resources, references, options, policies, null);
        List<PolicyMemo.RouteShare> addedShares = new ArrayList<>(added.size());
        for (HTTPRoute route : added) {
            PolicyMemo.RouteShare share = engine.routeShare(route); // reads no namespace list
            shares.add(share, touchedGateways, touchedServices);
            addedShares.add(share);
        }
        engine.topology.useNamespaces(shares.namespacesWith(nonRouteNamespaces));
        PolicyReport report = last == null
                ? engine.report(crds, policies, shares)
                : engine.patch(last.report(), crds, policies, shares, removedShares, addedShares, touchedGateways,
                touchedServices);
        if (memo != null) {
            memo.end(new PolicyMemo.Last(resources, shares, nonRouteNamespaces, report));
        }
        return report;
    }

    private List<PolicyInfo> infos(List<Policy> policies) {
        return policies.stream().map(p -> new PolicyInfo(p.key(), p.groupKind(), p.inheritable(),
                p.targets().stream().map(t -> new TargetStatus(t, topology.exists(t.key()))).toList())).toList();
    }

    /** The report from scratch, from every route's share. */
    private PolicyReport report(List<PolicyCrd> crds, List<Policy> policies, RouteShares shares) {
        SortedMap<ResourceKey, ObjectPolicies> objects = new TreeMap<>();
        for (GatewayClass gatewayClass : resources.gatewayClasses()) {
            ResourceKey key = PolicyHierarchy.gatewayClassKey(gatewayClass.getMetadata().getName());
            objects.put(key, plain(key));
        }
        for (String namespace : topology.namespaces()) {
            ResourceKey key = PolicyHierarchy.namespaceKey(namespace);
            objects.put(key, plain(key));
        }
        for (Gateway gateway : resources.gateways()) {
            ResourceKey key = PolicyHierarchy.gatewayKey(gateway);
            objects.put(key, gatewayView(gateway, key, shares));
        }
        for (PolicyMemo.RouteShare share : shares.all()) {
            objects.put(share.view().object(), share.view());
        }
        for (Service service : resources.services()) {
            ResourceKey key = serviceKey(service);
            objects.put(key, serviceView(key, shares));
        }
        return new PolicyReport(crds, infos(policies), objects, timeouts(shares));
    }

    /**
     * The last report with the changed routes' views replaced and the views they touch made again: their Gateways'
     * (attached routes), their Services' and the namespaces that appeared or went. Everything else in a report
     * depends on non-route objects only, which are the same as last time.
     */
    private PolicyReport patch(PolicyReport last, List<PolicyCrd> crds, List<Policy> policies, RouteShares shares,
                               List<PolicyMemo.RouteShare> removed, List<PolicyMemo.RouteShare> added,
                               Set<ResourceKey> touchedGateways, Set<ResourceKey> touchedServices) {
        // the last report's views shared, not copied: only the views this change touches are new
        VersionedMap<ResourceKey, ObjectPolicies> objects = VersionedMap.of(last.objects());
        Map<ResourceKey, List<EffectiveRuleTimeouts>> changedTimeouts = new HashMap<>();
        for (PolicyMemo.RouteShare share : removed) {
            objects = objects.minus(share.view().object());
            changedTimeouts.put(share.view().object(), List.of());
        }
        for (PolicyMemo.RouteShare share : added) {
            objects = objects.plus(share.view().object(), share.view());
            changedTimeouts.put(share.view().object(), share.timeouts());
        }
        for (ResourceKey gateway : touchedGateways) {
            ObjectPolicies before = objects.get(gateway);
            if (before != null) {
                objects = objects.plus(gateway, new ObjectPolicies(gateway, before.directlyAttached(), before.inherited(),
                        before.effective(), before.effectiveByGateway(), shares.attachedTo(gateway)));
            }
        }
        for (ResourceKey service : touchedServices) {
            if (objects.containsKey(service) && service.kind().equals("Service") && service.group().isEmpty()) {
                objects = objects.plus(service, serviceView(service, shares));
            }
        }
        // only routes changed, so only their namespaces can have appeared or gone
        for (PolicyMemo.RouteShare share : removed) {
            String namespace = share.view().object().namespace();
            if (!topology.namespaces().contains(namespace)) {
                objects = objects.minus(PolicyHierarchy.namespaceKey(namespace));
            }
        }
        for (PolicyMemo.RouteShare share : added) {
            ResourceKey key = PolicyHierarchy.namespaceKey(share.view().object().namespace());
            if (!objects.containsKey(key)) {
                objects = objects.plus(key, plain(key));
            }
        }
        List<EffectiveRuleTimeouts> timeouts = timeouts(shares);
        return new PolicyReport(crds, infos(policies), objects, timeouts,
                RuleTimeoutIndex.over(last.timeoutsByRule(), changedTimeouts, timeouts));
    }

    private static ResourceKey serviceKey(Service service) {
        return ResourceKey.of("", "Service", service.getMetadata().getNamespace(), service.getMetadata().getName());
    }

    private static List<EffectiveRuleTimeouts> timeouts(RouteShares shares) {
        return new FlatTimeouts(shares.snapshot());
    }

    private ObjectPolicies gatewayView(Gateway gateway, ResourceKey key, RouteShares shares) {
        return new ObjectPolicies(key, direct(key), sorted(gatewayFlow(gateway, key)),
                effective(gatewayEffective(gateway, key)), new TreeMap<>(), shares.attachedTo(key));
    }

    /** A Service's view, from the shares of the routes that reach it, in route order. */
    private ObjectPolicies serviceView(ResourceKey service, RouteShares shares) {
        BackendAccumulator backends = new BackendAccumulator();
        for (PolicyMemo.RouteShare share : shares.reaching(service)) {
            for (PolicyMemo.BackendCall call : share.backendCalls()) {
                if (!call.service().equals(service)) {
                    continue;
                }
                if (call instanceof PolicyMemo.Add add) {
                    backends.add(add.service(), add.gateway(), add.policies());
                } else if (call instanceof PolicyMemo.Inherit inherit) {
                    backends.inherit(inherit.service(), inherit.policies());
                }
            }
        }
        return backends.view(service);
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
        SortedSet<ResourceKey> gateways = topology.parentGateways(route);
        for (ResourceKey gatewayKey : gateways) {
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
                List.copyOf(timeouts), List.copyOf(backends), List.copyOf(gateways));
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
