package dev.portolan.proxy.forward;

import dev.portolan.proxy.config.FilterConfig.RequestRedirect;
import dev.portolan.proxy.config.MatchConfig;

/** Builds the Location of a RequestRedirect as the Gateway API defines it. Pure. */
public final class RedirectLocation {

    private RedirectLocation() {
    }

    /**
     * @param requestScheme "http" or "https"
     * @param requestHost   the request's host without port
     * @param rawPath       the request path (raw)
     * @param rawQuery      the raw query or null
     * @param specPort      the listener's port as the Gateway spec says
     */
    public static String of(RequestRedirect redirect, String requestScheme, String requestHost, String rawPath,
                     String rawQuery, int specPort, MatchConfig match) {
        String scheme = redirect.scheme() != null ? redirect.scheme().toLowerCase(java.util.Locale.ROOT) : requestScheme;
        String host = redirect.hostname() != null ? redirect.hostname() : requestHost;
        int port;
        if (redirect.port() != null) {
            port = redirect.port();
        } else if (redirect.scheme() != null) {
            // A scheme change without a port goes to the scheme's well-known port.
            port = defaultPort(scheme);
        } else {
            port = specPort;
        }
        StringBuilder location = new StringBuilder(scheme).append("://");
        location.append(host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host);
        if (port != defaultPort(scheme)) {
            location.append(':').append(port);
        }
        location.append(PathRewrite.apply(rawPath, redirect.path(), match));
        if (rawQuery != null && !rawQuery.isEmpty()) {
            location.append('?').append(rawQuery);
        }
        return location.toString();
    }

    static int defaultPort(String scheme) {
        return "https".equals(scheme) ? 443 : 80;
    }
}
