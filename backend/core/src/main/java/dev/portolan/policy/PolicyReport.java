package dev.portolan.policy;

import dev.portolan.model.VersionedMap;
import dev.portolan.model.ResourceKey;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;

/**
 * Everything {@link PolicyEngine} computes for one {@link dev.portolan.model.ResourceSet}; all lists sorted.
 *
 * @param policyCrds policy kinds, by CRD name
 * @param policies   policy objects with their targets, by identity
 * @param objects    policy view of each GatewayClass, Namespace, Gateway, HTTPRoute and Service, by identity
 * @param timeouts   effective timeouts per HTTPRoute rule per parent Gateway (route, gateway, rule index order)
 * @param timeoutsByRule {@code timeouts} indexed by rule (the first entry of a key wins): derived from
 *                       {@code timeouts} when null is passed; the policy engine passes the last report's index with
 *                       the changed routes laid over it. The translator asks once per rule per parent, and a scan
 *                       of the list made a rebuild quadratic in routes
 */
public record PolicyReport(List<PolicyCrd> policyCrds, List<PolicyInfo> policies,
                           SortedMap<ResourceKey, ObjectPolicies> objects, List<EffectiveRuleTimeouts> timeouts,
                           Map<RuleKey, EffectiveRuleTimeouts> timeoutsByRule) {
    public PolicyReport {
        policyCrds = List.copyOf(policyCrds);
        policies = List.copyOf(policies);
        objects = VersionedMap.of(objects); // no copy when patched from the last report's
        timeouts = timeouts instanceof FlatTimeouts immutable ? immutable : List.copyOf(timeouts);
        timeoutsByRule = timeoutsByRule == null ? RuleTimeoutIndex.of(timeouts)
                : timeoutsByRule instanceof RuleTimeoutIndex layered ? layered
                : Collections.unmodifiableMap(timeoutsByRule);
    }

    public PolicyReport(List<PolicyCrd> policyCrds, List<PolicyInfo> policies,
                        SortedMap<ResourceKey, ObjectPolicies> objects, List<EffectiveRuleTimeouts> timeouts) {
        this(policyCrds, policies, objects, timeouts, null);
    }

    /** Identity of one route rule under one parent Gateway. */
    public record RuleKey(ResourceKey route, String gateway, int rule) {
        static RuleKey of(EffectiveRuleTimeouts timeouts) {
            return new RuleKey(timeouts.route(), timeouts.gateway(), timeouts.rule());
        }
    }

    public Optional<ObjectPolicies> object(ResourceKey key) {
        return Optional.ofNullable(objects.get(key));
    }

    /** Timeouts of one route rule under one parent Gateway ({@code <ns>/<name>}). */
    public Optional<EffectiveRuleTimeouts> timeouts(ResourceKey route, String gateway, int rule) {
        return Optional.ofNullable(timeoutsByRule.get(new RuleKey(route, gateway, rule)));
    }
}
