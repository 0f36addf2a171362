package dev.portolan.proxy.routing;

import dev.portolan.proxy.config.BackendConfig;
import dev.portolan.proxy.config.BackendProtocol;
import dev.portolan.proxy.config.Endpoint;
import dev.portolan.proxy.config.HeaderMatch;
import dev.portolan.proxy.config.ListenerConfig;
import dev.portolan.proxy.config.MatchConfig;
import dev.portolan.proxy.config.PathMatch;
import dev.portolan.proxy.config.Protocol;
import dev.portolan.proxy.config.RouteConfig;
import dev.portolan.proxy.config.RuleConfig;
import dev.portolan.proxy.config.WeightedBackend;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Route matching cost by number of routes. Every tenth host is a wildcard; each route has four rules
 * (exact, two prefixes, one with a header condition), so 10,000 routes mean 40,000 rule matches.
 * Requests mix hits on exact hosts, wildcard hosts, header-gated rules and misses.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RouteTableBenchmark {
    private static final int REQUESTS = 4096;

    @Param({"10", "1000", "10000"})
    public int routes;

    private RouteTable table;
    private String[] hosts;
    private String[] paths;
    private HeaderLookup[] headers;
    private int next;

    @Setup
    public void setUp() {
        BackendConfig backend = new BackendConfig("bench/svc:80", List.of(new Endpoint("10.0.0.1", 80)),
                BackendProtocol.HTTP1, null, null);
        List<WeightedBackend> backends = List.of(new WeightedBackend(1, backend, List.of()));
        Instant t0 = Instant.parse("2024-01-01T00:00:00Z");
        List<RouteConfig> routeConfigs = new ArrayList<>();
        for (int i = 0; i < routes; i++) {
            String host = i % 10 == 9 ? "*.w" + i + ".example.com" : "h" + i + ".example.com";
            List<RuleConfig> rules = List.of(
                    rule(0, new MatchConfig(PathMatch.exact("/svc" + i + "/status"), List.of(), List.of(), "GET"),
                            backends),
                    rule(1, new MatchConfig(PathMatch.prefix("/svc" + i + "/api"), List.of(), List.of(), null),
                            backends),
                    rule(2, new MatchConfig(PathMatch.prefix("/svc" + i),
                            List.of(HeaderMatch.exact("x-canary", "yes")), List.of(), null), backends),
                    rule(3, new MatchConfig(PathMatch.prefix("/"), List.of(), List.of(), null), backends));
            routeConfigs.add(new RouteConfig("bench", "route-" + i, t0.plusSeconds(i), List.of(host), rules));
        }
        table = RouteTable.compile(List.of(new ListenerConfig("http", 80, Protocol.HTTP, null, List.of(),
                routeConfigs)));

        Random random = new Random(42);
        hosts = new String[REQUESTS];
        paths = new String[REQUESTS];
        headers = new HeaderLookup[REQUESTS];
        HeaderLookup canary = HeaderLookup.of(Map.of("X-Canary", List.of("yes")));
        HeaderLookup plain = HeaderLookup.of(Map.of("Accept", List.of("*/*")));
        for (int r = 0; r < REQUESTS; r++) {
            int i = random.nextInt(routes);
            hosts[r] = (i % 10 == 9 ? "app.w" + i + ".example.com" : "h" + i + ".example.com") + ":80";
            switch (r % 4) {
                case 0 -> paths[r] = "/svc" + i + "/status";
                case 1 -> paths[r] = "/svc" + i + "/api/v1/items/" + r;
                case 2 -> paths[r] = "/svc" + i + "/page";
                default -> paths[r] = "/unrelated/" + r;
            }
            headers[r] = r % 4 == 2 ? canary : plain;
        }
    }

    private static RuleConfig rule(int index, MatchConfig match, List<WeightedBackend> backends) {
        return new RuleConfig(index, null, List.of(match), List.of(), backends, null, null);
    }

    @Benchmark
    public Optional<RouteMatch> match() {
        int r = next++ & (REQUESTS - 1);
        return table.match(new RouteRequest(hosts[r], "GET", paths[r], headers[r], null));
    }
}
