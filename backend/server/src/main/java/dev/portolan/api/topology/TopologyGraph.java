package dev.portolan.api.topology;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Nodes (hierarchy order, then namespace and name) and edges (sorted) of one snapshot; filters return new graphs. */
public record TopologyGraph(long snapshotVersion, List<TopologyNode> nodes, List<TopologyEdge> edges) {
    public TopologyGraph {
        nodes = List.copyOf(nodes);
        edges = List.copyOf(edges);
    }

    public Optional<TopologyNode> node(String id) {
        return nodes.stream().filter(n -> n.id().equals(id)).findFirst();
    }

    /**
     * Objects of one namespace, plus the cluster-scoped objects (GatewayClasses, Namespaces) linked to them.
     */
    public TopologyGraph inNamespace(String namespace) {
        Set<String> keep = new HashSet<>();
        for (TopologyNode node : nodes) {
            if (node.namespace().equals(namespace)) {
                keep.add(node.id());
            }
        }
        Map<String, TopologyNode> byId = byId();
        for (TopologyEdge edge : edges) {
            if (keep.contains(edge.to()) && byId.get(edge.from()).namespace().isEmpty()) {
                keep.add(edge.from());
            }
            if (keep.contains(edge.from()) && byId.get(edge.to()).namespace().isEmpty()) {
                keep.add(edge.to());
            }
        }
        return retain(keep);
    }

    /**
     * The neighbourhood of one object: its ancestors and descendants along the hierarchy (not its siblings), and the
     * policies attached to any of them. For a policy, the neighbourhoods of its targets plus the policy itself.
     */
    public TopologyGraph neighbourhood(String id) {
        Set<String> start = new HashSet<>();
        boolean policy = edges.stream().anyMatch(e -> e.type().equals(TopologyEdge.POLICY) && e.from().equals(id));
        if (policy) {
            edges.stream().filter(e -> e.type().equals(TopologyEdge.POLICY) && e.from().equals(id))
                    .forEach(e -> start.add(e.to()));
        } else {
            start.add(id);
        }
        Set<String> keep = new HashSet<>(start);
        keep.addAll(walk(start, TopologyEdge::from, TopologyEdge::to));
        keep.addAll(walk(start, TopologyEdge::to, TopologyEdge::from));
        for (TopologyEdge edge : edges) {
            if (!edge.hierarchical() && keep.contains(edge.to())) {
                keep.add(edge.from());
            }
        }
        keep.add(id);
        return retain(keep);
    }

    /** Breadth-first along hierarchical edges; adjacency is indexed first so that big graphs stay linear. */
    private Set<String> walk(Set<String> start, Function<TopologyEdge, String> here,
                             Function<TopologyEdge, String> next) {
        Map<String, List<String>> adjacent = new HashMap<>();
        for (TopologyEdge edge : edges) {
            if (edge.hierarchical()) {
                adjacent.computeIfAbsent(here.apply(edge), k -> new ArrayList<>()).add(next.apply(edge));
            }
        }
        Set<String> seen = new HashSet<>(start);
        Deque<String> queue = new ArrayDeque<>(start);
        while (!queue.isEmpty()) {
            for (String neighbour : adjacent.getOrDefault(queue.poll(), List.of())) {
                if (seen.add(neighbour)) {
                    queue.add(neighbour);
                }
            }
        }
        return seen;
    }

    private TopologyGraph retain(Set<String> ids) {
        List<TopologyNode> keptNodes = new ArrayList<>();
        for (TopologyNode node : nodes) {
            if (ids.contains(node.id())) {
                keptNodes.add(node);
            }
        }
        List<TopologyEdge> keptEdges = edges.stream()
                .filter(e -> ids.contains(e.from()) && ids.contains(e.to())).toList();
        return new TopologyGraph(snapshotVersion, keptNodes, keptEdges);
    }

    private Map<String, TopologyNode> byId() {
        return nodes.stream().collect(Collectors.toMap(TopologyNode::id, n -> n));
    }
}
