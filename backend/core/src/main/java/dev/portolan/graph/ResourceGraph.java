package dev.portolan.graph;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portolan.model.VersionedMap;
import dev.portolan.model.ResourceKey;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;

/**
 * The result of {@link GraphBuilder#build}: statuses to write and plain views for the later stages. Immutable;
 * everything is sorted by key.
 *
 * @param statuses           the status object of every GatewayClass, Gateway and HTTPRoute Portolan owns
 * @param gateways           Gateways of accepted Portolan GatewayClasses, by key
 * @param routes             HTTPRoutes with at least one parentRef to such a Gateway, by key
 * @param gatewaysByService  for each Service, the Gateways whose accepted routes send traffic to it
 * @param references         the spec references between all objects and the ReferenceGrants admitting them
 */
public record ResourceGraph(SortedMap<ResourceKey, ObjectNode> statuses, SortedMap<ResourceKey, GatewayView> gateways,
                            SortedMap<ResourceKey, RouteView> routes,
                            SortedMap<ResourceKey, SortedSet<ResourceKey>> gatewaysByService,
                            ReferenceIndex references) {

    /**
     * Persistent maps (copied once when built from scratch): a graph patched from this one shares them, with new
     * entries only for what changed.
     */
    public ResourceGraph {
        statuses = VersionedMap.of(statuses);
        gateways = VersionedMap.of(gateways);
        routes = VersionedMap.of(routes);
        gatewaysByService = VersionedMap.of(gatewaysByService);
    }

    /** A copy of the status object (callers may change their copy). */
    public Optional<ObjectNode> status(ResourceKey key) {
        return Optional.ofNullable(statuses.get(key)).map(ObjectNode::deepCopy);
    }
}
