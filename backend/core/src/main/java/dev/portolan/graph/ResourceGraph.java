package dev.portolan.graph;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portolan.model.ResourceKey;
import java.util.Collections;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;

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

    /** The class of an unmodifiable view, which a graph patched from another need not wrap again. */
    private static final Class<?> READ_ONLY = Collections.unmodifiableSortedMap(new TreeMap<>()).getClass();

    public ResourceGraph {
        statuses = readOnly(statuses);
        gateways = readOnly(gateways);
        routes = readOnly(routes);
        gatewaysByService = readOnly(gatewaysByService);
    }

    private static <K, V> SortedMap<K, V> readOnly(SortedMap<K, V> map) {
        return map.getClass() == READ_ONLY ? map : Collections.unmodifiableSortedMap(map);
    }

    /** A copy of the status object (callers may change their copy). */
    public Optional<ObjectNode> status(ResourceKey key) {
        return Optional.ofNullable(statuses.get(key)).map(ObjectNode::deepCopy);
    }
}
