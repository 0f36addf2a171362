package dev.portolan.graph;

/** A ready backend address from an EndpointSlice. */
public record Endpoint(String ip, int port) implements Comparable<Endpoint> {
    @Override
    public int compareTo(Endpoint other) {
        int byIp = ip.compareTo(other.ip);
        return byIp != 0 ? byIp : Integer.compare(port, other.port);
    }
}
