package dev.portolan.proxy.listen;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.portolan.proxy.config.GatewayConfig;
import dev.portolan.proxy.config.ListenerConfig;
import dev.portolan.proxy.config.Protocol;
import dev.portolan.proxy.config.RouteConfig;
import dev.portolan.proxy.observe.GatewayMetrics;
import dev.portolan.proxy.routing.RouteRequest;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * Not a timed test: what the proxy allocates and spends recompiling a Gateway after one route changed, through the
 * path {@code ProxyServer.apply} takes ({@link IsolatedCompile}), for {@link ScaleGateway} (1,500 routes, three
 * listeners) and for the shape of the 20,000-route benchmark's changed Gateway (one listener, 1,000 routes with a
 * hostname each and 430 without, one PathPrefix rule each). Prints bytes allocated by this thread and time per
 * recompile, and for compiles without a previous version; asserts only that the change is served. Run:
 * {@code -Dtest=RecompileAllocationReport} (times settle with {@code -Dportolan.bench.recompile.runs=5000
 * -Dportolan.bench.recompile.warmups=1000}); the output is in
 * {@code proxy/target/surefire-reports/*RecompileAllocationReport-output.txt}.
 */
class RecompileAllocationReport {
    private static final int WARM_UPS = Integer.getInteger("portolan.bench.recompile.warmups", 300);
    private static final int RUNS = Integer.getInteger("portolan.bench.recompile.runs", 300);
    private static final int CHANGED = 7;

    private final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    @Test
    void printsBytesAndTimePerRecompileAfterOneRouteChanged() {
        ScaleGateway scale = new ScaleGateway();
        LiveConfig live = report("ScaleGateway, 1,500 routes", i ->
                scale.with(CHANGED, ScaleGateway.catchAllRoute(CHANGED, "/c" + CHANGED + "-" + i % 2)));
        PortRoutes port80 = live.ports().get(new SocketKey("127.0.0.21", 80));
        String changedPath = "/c" + CHANGED + "-" + (RUNS - 1) % 2; // as served by live, the last recompile
        assertEquals("team-0/any-7", port80.table()
                .match(RouteRequest.of("any.example.com", "GET", changedPath + "/fallback", Map.of(), null))
                .orElseThrow().route().key());

        List<RouteConfig> routes = new ArrayList<>();
        for (int r = 0; r < 1_430; r++) {
            routes.add(ListenFixtures.route("route-" + r, "/r" + r, null));
            if (r < 1_000) {
                RouteConfig plain = routes.get(r);
                routes.set(r, new RouteConfig("team-" + r % 50, plain.name(), plain.creationTimestamp(),
                        List.of("r" + r + ".example.com"), plain.rules()));
            }
        }
        report("benchmark shape, 1,430 routes", i -> {
            routes.set(1_000 + CHANGED, ListenFixtures.route("route-" + (1_000 + CHANGED), "/moved-" + i % 2, null));
            return ListenFixtures.gateway("bench", "127.0.0.22", Map.of(),
                    new ListenerConfig("http", 80, Protocol.HTTP, null, List.of(),
                            routes));
        });
    }

    /** Prints the figures of recompiling {@code changed.apply(i)} after {@code changed.apply(i - 1)}. */
    private LiveConfig report(String label, IntFunction<GatewayConfig> changed) {
        GatewayMetrics metrics = new GatewayMetrics();
        ProxyServerOptions options = ProxyServerOptions.defaults();
        LiveConfig live = AcceptedCompile.compile(changed.apply(1), null, metrics, options);
        for (int i = 0; i < WARM_UPS; i++) {
            live = AcceptedCompile.compile(changed.apply(i), live, metrics, options);
        }
        long[] bytes = new long[RUNS];
        long[] nanos = new long[RUNS];
        for (int i = 0; i < RUNS; i++) {
            GatewayConfig next = changed.apply(i);
            long b0 = threads.getCurrentThreadAllocatedBytes();
            long t0 = System.nanoTime();
            LiveConfig recompiled = AcceptedCompile.compile(next, live, metrics, options);
            nanos[i] = System.nanoTime() - t0;
            bytes[i] = threads.getCurrentThreadAllocatedBytes() - b0;
            live = recompiled;
        }
        // separately, after its own warm-up: compiling from scratch runs code a recompile may leave cold (regexes)
        for (int i = 0; i < WARM_UPS; i++) {
            AcceptedCompile.compile(changed.apply(i), null, metrics, options);
        }
        int scratchRuns = Math.max(1, RUNS / 5);
        long[] scratchBytes = new long[scratchRuns];
        long[] scratchNanos = new long[scratchRuns];
        for (int i = 0; i < scratchRuns; i++) {
            GatewayConfig next = changed.apply(i);
            long b0 = threads.getCurrentThreadAllocatedBytes();
            long t0 = System.nanoTime();
            AcceptedCompile.compile(next, null, metrics, options);
            scratchNanos[i] = System.nanoTime() - t0;
            scratchBytes[i] = threads.getCurrentThreadAllocatedBytes() - b0;
        }
        System.out.printf("%s: recompile after one route changed: %s; from scratch: %s%n", label,
                summary(bytes, nanos), summary(scratchBytes, scratchNanos));
        return live;
    }

    private static String summary(long[] bytes, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return String.format("%,d bytes/compile (mean), %.3f ms median, %.3f ms p90",
                (long) Arrays.stream(bytes).average().orElse(0), sorted[sorted.length / 2] / 1e6,
                sorted[sorted.length * 9 / 10] / 1e6);
    }
}
