package dev.portolan.graph;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portolan.model.ApiGroups;
import java.time.Instant;

/** The HTTPRoute status tree: one {@code parents[]} entry per parentRef to a Portolan Gateway. */
final class RouteStatusBuilder {
    private RouteStatusBuilder() {
    }

    static ObjectNode status(RouteView route, String controllerName, Long generation, Instant now) {
        ObjectNode status = JsonNodeFactory.instance.objectNode();
        ArrayNode parents = status.putArray("parents");
        for (ParentView parent : route.parents()) {
            ObjectNode entry = parents.addObject();
            entry.set("conditions", Conditions.toJson(parent.conditions(), generation, now));
            entry.put("controllerName", controllerName);
            ObjectNode ref = entry.putObject("parentRef");
            // group, kind and namespace are written out even when the spec left them to their defaults.
            ref.put("group", ApiGroups.GATEWAY);
            ref.put("kind", ApiGroups.GATEWAY_KIND);
            ref.put("name", parent.gateway().name());
            ref.put("namespace", parent.gateway().namespace());
            if (parent.port() != null) {
                ref.put("port", parent.port());
            }
            if (parent.sectionName() != null) {
                ref.put("sectionName", parent.sectionName());
            }
        }
        return status;
    }
}
