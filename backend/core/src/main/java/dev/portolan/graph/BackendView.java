package dev.portolan.graph;

import dev.portolan.model.ResourceKey;
import java.util.List;

/**
 * A backendRef (or mirror backendRef) of a rule, resolved or not.
 *
 * @param namespace    the referenced namespace (defaulted to the route's)
 * @param port         null when the ref has no port
 * @param service      the Service key when it resolved, else null
 * @param appProtocol  the Service port's appProtocol, null when unset
 * @param endpoints    ready endpoints, sorted
 * @param problemReason null when resolved, else the ResolvedRefs reason (BackendNotFound, InvalidKind, ...)
 * @param problem      null when resolved, else what is wrong
 */
public record BackendView(String group, String kind, String namespace, String name, Integer port, int weight,
                          ResourceKey service, String appProtocol, List<Endpoint> endpoints,
                          String problemReason, String problem) {

    public boolean resolved() {
        return problemReason == null;
    }
}
