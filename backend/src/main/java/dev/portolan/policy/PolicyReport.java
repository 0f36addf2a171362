package dev.portolan.policy;

import dev.portolan.model.ResourceKey;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Everything {@link PolicyEngine} computes for one {@link dev.portolan.model.ResourceSet}; all lists sorted.
 *
 * @param policyCrds policy kinds, by CRD name
 * @param policies   policy objects with their targets, by identity
 * @param objects    policy view of each GatewayClass, Namespace, Gateway, HTTPRoute and Service, by identity
 * @param timeouts   effective timeouts per HTTPRoute rule per parent Gateway (route, gateway, rule index order)
 */
public record PolicyReport(List<PolicyCrd> policyCrds, List<PolicyInfo> policies,
                           SortedMap<ResourceKey, ObjectPolicies> objects, List<RuleTimeouts> timeouts) {
    public PolicyReport {
        policyCrds = List.copyOf(policyCrds);
        policies = List.copyOf(policies);
        objects = Collections.unmodifiableSortedMap(new TreeMap<>(objects));
        timeouts = List.copyOf(timeouts);
    }

    public Optional<ObjectPolicies> object(ResourceKey key) {
        return Optional.ofNullable(objects.get(key));
    }

    /** Timeouts of one route rule under one parent Gateway ({@code <ns>/<name>}). */
    public Optional<RuleTimeouts> timeouts(ResourceKey route, String gateway, int rule) {
        return timeouts.stream()
                .filter(t -> t.route().equals(route) && t.gateway().equals(gateway) && t.rule() == rule)
                .findFirst();
    }
}
