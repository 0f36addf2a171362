package dev.portolan.proxy.routing;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Finds the most specific entry for a host: exact name, then the longest matching wildcard suffix
 * ({@code *.example.com} matches {@code a.example.com} and {@code a.b.example.com}, not {@code example.com}),
 * then the catch-all entry. Cost depends on the number of labels in the host, not on the number of entries.
 */
final class HostIndex<T> {
    /** A found entry and the hostname pattern it was registered under (null for the catch-all). */
    record Hit<T>(String pattern, T value) {
    }

    private final Map<String, T> exact;
    private final Map<String, T> wildcardBySuffix;
    private final T any;

    private HostIndex(Map<String, T> exact, Map<String, T> wildcardBySuffix, T any) {
        this.exact = exact;
        this.wildcardBySuffix = wildcardBySuffix;
        this.any = any;
    }

    /** @param host already normalised by {@link HostNames#normalize} */
    Hit<T> find(String host) {
        T value = exact.get(host);
        if (value != null) {
            return new Hit<>(host, value);
        }
        // Walking dots left to right tries the longest suffix first; a dot at 0 would leave an empty label.
        for (int dot = host.indexOf('.', 1); dot > 0; dot = host.indexOf('.', dot + 1)) {
            String suffix = host.substring(dot);
            value = wildcardBySuffix.get(suffix);
            if (value != null) {
                return new Hit<>("*" + suffix, value);
            }
        }
        return any == null ? null : new Hit<>(null, any);
    }

    static final class Builder<T> {
        private final Map<String, T> exact = new LinkedHashMap<>();
        private final Map<String, T> wildcard = new LinkedHashMap<>();
        private T any;

        /** Returns the entry for a pattern (null = any host), creating it on first use. */
        T entry(String pattern, Function<String, T> create) {
            if (pattern == null || pattern.equals("*")) {
                if (any == null) {
                    any = create.apply(null);
                }
                return any;
            }
            String p = pattern.toLowerCase(Locale.ROOT);
            if (p.startsWith("*.")) {
                return wildcard.computeIfAbsent(p.substring(1), s -> create.apply(p));
            }
            return exact.computeIfAbsent(p, create);
        }

        /** Whether a pattern is already taken (first registration wins). */
        boolean has(String pattern) {
            if (pattern == null || pattern.equals("*")) {
                return any != null;
            }
            String p = pattern.toLowerCase(Locale.ROOT);
            return p.startsWith("*.") ? wildcard.containsKey(p.substring(1)) : exact.containsKey(p);
        }

        <R> HostIndex<R> build(Function<T, R> finish) {
            Map<String, R> e = new HashMap<>();
            exact.forEach((k, v) -> e.put(k, finish.apply(v)));
            Map<String, R> w = new HashMap<>();
            wildcard.forEach((k, v) -> w.put(k, finish.apply(v)));
            return new HostIndex<>(Map.copyOf(e), Map.copyOf(w), any == null ? null : finish.apply(any));
        }
    }
}
