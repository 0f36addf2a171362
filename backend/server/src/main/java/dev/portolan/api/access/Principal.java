package dev.portolan.api.access;

/**
 * Who a request acts as: a token's name, {@link #LOOPBACK} (a local client let in by the loopback rule) or
 * {@link #ANONYMOUS} (reads opened to everyone with {@code portolan.api.open-reads}).
 */
public record Principal(String name, Role role) {
    public static final String LOOPBACK = "loopback";
    public static final String ANONYMOUS = "anonymous";
}
