package dev.portolan.policy;

import dev.portolan.model.ResourceKey;

/**
 * One target of a policy (an entry of spec.targetRef / spec.targetRefs) with its namespace resolved: cluster-scoped
 * target kinds (GatewayClass, Namespace) have an empty namespace.
 */
public record PolicyTarget(String group, String kind, String namespace, String name) {

    public ResourceKey key() {
        return ResourceKey.of(group, kind, namespace, name);
    }
}
