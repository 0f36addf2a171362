package dev.portolan.proxy.config;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A Gateway holding many routes of the shape the perf manifests generate ({@code e2e-playwright/perf/generate.mjs}:
 * one hostname, one path prefix, one Service backend), and changes to one of them.
 */
final class ManyRoutes {
    private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");

    private ManyRoutes() {
    }

    static RouteConfig route(int r, String suffix) {
        String namespace = "team-" + (r % 50);
        BackendConfig backend = new BackendConfig(namespace + "/svc-" + (r % 20) + ":8080",
                List.of(new Endpoint("10.1." + (r % 250) + ".7", 8080), new Endpoint("10.2." + (r % 250) + ".9", 8080)),
                BackendProtocol.HTTP1, null, null);
        RuleConfig rule = new RuleConfig(0, null,
                List.of(new MatchConfig(PathMatch.prefix("/r" + r + suffix), List.of(), List.of(), null)), List.of(),
                List.of(new WeightedBackend(1, backend, List.of())), null, null);
        return new RouteConfig(namespace, "route-" + r, T0.plusSeconds(r), List.of("r" + r + ".example.com"),
                List.of(rule));
    }

    static GatewayConfig gateway(List<RouteConfig> routes) {
        return new GatewayConfig("default", "gw-many", "0.0.0.0", Map.of("app", "portolan"), Map.of(),
                List.of(new ListenerConfig("http", 80, Protocol.HTTP, null, List.of(), routes)));
    }

    static List<RouteConfig> routes(int count) {
        List<RouteConfig> routes = new ArrayList<>(count);
        for (int r = 0; r < count; r++) {
            routes.add(route(r, ""));
        }
        return routes;
    }

    /** The same Gateway with route {@code r} replaced by a new object with other content; the rest the same objects. */
    static GatewayConfig changed(GatewayConfig gateway, int r, int change) {
        List<RouteConfig> routes = new ArrayList<>(gateway.listeners().get(0).routes());
        routes.set(r, route(r, "-v" + change));
        return gateway(routes);
    }
}
