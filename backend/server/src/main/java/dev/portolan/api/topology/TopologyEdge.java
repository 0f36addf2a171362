package dev.portolan.api.topology;

/**
 * A directed link: {@code class} GatewayClass → Gateway, {@code parent} Gateway → HTTPRoute, {@code backend} and
 * {@code mirror} HTTPRoute → Service, {@code policy} policy → the object it targets.
 */
public record TopologyEdge(String from, String to, String type) implements Comparable<TopologyEdge> {
    public static final String CLASS = "class";
    public static final String PARENT = "parent";
    public static final String BACKEND = "backend";
    public static final String MIRROR = "mirror";
    public static final String POLICY = "policy";

    /** Everything but policy edges follows the GatewayClass → Gateway → HTTPRoute → backend hierarchy. */
    public boolean hierarchical() {
        return !type.equals(POLICY);
    }

    @Override
    public int compareTo(TopologyEdge other) {
        int c = from.compareTo(other.from);
        if (c == 0) {
            c = to.compareTo(other.to);
        }
        return c != 0 ? c : type.compareTo(other.type);
    }
}
