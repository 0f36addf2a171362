package dev.portolan.proxy.listen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portolan.proxy.config.BackendConfig;
import dev.portolan.proxy.config.BackendProtocol;
import dev.portolan.proxy.config.Endpoint;
import dev.portolan.proxy.config.GatewayConfig;
import dev.portolan.proxy.config.HeaderMatch;
import dev.portolan.proxy.config.ListenerConfig;
import dev.portolan.proxy.config.PathMatch;
import dev.portolan.proxy.config.RouteConfig;
import dev.portolan.proxy.config.RuleConfig;
import dev.portolan.proxy.config.WeightedBackend;
import dev.portolan.proxy.observe.GatewayMetrics;
import dev.portolan.proxy.observe.RequestStats;
import dev.portolan.proxy.routing.RouteMatch;
import dev.portolan.proxy.routing.RouteRequest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A Gateway recompiled after one change (reusing what its previous sockets compiled for unchanged route objects)
 * matches every request as a compile from scratch does, to the very config objects, and attaches the same metrics
 * series to every route and backend. Random changes over {@link ScaleGateway}: routes moved, re-hosted, removed,
 * added, reordered, replaced by equal copies, given new backends, and one route object attached to two listeners
 * of a port.
 */
class RecompileEquivalenceTest {
    private static final int ROUNDS = 60;
    private static final int REQUESTS = 1_500;

    @Test
    void recompiledSocketsMatchAndCountAsCompiledFromScratch() {
        Random random = new Random(11);
        GatewayMetrics metrics = new GatewayMetrics();
        ProxyServerOptions options = ProxyServerOptions.defaults();
        ScaleGateway scale = new ScaleGateway();
        LiveConfig live = AcceptedCompile.compile(scale.gateway(), null, metrics, options);
        int matched = 0;
        for (int round = 0; round < ROUNDS; round++) {
            String change = change(scale, random, round);
            live = AcceptedCompile.compile(scale.gateway(), live, metrics, options);
            // an equal Gateway is served as the previous object (IsolatedCompile): compare with that one
            LiveConfig scratch = AcceptedCompile.compile(live.config().gateways().get(0), null, metrics, options);
            assertEquals(scratch.ports().keySet(), live.ports().keySet(), change);
            for (SocketKey socket : scratch.ports().keySet()) {
                matched += compare(change, scratch.ports().get(socket), live.ports().get(socket), random);
            }
        }
        assertTrue(matched > ROUNDS * REQUESTS / 5, "requests that matched a route: " + matched);
    }

    /** Compares the two on random requests; returns how many matched a route. */
    private static int compare(String change, PortRoutes scratch, PortRoutes recompiled, Random random) {
        same(scratch.gateway(), recompiled.gateway());
        assertEquals(scratch.backendStats().size(), recompiled.backendStats().size(), change);
        scratch.backendStats().forEach((backend, stats) ->
                same(stats, recompiled.backendStats().get(backend), change + ": " + backend.name()));
        assertEquals(scratch.routeStats().size(), recompiled.routeStats().size(), change);
        scratch.routeStats().forEach((listener, byRoute) -> {
            Map<RouteConfig, RequestStats> other = recompiled.routeStats().get(listener);
            assertEquals(byRoute.size(), other.size(), change);
            byRoute.forEach((route, stats) -> same(stats, other.get(route), change + ": " + route.key()));
        });
        int matched = 0;
        for (int i = 0; i < REQUESTS; i++) {
            RouteRequest request = request(random, scratch.specPort());
            Optional<RouteMatch> expected = scratch.table().match(request);
            Optional<RouteMatch> actual = recompiled.table().match(request);
            String what = change + ": " + request;
            assertEquals(expected.isPresent(), actual.isPresent(), what);
            same(scratch.table().listenerFor(request.host()), recompiled.table().listenerFor(request.host()),
                    what);
            if (expected.isPresent()) {
                matched++;
                RouteMatch e = expected.get();
                RouteMatch a = actual.get();
                same(e.listener(), a.listener(), what);
                same(e.route(), a.route(), what);
                same(e.rule(), a.rule(), what);
                assertEquals(e.matchIndex(), a.matchIndex(), what);
                same(scratch.routeStats(e), recompiled.routeStats(a), what);
            }
            if (i % 50 == 0) {
                assertEquals(scratch.table().explain(request, 5), recompiled.table().explain(request, 5), what);
            }
        }
        return matched;
    }

    /** assertSame without printing the (huge) objects. */
    private static void same(Object expected, Object actual, String what) {
        assertTrue(expected == actual, what);
    }

    private static void same(Object expected, Object actual) {
        assertTrue(expected == actual);
    }

