package dev.portolan.graph.backendtls;

import dev.portolan.model.ResourceKey;

/** What the resolver learned about one policy before looking at other policies. */
record PolicyFacts(ResourceKey key, long generation, PolicyTargets.Outcome targets, PolicyValidation.Outcome validation) {
}
