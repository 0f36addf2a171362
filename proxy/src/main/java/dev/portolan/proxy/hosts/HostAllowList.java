package dev.portolan.proxy.hosts;

import dev.portolan.proxy.listen.IpLiterals;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Which {@code Host} header values a server answers: the loopback names (any port), configured names and, if
 * allowed, any IP address literal. A browser sends the name it resolved, so a page of another site whose DNS name
 * was rebound to this server's address is refused (421) before it reads anything. No name is ever resolved. Pure.
 * The one rule for the control plane's API and dashboard and for the proxy's admin endpoint.
 */
public final class HostAllowList {
    /** Allowed whatever is configured. */
    public static final Set<String> LOOPBACK_NAMES = Set.of("localhost", "127.0.0.1", "[::1]");
    private static final Pattern PORT = Pattern.compile(":\\d{1,5}");

    private final Set<String> names;
    private final boolean anyIpLiteral;
    private final boolean anyName;

    /** @param names extra host names (any case, no port); {@code *} allows every Host */
    public HostAllowList(Iterable<String> names, boolean anyIpLiteral) {
        Set<String> all = new TreeSet<>(LOOPBACK_NAMES);
        boolean any = false;
        for (String name : names) {
            String normalized = withoutTrailingDot(name.strip().toLowerCase(Locale.ROOT));
            any |= normalized.equals("*");
            if (!normalized.isEmpty()) {
                all.add(normalized.contains(":") && !normalized.startsWith("[") ? "[" + normalized + "]" : normalized);
            }
        }
        this.names = Set.copyOf(all);
        this.anyIpLiteral = anyIpLiteral;
        this.anyName = any;
    }

    /**
     * For a server listening on {@code bindAddress}: the loopback names, and IP literals once the address is opened
     * beyond loopback (the kubelet and Prometheus address a pod by IP).
     */
    public static HostAllowList forServerBoundTo(String bindAddress) {
        return new HostAllowList(List.of(), !isLoopbackAddress(bindAddress));
    }

    /** Whether a request with this {@code Host} header (null when absent) may be answered. */
    public boolean allows(String hostHeader) {
        if (anyName) {
            return true;
        }
        String host = hostOf(hostHeader);
        if (host == null) {
            return false;
        }
        return names.contains(host) || anyIpLiteral && isIpLiteral(host);
    }

    /** The host part, lower case, without port or trailing dot; null when the value is not {@code host[:port]}. */
    static String hostOf(String hostHeader) {
        if (hostHeader == null) {
            return null;
        }
        String value = hostHeader.strip().toLowerCase(Locale.ROOT);
        String host = value;
        if (value.startsWith("[")) {
            int end = value.indexOf(']');
            if (end < 0 || !(end == value.length() - 1 || PORT.matcher(value.substring(end + 1)).matches())) {
                return null;
            }
            host = value.substring(0, end + 1);
        } else {
            int colon = value.indexOf(':');
            if (colon >= 0) {
                if (!PORT.matcher(value.substring(colon)).matches()) {
                    return null;
                }
                host = value.substring(0, colon);
            }
        }
        host = withoutTrailingDot(host);
        return host.isEmpty() ? null : host;
    }

    /** An IPv4 literal, or an IPv6 literal in brackets as a Host header carries it. */
    private static boolean isIpLiteral(String host) {
        if (host.startsWith("[") && host.endsWith("]")) {
            return IpLiterals.isIpv6(host.substring(1, host.length() - 1));
        }
        return IpLiterals.isIpv4(host);
    }

    private static boolean isLoopbackAddress(String address) {
        String value = address == null ? "" : address.strip().toLowerCase(Locale.ROOT);
        return value.equals("localhost") || value.startsWith("127.") || value.equals("::1") || value.equals("[::1]");
    }

    private static String withoutTrailingDot(String host) {
        return host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
    }
}
