package dev.portolan.proxy.config;

import java.util.List;

/**
 * One HTTPRouteMatch: all of its conditions must hold.
 *
 * @param path null means PathPrefix /
 * @param method null means any method
 */
public record MatchConfig(PathMatch path, List<HeaderMatch> headers, List<QueryParamMatch> queryParams, String method) {
    public MatchConfig {
        path = path == null ? PathMatch.prefix("/") : path;
        headers = Checks.list(headers, "MatchConfig", "headers");
        queryParams = Checks.list(queryParams, "MatchConfig", "queryParams");
        if (method != null && method.isBlank()) {
            throw new IllegalArgumentException("MatchConfig.method must not be blank (use null for any method)");
        }
    }

    /** The match Gateway API implies for a rule without matches. */
    public static MatchConfig any() {
        return new MatchConfig(PathMatch.prefix("/"), List.of(), List.of(), null);
    }
}
