package dev.portolan.proxy.routing;

import dev.portolan.proxy.config.PathMatchType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The rules of one virtual host indexed by path: an exact-path map, a prefix map walked segment by segment
 * from the longest prefix of the request path to "/", and a list of regular expressions. Each bucket is sorted
 * by {@link Precedence}, so the first candidate whose method/header/query checks pass wins.
 */
final class PathIndex {
    private final Map<String, Candidate[]> exact;
    private final Map<String, Candidate[]> prefix;
    private final Candidate[] regex;
    private final List<Candidate> all;

    private PathIndex(List<Candidate> candidates) {
        List<Candidate> sorted = new ArrayList<>(candidates);
        sorted.sort(Precedence.ORDER);
        Map<String, List<Candidate>> exactLists = new HashMap<>();
        Map<String, List<Candidate>> prefixLists = new HashMap<>();
        List<Candidate> regexList = new ArrayList<>();
        for (Candidate c : sorted) {
            PathMatchType type = c.match.path().type();
            String value = c.match.path().value();
            if (type == PathMatchType.EXACT) {
                exactLists.computeIfAbsent(value, k -> new ArrayList<>()).add(c);
            } else if (type == PathMatchType.PREFIX) {
                prefixLists.computeIfAbsent(normalizePrefix(value), k -> new ArrayList<>()).add(c);
            } else {
                regexList.add(c);
            }
        }
        this.exact = freeze(exactLists);
        this.prefix = freeze(prefixLists);
        this.regex = regexList.toArray(Candidate[]::new);
        this.all = List.copyOf(sorted);
    }

    static PathIndex of(List<Candidate> candidates) {
        return new PathIndex(candidates);
    }

    private static Map<String, Candidate[]> freeze(Map<String, List<Candidate>> lists) {
        Map<String, Candidate[]> out = new HashMap<>();
        lists.forEach((k, v) -> out.put(k, v.toArray(Candidate[]::new)));
        return Map.copyOf(out);
    }

    /** The first candidate in precedence order that matches, or null. */
    Candidate find(RouteRequest request) {
        String path = request.path();
        Candidate hit = first(exact.get(path), request, null);
        if (hit != null) {
            return hit;
        }
        // Longest prefix first: "/a/b/c" tries "/a/b/c", "/a/b", "/a", "/".
        String key = stripTrailingSlashes(path);
        while (true) {
            hit = first(prefix.get(key.isEmpty() ? "/" : key), request, null);
            if (hit != null) {
                return hit;
            }
            if (key.isEmpty() || key.equals("/")) {
                break;
            }
            int slash = key.lastIndexOf('/');
            key = slash < 0 ? "" : key.substring(0, slash);
        }
        return first(regex, request, c -> c.pathRegex.matcher(path).matches());
    }

    private static Candidate first(Candidate[] bucket, RouteRequest request, Predicate<Candidate> pathCheck) {
        if (bucket == null) {
            return null;
        }
        for (Candidate c : bucket) {
            if ((pathCheck == null || pathCheck.test(c)) && c.conditionsHold(request)) {
                return c;
            }
        }
        return null;
    }

    /** All candidates in precedence order (for explanations, not for the request path). */
    List<Candidate> all() {
        return all;
    }

    /** "/foo/" and "/foo" match the same paths; "/" stays "/". */
    static String normalizePrefix(String prefix) {
        String p = stripTrailingSlashes(prefix);
        return p.isEmpty() ? "/" : p;
    }

    private static String stripTrailingSlashes(String path) {
        int end = path.length();
        while (end > 0 && path.charAt(end - 1) == '/') {
            end--;
        }
        return path.substring(0, end);
    }

    /** Segment-wise: "/foo" matches "/foo", "/foo/" and "/foo/bar" but not "/foobar". */
    static boolean prefixMatches(String normalizedPrefix, String path) {
        if (normalizedPrefix.equals("/")) {
            return true;
        }
        return path.startsWith(normalizedPrefix)
                && (path.length() == normalizedPrefix.length() || path.charAt(normalizedPrefix.length()) == '/');
    }
}
