package dev.portolan.policy;

import dev.portolan.model.ResourceKey;

/**
 * Where a policy value comes from: the policy object, and the hierarchy level and object it is attached to.
 *
 * @param policy identity of the policy object (kind, group, namespace, name)
 * @param level  hierarchy level of the target
 * @param target the object the policy is attached to at that level
 */
public record PolicySource(ResourceKey policy, PolicyLevel level, ResourceKey target) {
}
