package dev.portolan.web.tools;

import dev.portolan.api.topology.TopologyEdge;
import dev.portolan.api.topology.TopologyGraph;
import dev.portolan.api.topology.TopologyNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The topology as a nested list for the page without JavaScript: GatewayClass → Gateway → HTTPRoute → backend,
 * each item with the policies attached to it. Objects without a parent in the graph (a Gateway whose class is
 * missing, a filtered neighbourhood) are roots too. Items are maps for Thymeleaf, in the graph's (sorted) order.
 */
public final class TopologyTree {
    private TopologyTree() {
    }

    public static List<Map<String, Object>> of(TopologyGraph graph) {
        Map<String, List<String>> children = new LinkedHashMap<>();
        Map<String, List<String>> policies = new LinkedHashMap<>();
        Set<String> hasParent = new HashSet<>();
        Set<String> isPolicy = new HashSet<>();
        for (TopologyEdge edge : graph.edges()) {
            if (edge.hierarchical()) {
                children.computeIfAbsent(edge.from(), k -> new ArrayList<>()).add(edge.to());
                hasParent.add(edge.to());
            } else {
                policies.computeIfAbsent(edge.to(), k -> new ArrayList<>()).add(edge.from());
                isPolicy.add(edge.from());
            }
        }
        Map<String, TopologyNode> byId = new LinkedHashMap<>();
        graph.nodes().forEach(n -> byId.put(n.id(), n));
        List<Map<String, Object>> roots = new ArrayList<>();
        for (TopologyNode node : graph.nodes()) {
            if (!hasParent.contains(node.id()) && !isPolicy.contains(node.id())) {
                roots.add(item(node, byId, children, policies, 0));
            }
        }
        return roots;
    }

    private static Map<String, Object> item(TopologyNode node, Map<String, TopologyNode> byId,
                                            Map<String, List<String>> children, Map<String, List<String>> policies,
                                            int depth) {
        Map<String, Object> out = describe(node);
        List<Map<String, Object>> attached = new ArrayList<>();
        for (String policy : policies.getOrDefault(node.id(), List.of())) {
            attached.add(describe(byId.get(policy)));
        }
        out.put("policies", attached);
        List<Map<String, Object>> kids = new ArrayList<>();
        // the hierarchy has four levels; the bound only guards against a malformed graph
        if (depth < 8) {
            for (String child : children.getOrDefault(node.id(), List.of())) {
                kids.add(item(byId.get(child), byId, children, policies, depth + 1));
            }
        }
        out.put("children", kids);
        return out;
    }

    private static Map<String, Object> describe(TopologyNode node) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", node.id());
        out.put("kind", node.kind());
        out.put("label", node.namespace().isEmpty() ? node.name() : node.namespace() + "/" + node.name());
        out.put("status", node.status());
        out.put("href", uiPath(node.self()));
        return out;
    }

    /** The dashboard page of an API path: {@code /api/v1/httproutes/ns/name} → {@code /ui/httproutes/ns/name}. */
    public static String uiPath(String apiPath) {
        if (apiPath == null || !apiPath.startsWith("/api/v1/")) {
            return null;
        }
        return "/ui/" + apiPath.substring("/api/v1/".length());
    }
}
