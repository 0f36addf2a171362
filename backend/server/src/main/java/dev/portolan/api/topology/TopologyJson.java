package dev.portolan.api.topology;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The JSON (and YAML) form of a topology. */
public final class TopologyJson {
    private TopologyJson() {
    }

    public static ObjectNode of(TopologyGraph graph) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("snapshotVersion", graph.snapshotVersion());
        ArrayNode nodes = out.putArray("nodes");
        for (TopologyNode node : graph.nodes()) {
            ObjectNode n = nodes.addObject();
            n.put("id", node.id());
            n.put("kind", node.kind());
            if (!node.key().group().isEmpty()) {
                n.put("group", node.key().group());
            }
            if (!node.namespace().isEmpty()) {
                n.put("namespace", node.namespace());
            }
            n.put("name", node.name());
            n.put("status", node.status());
            if (node.self() != null) {
                n.putObject("links").put("self", node.self());
            }
        }
        ArrayNode edges = out.putArray("edges");
        for (TopologyEdge edge : graph.edges()) {
            edges.addObject().put("from", edge.from()).put("to", edge.to()).put("type", edge.type());
        }
        return out;
    }
}
