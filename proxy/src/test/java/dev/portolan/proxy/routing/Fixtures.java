package dev.portolan.proxy.routing;

import dev.portolan.proxy.config.BackendConfig;
import dev.portolan.proxy.config.BackendProtocol;
import dev.portolan.proxy.config.Endpoint;
import dev.portolan.proxy.config.HeaderMatch;
import dev.portolan.proxy.config.ListenerConfig;
import dev.portolan.proxy.config.MatchConfig;
import dev.portolan.proxy.config.PathMatch;
import dev.portolan.proxy.config.Protocol;
import dev.portolan.proxy.config.QueryParamMatch;
import dev.portolan.proxy.config.RouteConfig;
import dev.portolan.proxy.config.RuleConfig;
import dev.portolan.proxy.config.WeightedBackend;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Short builders for routing tests. */
final class Fixtures {
    static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");

    private Fixtures() {
    }

    static ListenerConfig listener(String name, String hostname, RouteConfig... routes) {
        return new ListenerConfig(name, 8080, Protocol.HTTP, hostname, List.of(), List.of(routes));
    }

    static RouteTable table(RouteConfig... routes) {
        return RouteTable.compile(List.of(listener("http", null, routes)));
    }

    static RouteConfig route(String key, long ageOffsetSeconds, List<String> hostnames, RuleConfig... rules) {
        String[] parts = key.split("/");
        return new RouteConfig(parts[0], parts[1], T0.plusSeconds(ageOffsetSeconds), hostnames, List.of(rules));
    }

    static RouteConfig route(String key, RuleConfig... rules) {
        return route(key, 0, List.of(), rules);
    }

    static RuleConfig rule(int index, MatchConfig... matches) {
        BackendConfig backend = new BackendConfig("default/svc:80", List.of(new Endpoint("10.0.0.1", 8080)),
                BackendProtocol.HTTP1, null, null);
        return new RuleConfig(index, null, List.of(matches), List.of(), List.of(new WeightedBackend(1, backend,
                List.of())), null, null);
    }

    static MatchConfig exact(String path) {
        return new MatchConfig(PathMatch.exact(path), List.of(), List.of(), null);
    }

    static MatchConfig prefix(String path) {
        return new MatchConfig(PathMatch.prefix(path), List.of(), List.of(), null);
    }

    static MatchConfig regex(String path) {
        return new MatchConfig(PathMatch.regex(path), List.of(), List.of(), null);
    }

    static MatchConfig method(MatchConfig m, String method) {
        return new MatchConfig(m.path(), m.headers(), m.queryParams(), method);
    }

    static MatchConfig headers(MatchConfig m, HeaderMatch... headers) {
        List<HeaderMatch> all = new ArrayList<>(m.headers());
        all.addAll(Arrays.asList(headers));
        return new MatchConfig(m.path(), all, m.queryParams(), m.method());
    }

    static MatchConfig query(MatchConfig m, QueryParamMatch... params) {
        List<QueryParamMatch> all = new ArrayList<>(m.queryParams());
        all.addAll(Arrays.asList(params));
        return new MatchConfig(m.path(), m.headers(), all, m.method());
    }

    /** "ns/name rule R match M", or "none". */
    static String describe(Optional<RouteMatch> match) {
        return match.map(m -> m.route().key() + " rule " + m.rule().index() + " match " + m.matchIndex())
                .orElse("none");
    }

    static String get(RouteTable table, String host, String path) {
        return describe(table.match(host, "GET", path, Map.of(), null));
    }

    static String request(RouteTable table, String method, String path, Map<String, List<String>> headers,
            String query) {
        return describe(table.match("example.com", method, path, headers, query));
    }
}
