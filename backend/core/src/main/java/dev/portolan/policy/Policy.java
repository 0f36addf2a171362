package dev.portolan.policy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portolan.model.ResourceKey;
import dev.portolan.model.Timestamps;
import java.time.Instant;
import java.util.List;

/**
 * A policy object: an instance of a {@link PolicyCrd} kind.
 *
 * @param key      identity; cluster-scoped policy kinds have an empty namespace
 * @param crd      its policy kind
 * @param manifest the whole object tree (never mutated)
 * @param targets  resolved targets, in the order written
 */
public record Policy(ResourceKey key, PolicyCrd crd, ObjectNode manifest, List<PolicyTarget> targets) {

    public Policy {
        targets = List.copyOf(targets);
    }

    public boolean inheritable() {
        return crd.inheritable();
    }

    public String groupKind() {
        return crd.groupKind();
    }

    public Instant creationTimestamp() {
        return Timestamps.parseOrEpoch(manifest.path("metadata").path("creationTimestamp").asText(null));
    }
}
