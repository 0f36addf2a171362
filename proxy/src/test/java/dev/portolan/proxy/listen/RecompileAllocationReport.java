package dev.portolan.proxy.listen;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.portolan.proxy.config.GatewayConfig;
import dev.portolan.proxy.config.ProxyConfig;
import dev.portolan.proxy.observe.GatewayMetrics;
import dev.portolan.proxy.routing.RouteRequest;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Not a timed test: what the proxy allocates and spends recompiling a Gateway of 1,500 routes ({@link ScaleGateway})
 * after one route changed, through the path {@code ProxyServer.apply} takes ({@link IsolatedCompile}). Prints bytes
 * allocated by this thread and time per recompile (and for a compile without a previous version); asserts only that
 * the change is served. Run: {@code -Dtest=RecompileAllocationReport}; the output is in
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
        GatewayMetrics metrics = new GatewayMetrics();
        ProxyServerOptions options = ProxyServerOptions.defaults();
        ScaleGateway scale = new ScaleGateway();
        LiveConfig live = compile(scale.gateway(), null, metrics, options);
        for (int i = 0; i < WARM_UPS; i++) {
            live = compile(changed(scale, i), live, metrics, options);
        }
        long[] bytes = new long[RUNS];
        long[] nanos = new long[RUNS];
        for (int i = 0; i < RUNS; i++) {
            GatewayConfig next = changed(scale, i);
            long b0 = threads.getCurrentThreadAllocatedBytes();
            long t0 = System.nanoTime();
            LiveConfig recompiled = compile(next, live, metrics, options);
            nanos[i] = System.nanoTime() - t0;
            bytes[i] = threads.getCurrentThreadAllocatedBytes() - b0;
            live = recompiled;
        }
        // separately, after its own warm-up: compiling from scratch runs code a recompile may leave cold (regexes)
        int scratchRuns = Math.max(1, RUNS / 5);
        for (int i = 0; i < scratchRuns; i++) {
            compile(changed(scale, i), null, metrics, options);
        }
        long[] scratchBytes = new long[scratchRuns];
        long[] scratchNanos = new long[scratchRuns];
        for (int i = 0; i < scratchRuns; i++) {
            GatewayConfig next = changed(scale, i);
            long b0 = threads.getCurrentThreadAllocatedBytes();
            long t0 = System.nanoTime();
            compile(next, null, metrics, options);
            scratchNanos[i] = System.nanoTime() - t0;
            scratchBytes[i] = threads.getCurrentThreadAllocatedBytes() - b0;
        }
        System.out.printf("recompile after one route changed (%d routes): %s; from scratch: %s%n",
                ScaleGateway.HOSTED + ScaleGateway.CATCH_ALL + ScaleGateway.API + ScaleGateway.ADMIN,
                summary(bytes, nanos), summary(scratchBytes, scratchNanos));

        String changedPath = "/c" + CHANGED + "-" + (RUNS - 1) % 2; // as served by live, the last recompile
        PortRoutes port80 = live.ports().get(new SocketKey("127.0.0.21", 80));
        assertEquals("team-0/any-7", port80.table()
                .match(RouteRequest.of("any.example.com", "GET", changedPath + "/fallback", Map.of(), null))
                .orElseThrow().route().key());
    }

    private static GatewayConfig changed(ScaleGateway scale, int i) {
        return scale.with(CHANGED, ScaleGateway.catchAllRoute(CHANGED, "/c" + CHANGED + "-" + i % 2));
    }

    private static LiveConfig compile(GatewayConfig gateway, LiveConfig previous, GatewayMetrics metrics,
                                      ProxyServerOptions options) {
        IsolatedCompile.Result result = IsolatedCompile.compile(new ProxyConfig("v", List.of(gateway)), previous,
                metrics, options, (key, routes) -> null);
        assertEquals(Map.of(), result.refused());
        return result.live();
    }

    private static String summary(long[] bytes, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return String.format("%,d bytes/compile (mean), %.3f ms median, %.3f ms p90",
                (long) Arrays.stream(bytes).average().orElse(0), sorted[sorted.length / 2] / 1e6,
                sorted[sorted.length * 9 / 10] / 1e6);
    }
}
