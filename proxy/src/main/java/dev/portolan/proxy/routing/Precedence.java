package dev.portolan.proxy.routing;

import dev.portolan.proxy.config.PathMatchType;
import java.util.Comparator;

/**
 * Gateway API match precedence between candidates whose path conditions are equally specific (the path
 * index already orders Exact before longer PathPrefix before shorter PathPrefix before RegularExpression):
 * method match, then more header matches, then more query param matches, then the oldest route, then route
 * {@code namespace/name} alphabetically, then rule order, then match order.
 */
final class Precedence {
    static final Comparator<Candidate> ORDER = Comparator
            .comparingInt((Candidate c) -> pathRank(c))
            .thenComparingInt(c -> -pathLength(c))
            .thenComparingInt(c -> c.method == null ? 1 : 0)
            .thenComparingInt(c -> -c.headers.length)
            .thenComparingInt(c -> -c.queryParams.length)
            .thenComparing(c -> c.result.route().creationTimestamp())
            .thenComparing(c -> c.result.route().namespace())
            .thenComparing(c -> c.result.route().name())
            .thenComparingInt(c -> c.result.rule().index())
            .thenComparingInt(c -> c.result.matchIndex());

    private Precedence() {
    }

    private static int pathRank(Candidate c) {
        PathMatchType type = c.match.path().type();
        return type == PathMatchType.EXACT ? 0 : type == PathMatchType.PREFIX ? 1 : 2;
    }

    /** Longer PathPrefix first (counted after dropping a trailing slash, which does not change matching). */
    private static int pathLength(Candidate c) {
        return c.match.path().type() == PathMatchType.PREFIX
                ? PathIndex.normalizePrefix(c.match.path().value()).length()
                : 0;
    }
}
