package dev.portolan.proxy.routing;

import java.util.Locale;

/** Host header normalisation shared by listener and route selection. */
public final class HostNames {
    private HostNames() {
    }

    /**
     * Lower-cases the host, drops the port and a trailing dot. IPv6 literals keep their brackets
     * ({@code [::1]:8080} becomes {@code [::1]}).
     */
    public static String normalize(String hostHeader) {
        if (hostHeader == null) {
            return "";
        }
        String host = hostHeader.trim();
        if (host.startsWith("[")) {
            int end = host.indexOf(']');
            return (end > 0 ? host.substring(0, end + 1) : host).toLowerCase(Locale.ROOT);
        }
        int colon = host.indexOf(':');
        if (colon >= 0 && host.indexOf(':', colon + 1) < 0) {
            host = host.substring(0, colon);
        }
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        return host.toLowerCase(Locale.ROOT);
    }
}
