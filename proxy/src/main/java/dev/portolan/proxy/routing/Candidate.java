package dev.portolan.proxy.routing;

import dev.portolan.proxy.config.HeaderMatch;
import com.google.re2j.Pattern;
import dev.portolan.proxy.config.ListenerConfig;
import dev.portolan.proxy.config.MatchConfig;
import dev.portolan.proxy.config.PathMatchType;
import dev.portolan.proxy.config.QueryParamMatch;
import dev.portolan.proxy.config.RouteConfig;
import dev.portolan.proxy.config.RouteRegex;
import dev.portolan.proxy.config.RuleConfig;
import dev.portolan.proxy.config.ValueMatchType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One (route, rule, match) compiled for fast checks: regexes compiled once (RE2/J, linear time), duplicate
 * conditions dropped.
 */
final class Candidate {
    private static final Condition[] NO_CONDITIONS = new Condition[0];

    final RouteMatch result;
    final MatchConfig match;
    final Pattern pathRegex;
    final String method;
    final Condition[] headers;
    final Condition[] queryParams;

    /** A header or query condition; for headers the name is kept as written (lookup ignores case). */
    record Condition(String name, ValueMatchType type, String value, Pattern regex) {
        boolean accepts(String actual) {
            return actual != null && (type == ValueMatchType.EXACT ? value.equals(actual) : regex.matcher(actual).matches());
        }

        String describe() {
            return (type == ValueMatchType.EXACT ? "Exact '" : "RegularExpression '") + value + "'";
        }
    }

    Candidate(ListenerConfig listener, RouteConfig route, RuleConfig rule, int matchIndex, MatchConfig match) {
        this.result = new RouteMatch(listener, route, rule, matchIndex);
        this.match = match;
        this.pathRegex = match.path().type() == PathMatchType.REGEX
                ? RouteRegex.compile(match.path().value(), "PathMatch.value") : null;
        this.method = match.method();
        this.headers = headerConditions(match.headers());
        this.queryParams = queryConditions(match.queryParams());
    }

    /** The same compiled checks for the same route, rule and match, attached to another listener object. */
    private Candidate(ListenerConfig listener, Candidate compiled) {
        RouteMatch r = compiled.result;
        this.result = new RouteMatch(listener, r.route(), r.rule(), r.matchIndex());
        this.match = compiled.match;
        this.pathRegex = compiled.pathRegex;
        this.method = compiled.method;
        this.headers = compiled.headers;
        this.queryParams = compiled.queryParams;
    }

    /**
     * This candidate as {@code listener} would compile it: itself when already of that listener, else a copy
     * sharing the compiled checks (they depend only on the route's own objects, not on the listener).
     */
    Candidate of(ListenerConfig listener) {
        return result.listener() == listener ? this : new Candidate(listener, this);
    }

    /** Gateway API: of several conditions on the same header name only the first counts. */
    private static Condition[] headerConditions(List<HeaderMatch> matches) {
        if (matches.isEmpty()) {
            return NO_CONDITIONS;
        }
        // few conditions per match: a scan over the names kept so far is cheaper than a set
        String[] kept = new String[matches.size()];
        List<Condition> out = new ArrayList<>(matches.size());
        for (HeaderMatch m : matches) {
            String name = m.name().toLowerCase(Locale.ROOT);
            if (!contains(kept, out.size(), name)) {
                kept[out.size()] = name;
                out.add(condition(m.name(), m.type(), m.value()));
            }
        }
        return out.toArray(Condition[]::new);
    }

    /** Query parameter names are case-sensitive; again only the first condition per name counts. */
    private static Condition[] queryConditions(List<QueryParamMatch> matches) {
        if (matches.isEmpty()) {
            return NO_CONDITIONS;
        }
        String[] kept = new String[matches.size()];
        List<Condition> out = new ArrayList<>(matches.size());
        for (QueryParamMatch m : matches) {
            if (!contains(kept, out.size(), m.name())) {
                kept[out.size()] = m.name();
                out.add(condition(m.name(), m.type(), m.value()));
            }
        }
        return out.toArray(Condition[]::new);
    }

    private static boolean contains(String[] names, int count, String name) {
        for (int i = 0; i < count; i++) {
            if (names[i].equals(name)) {
                return true;
            }
        }
        return false;
    }

    private static Condition condition(String name, ValueMatchType type, String value) {
        return new Condition(name, type, value, type == ValueMatchType.REGEX
                ? RouteRegex.compile(value, name) : null);
    }

    /** Method, header and query checks; the path was already matched by the index. */
    boolean conditionsHold(RouteRequest request) {
        if (method != null && !method.equals(request.method())) {
            return false;
        }
        for (Condition h : headers) {
            if (!h.accepts(request.header(h.name()))) {
                return false;
            }
        }
        for (Condition q : queryParams) {
            if (!q.accepts(request.queryParam(q.name()))) {
                return false;
            }
        }
        return true;
    }

    boolean pathMatches(String path) {
        String value = match.path().value();
        return switch (match.path().type()) {
            case EXACT -> value.equals(path);
            case PREFIX -> PathIndex.prefixMatches(PathIndex.normalizePrefix(value), path);
            case REGEX -> pathRegex.matcher(path).matches();
        };
    }

    /** Every reason this candidate does not match the request; empty when it matches. */
    List<String> misses(RouteRequest request) {
        List<String> reasons = new ArrayList<>();
        if (!pathMatches(request.path())) {
            reasons.add("path '" + request.path() + "' does not match " + describePath());
        }
        if (method != null && !method.equals(request.method())) {
            reasons.add("method " + request.method() + " is not " + method);
        }
        for (Condition h : headers) {
            String actual = request.header(h.name());
            if (actual == null) {
                reasons.add("header '" + h.name() + "' is missing (wanted " + h.describe() + ")");
            } else if (!h.accepts(actual)) {
                reasons.add("header '" + h.name() + "' is '" + actual + "', not " + h.describe());
            }
        }
        for (Condition q : queryParams) {
            String actual = request.queryParam(q.name());
            if (actual == null) {
                reasons.add("query param '" + q.name() + "' is missing (wanted " + q.describe() + ")");
            } else if (!q.accepts(actual)) {
                reasons.add("query param '" + q.name() + "' is '" + actual + "', not " + q.describe());
            }
        }
        return reasons;
    }

    String describePath() {
        return switch (match.path().type()) {
            case EXACT -> "Exact '" + match.path().value() + "'";
            case PREFIX -> "PathPrefix '" + match.path().value() + "'";
            case REGEX -> "RegularExpression '" + match.path().value() + "'";
        };
    }
}
