package dev.portolan.proxy.listen;

import dev.portolan.proxy.config.BackendConfig;
import dev.portolan.proxy.config.BackendProtocol;
import dev.portolan.proxy.config.Endpoint;
import dev.portolan.proxy.config.GatewayConfig;
import dev.portolan.proxy.config.HeaderMatch;
import dev.portolan.proxy.config.ListenerConfig;
import dev.portolan.proxy.config.MatchConfig;
import dev.portolan.proxy.config.PathMatch;
import dev.portolan.proxy.config.Protocol;
import dev.portolan.proxy.config.QueryParamMatch;
import dev.portolan.proxy.config.RouteConfig;
import dev.portolan.proxy.config.RuleConfig;
import dev.portolan.proxy.config.WeightedBackend;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One Gateway holding 1,500 routes, shaped like the 20,000-route benchmark's busiest Gateway plus the conditions
 * that benchmark lacks: on port 80 a listener without hostname carries 1,000 routes with a hostname each and 300
 * without hostname (all on the catch-all virtual host: exact, prefix, regex, header- and query-gated rules), a
 * {@code *.api.example.com} listener 150 multi-rule routes; port 8080 50 routes sharing one hostname. Backends are
 * shared between routes, as Services are.
 */
final class ScaleGateway {
    static final int HOSTED = 1_000;
    static final int CATCH_ALL = 300;
    static final int API = 150;
    static final int ADMIN = 50;

    private static final List<BackendConfig> BACKENDS = backends();

    // the routes per listener, in order; changed in place by tests
    final List<RouteConfig> hosted = new ArrayList<>();
    final List<RouteConfig> catchAll = new ArrayList<>();
    final List<RouteConfig> api = new ArrayList<>();
    final List<RouteConfig> admin = new ArrayList<>();

    ScaleGateway() {
        for (int i = 0; i < HOSTED; i++) {
            hosted.add(route("hosted-" + i, i, List.of("r" + i + ".example.com"),
                    List.of(rule(0, match(PathMatch.prefix("/r" + i), List.of(), List.of(), null), i))));
        }
        for (int i = 0; i < CATCH_ALL; i++) {
            catchAll.add(catchAllRoute(i, "/c" + i));
        }
        for (int i = 0; i < API; i++) {
            List<String> hosts = i % 5 == 0 ? List.of("*.api.example.com") : List.of("x" + i + ".api.example.com");
            api.add(route("api-" + i, i, hosts, List.of(
                    rule(0, match(PathMatch.exact("/v1/items/" + i), List.of(), List.of(), "GET"), i),
                    rule(1, match(PathMatch.prefix("/v1"), List.of(HeaderMatch.exact("x-tenant", "t" + i % 12)),
                            List.of(), null), i + 1),
                    rule(2, match(PathMatch.prefix("/"), List.of(), List.of(), null), i + 2))));
        }
        for (int i = 0; i < ADMIN; i++) {
            admin.add(route("admin-" + i, i, List.of("admin.example.com"),
                    List.of(rule(0, match(PathMatch.prefix("/admin/" + i % 20), List.of(),
                            List.of(QueryParamMatch.exact("view", "v" + i % 3)), null), i))));
        }
    }

    /** A catch-all route; {@code path} varies it so that a change moves its rules. */
    static RouteConfig catchAllRoute(int i, String path) {
        MatchConfig m = switch (i % 5) {
            case 0 -> match(PathMatch.exact(path), List.of(), List.of(), null);
            case 1 -> match(PathMatch.prefix(path), List.of(HeaderMatch.exact("x-version", "v" + i % 4)), List.of(),
                    null);
            case 2 -> match(PathMatch.regex(path + "/[0-9]+"), List.of(), List.of(), "GET");
            case 3 -> match(PathMatch.prefix(path), List.of(), List.of(QueryParamMatch.regex("q", "a.*")), null);
            default -> match(PathMatch.prefix(path), List.of(HeaderMatch.regex("x-user", "u[0-9]")), List.of(),
                    "POST");
        };
        return route("any-" + i, i, List.of(), List.of(rule(0, m, i),
                rule(1, match(PathMatch.prefix(path + "/fallback"), List.of(), List.of(), null), i + 1)));
    }

    /** This Gateway with catch-all route {@code i} replaced by {@code replacement}. */
    GatewayConfig with(int i, RouteConfig replacement) {
        catchAll.set(i, replacement);
        return gateway();
    }

    GatewayConfig gateway() {
        List<RouteConfig> http = new ArrayList<>(hosted);
        http.addAll(catchAll);
        return ListenFixtures.gateway("scale", "127.0.0.21", Map.of(),
                new ListenerConfig("http", 80, Protocol.HTTP, null, List.of(), http),
                new ListenerConfig("api", 80, Protocol.HTTP, "*.api.example.com", List.of(), api),
                new ListenerConfig("admin", 8080, Protocol.HTTP, null, List.of(), admin));
    }

    static RouteConfig route(String name, int age, List<String> hostnames, List<RuleConfig> rules) {
        // every third route shares a creation time with its neighbour, so name tie-breaks are exercised
        return new RouteConfig("team-" + age % 7, name, ListenFixtures.T0.plusSeconds(age / 3), hostnames, rules);
    }

    static RuleConfig rule(int index, MatchConfig match, int backend) {
        return new RuleConfig(index, null, List.of(match), List.of(),
                List.of(new WeightedBackend(1, BACKENDS.get(backend % BACKENDS.size()), List.of())), null, null);
    }

    static MatchConfig match(PathMatch path, List<HeaderMatch> headers, List<QueryParamMatch> query,
                                     String method) {
        return new MatchConfig(path, headers, query, method);
    }

    private static List<BackendConfig> backends() {
        List<BackendConfig> out = new ArrayList<>();
        for (int s = 0; s < 40; s++) {
            out.add(new BackendConfig("team/svc-" + s + ":8080", List.of(new Endpoint("10.0.0." + s, 8080)),
                    BackendProtocol.HTTP1, null, null));
        }
        return List.copyOf(out);
    }
}
