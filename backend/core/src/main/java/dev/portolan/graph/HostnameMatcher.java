package dev.portolan.graph;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Gateway API hostname intersection between a listener hostname and route hostnames. A leading {@code *.} matches
 * one or more labels ({@code *.example.com} matches {@code a.example.com} and {@code a.b.example.com}, not
 * {@code example.com}). {@value #ANY} stands for "no hostname constraint".
 */
public final class HostnameMatcher {
    public static final String ANY = "*";

    private HostnameMatcher() {
    }

    /**
     * The hostnames a route serves on a listener: the intersections of each route hostname with the listener
     * hostname (the narrower of the two), sorted and without duplicates. Empty = no intersection.
     *
     * @param listenerHostname null or empty when the listener accepts every hostname
     * @param routeHostnames   empty when the route accepts every hostname
     */
    public static List<String> effectiveHostnames(String listenerHostname, List<String> routeHostnames) {
        String listener = normalise(listenerHostname);
        if (routeHostnames == null || routeHostnames.isEmpty()) {
            return List.of(listener);
        }
        List<String> out = new ArrayList<>();
        for (String route : routeHostnames) {
            intersect(listener, normalise(route)).filter(h -> !out.contains(h)).ifPresent(out::add);
        }
        out.sort(null);
        return List.copyOf(out);
    }

    /** The narrower hostname when both patterns can match a common host, else empty. */
    public static Optional<String> intersect(String a, String b) {
        a = normalise(a);
        b = normalise(b);
        if (a.equals(ANY)) {
            return Optional.of(b);
        }
        if (b.equals(ANY) || a.equals(b)) {
            return Optional.of(a);
        }
        if (covers(a, b)) {
            return Optional.of(b);
        }
        if (covers(b, a)) {
            return Optional.of(a);
        }
        return Optional.empty();
    }

    /** Whether every host {@code narrower} matches is also matched by the wildcard {@code pattern}. */
    static boolean covers(String pattern, String narrower) {
        if (!pattern.startsWith("*.")) {
            return false;
        }
        String suffix = pattern.substring(1); // ".example.com"
        String rest = narrower.startsWith("*.") ? narrower.substring(2) : narrower;
        // "*.foo.example.com" is covered by "*.example.com"; "foo.example.com" too; "example.com" is not.
        return narrower.startsWith("*.") ? ("." + rest).endsWith(suffix) && rest.length() >= suffix.length()
                : rest.endsWith(suffix) && rest.length() > suffix.length();
    }

    /** Whether a concrete host (no port) is matched by a hostname pattern. */
    public static boolean matches(String pattern, String host) {
        String p = normalise(pattern);
        String h = normalise(host);
        return p.equals(ANY) || p.equals(h) || covers(p, h);
    }

    private static String normalise(String hostname) {
        return hostname == null || hostname.isEmpty() ? ANY : hostname.toLowerCase(Locale.ROOT);
    }
}
