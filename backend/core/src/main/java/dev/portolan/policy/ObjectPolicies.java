package dev.portolan.policy;

import dev.portolan.model.ResourceKey;
import java.util.List;
import java.util.SortedMap;

/**
 * Policy view of one object (GatewayClass, Namespace, Gateway, HTTPRoute or Service), as gwctl describes it.
 *
 * @param object             the object
 * @param directlyAttached   every policy targeting it (direct and inheritable), sorted
 * @param inherited          policies attached to its ancestors that flow down to it
 * @param effective          Gateways only: effective policy per kind
 * @param effectiveByGateway HTTPRoutes and Services: per {@code <ns>/<gateway>}, effective policy per kind
 * @param attachedRoutes     Gateways only: HTTPRoutes whose parentRefs name it
 */
public record ObjectPolicies(ResourceKey object, List<ResourceKey> directlyAttached, List<InheritedPolicy> inherited,
                             SortedMap<String, EffectivePolicy> effective,
                             SortedMap<String, SortedMap<String, EffectivePolicy>> effectiveByGateway,
                             List<ResourceKey> attachedRoutes) {
    public ObjectPolicies {
        directlyAttached = List.copyOf(directlyAttached);
        inherited = List.copyOf(inherited);
        attachedRoutes = List.copyOf(attachedRoutes);
    }
}
