package dev.portolan.graph;

/** A route group/kind a listener accepts, as in {@code status.listeners[].supportedKinds}. */
public record RouteKind(String group, String kind) implements Comparable<RouteKind> {
    public RouteKind {
        group = group == null ? "" : group;
    }

    @Override
    public int compareTo(RouteKind other) {
        int byGroup = group.compareTo(other.group);
        return byGroup != 0 ? byGroup : kind.compareTo(other.kind);
    }
}
