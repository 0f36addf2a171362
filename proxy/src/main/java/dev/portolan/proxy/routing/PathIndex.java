package dev.portolan.proxy.routing;

import dev.portolan.proxy.config.PathMatchType;
import dev.portolan.proxy.config.ValueMatchType;
import java.util.ArrayList;
import java.util.Arrays;
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
    private final Map<String, Bucket> exact;
    private final Map<String, Bucket> prefix;
    private final Bucket regex;
    private final Candidate[] all;

    private PathIndex(List<Candidate> candidates, int indexFrom) {
        Candidate[] sorted = candidates.toArray(Candidate[]::new);
        if (sorted.length > 1) {
            Arrays.sort(sorted, Precedence.ORDER); // stable, as List.sort
        }
        int exactCount = 0;
        int prefixCount = 0;
        for (Candidate c : sorted) {
            PathMatchType type = c.match.path().type();
            if (type == PathMatchType.EXACT) {
                exactCount++;
            } else if (type == PathMatchType.PREFIX) {
                prefixCount++;
            }
        }
        int regexCount = sorted.length - exactCount - prefixCount;
        this.exact = index(sorted, PathMatchType.EXACT, exactCount, indexFrom);
        this.prefix = index(sorted, PathMatchType.PREFIX, prefixCount, indexFrom);
        this.regex = Bucket.of(select(sorted, PathMatchType.REGEX, regexCount), indexFrom);
        this.all = sorted;
    }

    static PathIndex of(List<Candidate> candidates) {
        return new PathIndex(candidates, Bucket.INDEX_FROM);
    }

    /** With buckets indexed by header value from {@code indexFrom} candidates on (tests compare with none). */
    static PathIndex of(List<Candidate> candidates, int indexFrom) {
        return new PathIndex(candidates, indexFrom);
    }

    /** The path key a candidate of an exact or prefix match is indexed under. */
    private static String keyOf(Candidate c) {
        String value = c.match.path().value();
        return c.match.path().type() == PathMatchType.PREFIX ? normalizePrefix(value) : value;
    }

    /** The {@code count} candidates of one path match type, in the order given (the array itself when all are). */
    private static Candidate[] select(Candidate[] sorted, PathMatchType type, int count) {
        if (count == sorted.length) {
            return sorted;
        }
        Candidate[] out = new Candidate[count];
        int n = 0;
        for (Candidate c : sorted) {
            if (c.match.path().type() == type) {
                out[n++] = c;
            }
        }
        return out;
    }

    /** The {@code count} candidates of one path match type by path key, each bucket in precedence order. */
    @SuppressWarnings("unchecked")
    private static Map<String, Bucket> index(Candidate[] sorted, PathMatchType type, int count, int indexFrom) {
        if (count == 0) {
            return Map.of();
        }
        Candidate[] ofType = select(sorted, type, count);
        String firstKey = keyOf(ofType[0]);
        boolean oneKey = true;
        for (int i = 1; i < ofType.length && oneKey; i++) {
            oneKey = firstKey.equals(keyOf(ofType[i]));
        }
        if (oneKey) {
            // the common case of a virtual host with one route of one path
            return Map.of(firstKey, Bucket.of(ofType, indexFrom));
        }
        Map<String, List<Candidate>> lists = new HashMap<>(capacity(count));
        for (Candidate c : ofType) {
            lists.computeIfAbsent(keyOf(c), k -> new ArrayList<>(2)).add(c);
        }
        Map.Entry<String, Bucket>[] entries = new Map.Entry[lists.size()];
        int n = 0;
        for (Map.Entry<String, List<Candidate>> list : lists.entrySet()) {
            entries[n++] = Map.entry(list.getKey(), Bucket.of(list.getValue().toArray(Candidate[]::new), indexFrom));
        }
        return Map.ofEntries(entries);
    }

    /** A HashMap capacity that holds {@code size} entries without resizing. */
    static int capacity(int size) {
        return (int) (size / 0.75f) + 1;
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

    private static Candidate first(Bucket bucket, RouteRequest request, Predicate<Candidate> pathCheck) {
        return bucket == null ? null : first(bucket.candidatesFor(request), request, pathCheck);
    }

    private static Candidate first(Candidate[] candidates, RouteRequest request, Predicate<Candidate> pathCheck) {
        for (Candidate c : candidates) {
            if ((pathCheck == null || pathCheck.test(c)) && c.conditionsHold(request)) {
                return c;
            }
        }
        return null;
    }

    /**
     * The candidates of one path key in precedence order. When there are many and each requires an Exact value
     * of the same header (routes told apart by a tenant or version header), they are also indexed by that value:
     * a request then checks only the candidates its value can satisfy, in the same order, instead of all of them.
     */
    static final class Bucket {
        /** Below this many candidates a scan is as quick as the lookup. */
        static final int INDEX_FROM = 8;
        private static final Candidate[] NONE = new Candidate[0];
        private static final Bucket EMPTY = new Bucket(NONE, null, Map.of());

        final Candidate[] all;
        /** The header every candidate requires an Exact value of, or null (no index). */
        final String header;
        private final Map<String, Candidate[]> byValue;

        private Bucket(Candidate[] all, String header, Map<String, Candidate[]> byValue) {
            this.all = all;
            this.header = header;
            this.byValue = byValue;
        }

        static Bucket of(List<Candidate> inOrder, int indexFrom) {
            return of(inOrder.toArray(Candidate[]::new), indexFrom);
        }

        /** @param all in precedence order; kept, not copied */
        static Bucket of(Candidate[] all, int indexFrom) {
            if (all.length == 0) {
                return EMPTY;
            }
            String header = all.length >= indexFrom && all[0].headers.length > 0 ? all[0].headers[0].name() : null;
            if (header == null) {
                return new Bucket(all, null, Map.of());
            }
            Map<String, List<Candidate>> lists = new HashMap<>();
            for (Candidate c : all) {
                String value = exactValue(c, header);
                if (value == null) {
                    return new Bucket(all, null, Map.of());
                }
                lists.computeIfAbsent(value, k -> new ArrayList<>()).add(c);
            }
            Map<String, Candidate[]> byValue = new HashMap<>();
            lists.forEach((value, list) -> byValue.put(value, list.toArray(Candidate[]::new)));
            return new Bucket(all, header, Map.copyOf(byValue));
        }

        /** The candidate's Exact value for the header (names ignore case), null when it has no such condition. */
        private static String exactValue(Candidate c, String header) {
            for (Candidate.Condition condition : c.headers) {
                if (condition.name().equalsIgnoreCase(header)) {
                    return condition.type() == ValueMatchType.EXACT ? condition.value() : null;
                }
            }
            return null;
        }

        /** Every candidate that may match the request, in precedence order (a superset of those that do). */
        Candidate[] candidatesFor(RouteRequest request) {
            if (header == null) {
                return all;
            }
            String value = request.header(header);
            Candidate[] some = value == null ? null : byValue.get(value);
            return some == null ? NONE : some;
        }
    }

    /** All candidates in precedence order (for explanations, not for the request path). */
    List<Candidate> all() {
        return List.of(all);
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
