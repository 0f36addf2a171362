package dev.portolan.proxy.bench;

import dev.portolan.proxy.config.BackendConfig;
import dev.portolan.proxy.config.BackendProtocol;
import dev.portolan.proxy.config.Endpoint;
import dev.portolan.proxy.config.FilterConfig;
import dev.portolan.proxy.config.GatewayConfig;
import dev.portolan.proxy.config.HeaderMatch;
import dev.portolan.proxy.config.HeaderValue;
import dev.portolan.proxy.config.ListenerConfig;
import dev.portolan.proxy.config.MatchConfig;
import dev.portolan.proxy.config.PathMatch;
import dev.portolan.proxy.config.Protocol;
import dev.portolan.proxy.config.ProxyConfig;
import dev.portolan.proxy.config.QueryParamMatch;
import dev.portolan.proxy.config.RouteConfig;
import dev.portolan.proxy.config.RuleConfig;
import dev.portolan.proxy.config.WeightedBackend;
import dev.portolan.proxy.forward.HttpForwarder;
import dev.portolan.proxy.listen.ApplyResult;
import dev.portolan.proxy.listen.ProxyServer;
import dev.portolan.proxy.listen.ProxyServerOptions;
import dev.portolan.proxy.observe.GatewayMetrics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Load-test processes for {@code bench/proxy-vs-nginx.sh}; each runs until killed, in its own JVM so that the
 * script can read the CPU time of the proxy alone from /proc.
 * <ul>
 *   <li>{@code backend HOST PORT}: a fixed-body HTTP/1.1 server ({@link FixedBodyBackend}).</li>
 *   <li>{@code proxy HOST PORT BACKEND_HOST BACKEND_PORT [features|one]}: a {@link ProxyServer} with
 *       {@link HttpForwarder} and the default {@link ProxyServerOptions}; {@code features} (the default) loads
 *       {@value #FEATURE_ROUTES} HTTPRoutes with path, header and query matches and header filters
 *       ({@link #featureRoutes}), {@code one} a single route (PathPrefix /, any host) to the backend.</li>
 * </ul>
 * Prints {@code READY} on stdout once the socket accepts requests.
 */
public final class LoadTarget {

    private LoadTarget() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 3 && args[0].equals("backend")) {
            FixedBodyBackend backend = FixedBodyBackend.start(args[1], port(args[2]));
            Runtime.getRuntime().addShutdownHook(new Thread(backend::close, "backend-shutdown"));
        } else if ((args.length == 5 || args.length == 6) && args[0].equals("proxy")) {
            String mode = args.length == 6 ? args[5] : "features";
            ProxyConfig config = switch (mode) {
                case "features" -> featureRoutes(args[1], port(args[2]), args[3], port(args[4]));
                case "one" -> oneRoute(args[1], port(args[2]), args[3], port(args[4]));
                default -> throw new IllegalArgumentException("mode '" + mode + "' is neither features nor one");
            };
            ProxyServer proxy = startProxy(config);
            String allocationFile = System.getProperty("portolan.bench.allocationFile");
            if (allocationFile != null) {
                AllocationMeter.start(java.nio.file.Path.of(allocationFile));
            }
            Runtime.getRuntime().addShutdownHook(new Thread(proxy::close, "proxy-shutdown"));
        } else {
            System.err.println("usage: LoadTarget backend HOST PORT"
                    + " | proxy HOST PORT BACKEND_HOST BACKEND_PORT [features|one]");
            System.exit(2);
        }
        System.out.println("READY");
        System.out.flush();
        new CountDownLatch(1).await();
    }

    static ProxyServer startProxy(ProxyConfig config) throws Exception {
        ProxyServer proxy = new ProxyServer(new HttpForwarder(), ProxyServerOptions.defaults(), new GatewayMetrics());
        proxy.start();
        ApplyResult result = proxy.apply(config);
        if (!result.openFailures().isEmpty()) {
            proxy.close();
            throw new IllegalStateException("proxy socket did not open: " + result.openFailures());
        }
        return proxy;
    }

    /** How many routes the {@code features} mode loads; the bench's requests go to {@link #BENCH_ROUTE}. */
    static final int FEATURE_ROUTES = 100;
    static final int BENCH_ROUTE = 97;

    /**
     * {@value #FEATURE_ROUTES} routes on one listener, all for the path /svc/bench in turn as Exact, PathPrefix
     * /svc/ and RegularExpression /svc/[a-z]+ (so the path index cannot tell them apart), told apart by the header
     * X-Bench-Tenant: tenant-N and the query parameter v=N; each with a RequestHeaderModifier (set, add, remove)
     * and a ResponseHeaderModifier. The bench hits route {@value #BENCH_ROUTE} (a PathPrefix one): the Exact
     * routes and the earlier PathPrefix ones are tried first and fail on the header.
     */
    static ProxyConfig featureRoutes(String host, int port, String backendHost, int backendPort) {
        BackendConfig backend = new BackendConfig("bench/backend:" + backendPort,
                List.of(new Endpoint(backendHost, backendPort)), BackendProtocol.HTTP1, null, null);
        List<RouteConfig> routes = new ArrayList<>();
        for (int i = 0; i < FEATURE_ROUTES; i++) {
            PathMatch path = switch (i % 3) {
                case 0 -> PathMatch.exact("/svc/bench");
                case 1 -> PathMatch.prefix("/svc/");
                default -> PathMatch.regex("/svc/[a-z]+");
            };
            MatchConfig match = new MatchConfig(path, List.of(HeaderMatch.exact("X-Bench-Tenant", "tenant-" + i)),
                    List.of(QueryParamMatch.exact("v", Integer.toString(i))), null);
            List<FilterConfig> filters = List.of(
                    new FilterConfig.RequestHeaderModifier(List.of(new HeaderValue("X-Route", "route-" + i)),
                            List.of(new HeaderValue("X-Bench-Trace", "portolan")), List.of("X-Drop-Me")),
                    new FilterConfig.ResponseHeaderModifier(List.of(new HeaderValue("X-Served-By", "route-" + i)),
                            List.of(), List.of("X-Internal")));
            RuleConfig rule = new RuleConfig(0, null, List.of(match), filters,
                    List.of(new WeightedBackend(1, backend, List.of())), null, null);
            routes.add(new RouteConfig("bench", String.format("route-%03d", i),
                    Instant.parse("2024-01-01T00:00:00Z").plusSeconds(i), List.of(), List.of(rule)));
        }
        ListenerConfig listener = new ListenerConfig("http", port, Protocol.HTTP, null, List.of(), routes);
        GatewayConfig gateway = new GatewayConfig("bench", "gw", host, null, null, List.of(listener));
        return new ProxyConfig("1", List.of(gateway));
    }

    /** One gateway on host:port, one listener, one route: PathPrefix / to the backend. */
    static ProxyConfig oneRoute(String host, int port, String backendHost, int backendPort) {
        BackendConfig backend = new BackendConfig("bench/backend:" + backendPort,
                List.of(new Endpoint(backendHost, backendPort)), BackendProtocol.HTTP1, null, null);
        RuleConfig rule = new RuleConfig(0, null, List.of(new MatchConfig(PathMatch.prefix("/"), List.of(), List.of(),
                null)), List.of(), List.of(new WeightedBackend(1, backend, List.of())), null, null);
        RouteConfig route = new RouteConfig("bench", "route", Instant.parse("2024-01-01T00:00:00Z"), List.of(),
                List.of(rule));
        ListenerConfig listener = new ListenerConfig("http", port, Protocol.HTTP, null, List.of(), List.of(route));
        GatewayConfig gateway = new GatewayConfig("bench", "gw", host, null, null, List.of(listener));
        return new ProxyConfig("1", List.of(gateway));
    }

    private static int port(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("port '" + text + "' is not a number");
        }
    }
}
