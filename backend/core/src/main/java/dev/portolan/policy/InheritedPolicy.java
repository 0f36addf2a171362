package dev.portolan.policy;

import dev.portolan.model.ResourceKey;
import java.util.Comparator;

/**
 * A policy attached to an ancestor of an object, as gwctl lists it under InheritedPolicies.
 *
 * @param groupKind  policy kind, {@code Kind.group}
 * @param policy     identity of the policy
 * @param level      level of the ancestor it is attached to
 * @param targetKind kind of that ancestor
 * @param targetName name of that ancestor ({@code namespace/name} when namespaced)
 */
public record InheritedPolicy(String groupKind, ResourceKey policy, PolicyLevel level, String targetKind,
                              String targetName) {

    /** Hierarchy order (GatewayClass first), then kind, policy and target. */
    static final Comparator<InheritedPolicy> ORDER = Comparator
            .comparing(InheritedPolicy::level)
            .thenComparing(InheritedPolicy::groupKind)
            .thenComparing(InheritedPolicy::policy)
            .thenComparing(InheritedPolicy::targetKind)
            .thenComparing(InheritedPolicy::targetName);
}
