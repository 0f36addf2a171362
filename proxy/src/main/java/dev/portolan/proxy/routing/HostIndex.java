package dev.portolan.proxy.routing;

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

    // Hits are built once here, so that a lookup allocates nothing.
    private final Map<String, Hit<T>> exact;
    private final Map<String, Hit<T>> wildcardBySuffix;
    private final Hit<T> any;

    private HostIndex(Map<String, Hit<T>> exact, Map<String, Hit<T>> wildcardBySuffix, Hit<T> any) {
        this.exact = exact;
        this.wildcardBySuffix = wildcardBySuffix;
        this.any = any;
    }

    /** @param host already normalised by {@link HostNames#normalize} */
    Hit<T> find(String host) {
        Hit<T> hit = exact.isEmpty() ? null : exact.get(host);
        if (hit != null) {
            return hit;
        }
        if (!wildcardBySuffix.isEmpty()) {
            // Walking dots left to right tries the longest suffix first; a dot at 0 would leave an empty label.
            for (int dot = host.indexOf('.', 1); dot > 0; dot = host.indexOf('.', dot + 1)) {
                hit = wildcardBySuffix.get(host.substring(dot));
                if (hit != null) {
                    return hit;
                }
            }
        }
        return any;
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
            return new HostIndex<>(hits(exact, "", finish), hits(wildcard, "*", finish),
                    any == null ? null : new Hit<>(null, finish.apply(any)));
        }

        /** Each entry finished, as a hit under its pattern ({@code patternPrefix} + key). */
        @SuppressWarnings("unchecked")
        private static <T, R> Map<String, Hit<R>> hits(Map<String, T> entries, String patternPrefix,
                                                        Function<T, R> finish) {
            if (entries.isEmpty()) {
                return Map.of();
            }
            Map.Entry<String, Hit<R>>[] hits = new Map.Entry[entries.size()];
            int n = 0;
            for (Map.Entry<String, T> entry : entries.entrySet()) {
                String key = entry.getKey();
                String pattern = patternPrefix.isEmpty() ? key : patternPrefix + key;
                hits[n++] = Map.entry(key, new Hit<>(pattern, finish.apply(entry.getValue())));
            }
            return Map.ofEntries(hits);
        }
    }
}
