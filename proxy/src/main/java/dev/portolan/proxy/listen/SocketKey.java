package dev.portolan.proxy.listen;

import java.util.Comparator;

/**
 * One listening socket: the address it is bound to (the Gateway's address, or the options' bind address override)
 * and a listener's spec port. The socket's real port is {@code specPort + portOffset}.
 */
public record SocketKey(String address, int specPort) implements Comparable<SocketKey> {
    private static final Comparator<SocketKey> ORDER =
            Comparator.comparing(SocketKey::address).thenComparingInt(SocketKey::specPort);

    /** Used as the Jetty connector name, which is how a request finds its port's routes. */
    @Override
    public String toString() {
        return address + ":" + specPort;
    }

    @Override
    public int compareTo(SocketKey other) {
        return ORDER.compare(this, other);
    }
}
