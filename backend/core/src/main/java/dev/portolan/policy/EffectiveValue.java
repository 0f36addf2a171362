package dev.portolan.policy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portolan.model.ResourceKey;

/**
 * One top-level key of an effective policy with its provenance.
 *
 * @param value    the effective value
 * @param policy   the policy that set it
 * @param level    the hierarchy level that policy is attached at
 * @param target   the object that policy is attached to
 * @param override whether it was set as {@code spec.override} (false: {@code spec.default}, or plain spec of a direct
 *                 policy)
 */
public record EffectiveValue(JsonNode value, ResourceKey policy, PolicyLevel level, ResourceKey target,
                             boolean override) {
}
