package dev.portolan.graph;

import dev.portolan.model.ResourceKey;
import java.util.List;

/** An HTTPRoute with at least one parentRef to a Portolan Gateway. */
public record RouteView(ResourceKey key, List<String> hostnames, List<ParentView> parents, List<RuleView> rules) {
}