    /** One random change to the Gateway's routes; returns what it did, for messages. */
    private static String change(ScaleGateway scale, Random random, int round) {
        int kind = random.nextInt(8);
        switch (kind) {
            case 0 -> {
                int i = random.nextInt(scale.catchAll.size());
                scale.catchAll.set(i, ScaleGateway.catchAllRoute(i, "/c" + i + "-" + round));
                return "catch-all route " + i + " moved";
            }
            case 1 -> {
                int i = random.nextInt(scale.hosted.size());
                int j = random.nextInt(ScaleGateway.HOSTED);
                List<String> hosts = switch (random.nextInt(3)) {
                    case 0 -> List.of("r" + j + ".example.com");
                    case 1 -> List.of("*.example.com", "r" + j + ".example.com");
                    default -> List.of();
                };
                scale.hosted.set(i, ScaleGateway.route("hosted-" + i, round, hosts, List.of(ScaleGateway.rule(0,
                        ScaleGateway.match(PathMatch.prefix("/r" + j), List.of(HeaderMatch.exact("x-version", "v1")),
                                List.of(), null), i))));
                return "hosted route " + i + " re-hosted on " + hosts;
            }
            case 2 -> {
                int i = random.nextInt(scale.api.size());
                RouteConfig r = scale.api.get(i);
                scale.api.set(i, new RouteConfig(r.namespace(), r.name(), r.creationTimestamp(),
                        new ArrayList<>(r.hostnames()), new ArrayList<>(r.rules())));
                return "api route " + i + " replaced by an equal copy";
            }
            case 3 -> {
                if (random.nextBoolean() && scale.catchAll.size() > 1) {
                    int i = random.nextInt(scale.catchAll.size());
                    scale.catchAll.remove(i);
                    return "catch-all route " + i + " removed";
                }
                int n = ScaleGateway.CATCH_ALL + round;
                scale.catchAll.add(random.nextInt(scale.catchAll.size() + 1),
                        ScaleGateway.catchAllRoute(n, "/c" + random.nextInt(ScaleGateway.CATCH_ALL)));
                return "catch-all route " + n + " added on another route's path";
            }
            case 4 -> {
                Collections.swap(scale.catchAll, random.nextInt(scale.catchAll.size()),
                        random.nextInt(scale.catchAll.size()));
                return "two catch-all routes swapped";
            }
            case 5 -> {
                int i = random.nextInt(scale.hosted.size());
                RouteConfig r = scale.hosted.get(i);
                BackendConfig fresh = new BackendConfig("team/new-" + round + ":8080",
                        List.of(new Endpoint("10.0.1.1", 8080)), BackendProtocol.HTTP1, null, null);
                List<RuleConfig> rules = new ArrayList<>();
                for (RuleConfig rule : r.rules()) {
                    rules.add(new RuleConfig(rule.index(), rule.name(), rule.matches(), rule.filters(),
                            List.of(new WeightedBackend(1, fresh, List.of())), null, null));
                }
                scale.hosted.set(i, new RouteConfig(r.namespace(), r.name(), r.creationTimestamp(), r.hostnames(),
                        rules));
                return "hosted route " + i + " sent to a new backend";
            }
            case 6 -> {
                // the same object on both listeners of port 80
                RouteConfig shared = scale.hosted.get(random.nextInt(scale.hosted.size()));
                scale.api.set(random.nextInt(scale.api.size()), shared);
                return "hosted route " + shared.key() + " also attached to listener api";
            }
            default -> {
                int i = random.nextInt(scale.admin.size());
                scale.admin.set(i, ScaleGateway.route("admin-" + i, round % 4, List.of("admin.example.com"),
                        List.of(ScaleGateway.rule(0, ScaleGateway.match(PathMatch.prefix("/admin/" + i % 20),
                                List.of(), List.of(), null), round))));
                return "admin route " + i + " lost its query condition";
            }
        }
    }

    private static RouteRequest request(Random random, int port) {
        int i = random.nextInt(ScaleGateway.HOSTED);
        int c = random.nextInt(ScaleGateway.CATCH_ALL);
        String host = port == 8080
                ? (random.nextInt(5) == 0 ? "other.example.com" : "admin.example.com")
                : switch (random.nextInt(5)) {
                    case 0 -> "r" + i + ".example.com";
                    case 1 -> "x" + random.nextInt(ScaleGateway.API) + ".api.example.com";
                    case 2 -> "any" + random.nextInt(3) + ".api.example.com";
                    case 3 -> "elsewhere.example.com";
                    default -> "any.example.com";
                };
        String path = switch (random.nextInt(9)) {
            case 0 -> "/r" + i;
            case 1 -> "/r" + i + "/x";
            case 2 -> "/c" + c;
            case 3 -> "/c" + c + "/" + random.nextInt(100);
            case 4 -> "/c" + c + "-" + random.nextInt(ROUNDS) + "/fallback";
            case 5 -> "/v1/items/" + random.nextInt(ScaleGateway.API);
            case 6 -> "/v1/other";
            case 7 -> "/admin/" + random.nextInt(25);
            default -> "/";
        };
        Map<String, List<String>> headers = switch (random.nextInt(4)) {
            case 0 -> Map.of("X-Version", List.of("v" + random.nextInt(4)));
            case 1 -> Map.of("x-user", List.of("u" + random.nextInt(12)));
            case 2 -> Map.of("x-tenant", List.of("t" + random.nextInt(12)));
            default -> Map.of();
        };
        String query = switch (random.nextInt(3)) {
            case 0 -> "q=abc";
            case 1 -> "view=v" + random.nextInt(3);
            default -> null;
        };
        return RouteRequest.of(host, random.nextBoolean() ? "GET" : "POST", path, headers, query);
    }
}
