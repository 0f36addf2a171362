package dev.portolan.api.read;

import dev.portolan.model.ResourceKey;
import dev.portolan.policy.TargetStatus;
import dev.portolan.store.StoredObject;
import java.util.List;

/**
 * A policy as the read API lists it: an instance of a labelled policy CRD, or a BackendTLSPolicy.
 *
 * @param key         identity; cluster-scoped policy kinds have an empty namespace
 * @param groupKind   {@code Kind.group}, as in {@code /api/v1/policies/{kind}/...}
 * @param inheritable whether the kind is inheritable (policy type Inherited, else Direct)
 * @param targets     targets in the order written, each with whether it exists
 * @param stored      the stored object (manifest and status); null only for built-in objects
 */
public record PolicyEntry(ResourceKey key, String groupKind, boolean inheritable, List<TargetStatus> targets,
                          StoredObject stored) {
    public PolicyEntry {
        targets = List.copyOf(targets);
    }

    public String policyType() {
        return inheritable ? "Inherited" : "Direct";
    }

    /** {@code /api/v1/policies/Kind.group/ns/name}, or without namespace for cluster-scoped kinds. */
    public String path() {
        return "/api/v1/policies/" + groupKind + "/" + key.namespacedName();
    }

    /** Stable order: namespace, name, then kind. */
    public String sortKey() {
        return ReadIndex.sortKey(key.namespace(), key.name()) + ReadIndex.SEPARATOR + groupKind;
    }
}
