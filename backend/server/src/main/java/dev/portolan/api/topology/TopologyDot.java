package dev.portolan.api.topology;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Graphviz DOT of a topology: left to right, one cluster per namespace (cluster-scoped objects outside), a shape per
 * kind, colour per status, policy edges dashed. Every id is quoted, so any object name is safe.
 */
public final class TopologyDot {
    public static final String MEDIA_TYPE = "text/vnd.graphviz";

    private TopologyDot() {
    }

    public static String render(TopologyGraph graph) {
        StringBuilder out = new StringBuilder();
        out.append("digraph \"portolan\" {\n");
        out.append("  rankdir=LR;\n");
        out.append("  label=").append(quote("Portolan topology, snapshot " + graph.snapshotVersion())).append(";\n");
        out.append("  node [fontname=\"Helvetica\", fontsize=10];\n");
        out.append("  edge [fontname=\"Helvetica\", fontsize=9];\n");
        Map<String, List<TopologyNode>> byNamespace = new TreeMap<>();
        for (TopologyNode node : graph.nodes()) {
            byNamespace.computeIfAbsent(node.namespace(), ns -> new ArrayList<>()).add(node);
        }
        for (Map.Entry<String, List<TopologyNode>> group : byNamespace.entrySet()) {
            String indent = "  ";
            if (!group.getKey().isEmpty()) {
                out.append("  subgraph ").append(quote("cluster_" + group.getKey())).append(" {\n");
                out.append("    label=").append(quote("namespace " + group.getKey())).append(";\n");
                out.append("    style=rounded;\n");
                indent = "    ";
            }
            for (TopologyNode node : group.getValue()) {
                out.append(indent).append(quote(node.id())).append(" [label=")
                        .append(quote(node.kind() + "\n" + node.name())).append(", shape=").append(shape(node))
                        .append(", color=").append(color(node.status())).append("];\n");
            }
            if (!group.getKey().isEmpty()) {
                out.append("  }\n");
            }
        }
        for (TopologyEdge edge : graph.edges()) {
            out.append("  ").append(quote(edge.from())).append(" -> ").append(quote(edge.to()))
                    .append(" [label=").append(quote(edge.type()));
            if (!edge.hierarchical()) {
                out.append(", style=dashed, arrowhead=odot");
            } else if (edge.type().equals(TopologyEdge.MIRROR)) {
                out.append(", style=dotted");
            }
            out.append("];\n");
        }
        out.append("}\n");
        return out.toString();
    }

    private static String shape(TopologyNode node) {
        return switch (node.kind()) {
            case "GatewayClass" -> "octagon";
            case "Gateway" -> "box3d";
            case "HTTPRoute" -> "box";
            case "Service" -> "ellipse";
            default -> "note";
        };
    }

    private static String color(String status) {
        return switch (status) {
            case TopologyNode.ERROR -> "red";
            case TopologyNode.WARNING -> "orange";
            default -> "black";
        };
    }

    /** A DOT quoted string: backslash and quote escaped, newlines as DOT's centred line break. */
    static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }
}
