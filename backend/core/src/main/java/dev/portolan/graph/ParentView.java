package dev.portolan.graph;

import dev.portolan.model.ResourceKey;
import java.util.List;
import java.util.SortedMap;

/**
 * One parentRef of a route that targets a Portolan Gateway.
 *
 * @param sectionName         null when unset
 * @param port                null when unset
 * @param hostnamesByListener listeners the route attached to (empty when not accepted) with the hostnames it serves
 *                            there ({@link HostnameMatcher#ANY} = every hostname)
 */
public record ParentView(ResourceKey gateway, String sectionName, Integer port, List<Condition> conditions,
                         SortedMap<String, List<String>> hostnamesByListener) {

    public boolean accepted() {
        return Conditions.isTrue(conditions, Conditions.ACCEPTED);
    }
}
