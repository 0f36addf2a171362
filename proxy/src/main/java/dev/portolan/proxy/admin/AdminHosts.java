package dev.portolan.proxy.admin;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which {@code Host} values the admin endpoint answers: the loopback names (any port) and, once its address is
 * opened beyond loopback, IP address literals too (the kubelet and Prometheus address a pod by IP). Any other name
 * may be a DNS name an attacker rebound to this address to read it through a browser: refused with 421. Pure.
 */
public final class AdminHosts {
    private static final Set<String> LOOPBACK_NAMES = Set.of("localhost", "127.0.0.1", "[::1]");
    private static final Pattern IPV4 =
            Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern IPV6 = Pattern.compile("\\[[0-9a-f]*:[0-9a-f:.]*(%[0-9a-z._~-]+)?]");
    private static final Pattern HOST_AND_PORT = Pattern.compile("(\\[[^]]*]|[^:\\[\\]]*)(:\\d{1,5})?");

    private final boolean ipLiterals;

    /** @param bindAddress the admin endpoint's listening address: IP literals are allowed unless it is loopback */
    public AdminHosts(String bindAddress) {
        this.ipLiterals = !isLoopbackAddress(bindAddress);
    }

    public boolean allows(String hostHeader) {
        if (hostHeader == null) {
            return false;
        }
        var matcher = HOST_AND_PORT.matcher(hostHeader.strip().toLowerCase(Locale.ROOT));
        if (!matcher.matches()) {
            return false;
        }
        String host = matcher.group(1);
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        return LOOPBACK_NAMES.contains(host) || ipLiterals && (IPV4.matcher(host).matches()
                || IPV6.matcher(host).matches());
    }

    private static boolean isLoopbackAddress(String address) {
        String value = address == null ? "" : address.strip().toLowerCase(Locale.ROOT);
        return value.equals("localhost") || value.startsWith("127.") || value.equals("::1") || value.equals("[::1]");
    }
}
