package dev.portolan.policy;

import dev.portolan.model.ResourceKey;

/**
 * Where an effective timeout comes from: the route rule itself, or a TimeoutPolicy.
 *
 * @param object    the HTTPRoute (rule value) or the TimeoutPolicy
 * @param field     the field path inside that object, e.g. {@code spec.rules[0].timeouts.request} or
 *                  {@code spec.override.backendRequest}
 * @param level     for policies: the level the policy is attached at; null for the rule itself
 * @param target    for policies: the object the policy is attached to; null for the rule itself
 * @param override  whether a policy set it as override
 */
public record TimeoutOrigin(ResourceKey object, String field, PolicyLevel level, ResourceKey target,
                            boolean override) {

    public boolean fromRule() {
        return level == null;
    }

    /** E.g. {@code TimeoutPolicy default/p spec.override.request (attached to Gateway default/gw)}. */
    public String describe() {
        String base = object.kind() + " " + object.namespacedName() + " " + field;
        return fromRule() || target == null ? base
                : base + " (attached to " + target.kind() + " " + target.namespacedName() + ")";
    }
}
