package dev.portolan.proxy.config;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What one route change costs the changed Gateway's digest in bytes allocated by this thread (HotSpot's per-thread
 * counter), at ~1,500 routes on that Gateway: the digest is what the embedded control plane computes on every
 * change (a config's {@link ContentVersion}), and what it allocates pauses the in-process proxy for young GC.
 * Prints the numbers; fails only if the digest allocates a quarter of the Gateway's JSON, as copying its text would.
 */
class GatewayDigestAllocationTest {
    private static final int ROUTES = 1_500;
    private static final int WARM_UPS = 200;
    private static final int CHANGES = 101;

    @Test
    void bytesAllocatedForTheDigestOfAGatewayWithOneRouteChanged() {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        threads.setThreadAllocatedMemoryEnabled(true);
        GatewayConfig gateway = ManyRoutes.gateway(ManyRoutes.routes(ROUTES));
        ProxyConfigCodec.gatewayDigest(gateway);
        long[] digest = new long[CHANGES];
        long[] text = new long[CHANGES];
        long[] nanos = new long[CHANGES];
        int jsonBytes = 0;
        for (int i = -WARM_UPS; i < CHANGES; i++) {
            gateway = ManyRoutes.changed(gateway, Math.floorMod(i * 7919, ROUTES), i + WARM_UPS);
            ProxyConfig config = new ProxyConfig("1", List.of(gateway));
            long before = threads.getCurrentThreadAllocatedBytes();
            long start = System.nanoTime();
            ProxyConfigCodec.gatewayDigest(gateway);
            long took = System.nanoTime() - start;
            long digested = threads.getCurrentThreadAllocatedBytes();
            String json = ProxyConfigCodec.toJson(config);
            long written = threads.getCurrentThreadAllocatedBytes();
            if (i >= 0) {
                digest[i] = digested - before;
                text[i] = written - digested;
                nanos[i] = took;
                jsonBytes = json.getBytes(StandardCharsets.UTF_8).length;
            }
        }
        Arrays.sort(digest);
        Arrays.sort(text);
        Arrays.sort(nanos);
        System.out.printf("GatewayDigestAllocationTest: %,d routes on the Gateway (%,d bytes of JSON), one route "
                        + "changed: gatewayDigest allocates %,d bytes (median; min %,d, max %,d over %d changes) "
                        + "in %.2f ms (median); then toJson of that Gateway %,d bytes (median)%n",
                ROUTES, jsonBytes, digest[CHANGES / 2], digest[0], digest[CHANGES - 1], CHANGES,
                nanos[CHANGES / 2] / 1e6, text[CHANGES / 2]);
        // ~40 KB when this was written (mostly the route index); whole-text copies were 3.1 MB, five times the JSON
        assertTrue(digest[CHANGES / 2] < jsonBytes / 4, "the digest copies the Gateway's text: "
                + digest[CHANGES / 2] + " bytes allocated for " + jsonBytes + " bytes of JSON");
    }

    /** Everything translated again (new objects for every route): each route is encoded, and kept for next time. */
    @Test
    void bytesAllocatedForTheDigestOfAGatewayWithEveryRouteNew() {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        threads.setThreadAllocatedMemoryEnabled(true);
        int rounds = 21;
        long[] digest = new long[rounds];
        for (int i = -20; i < rounds; i++) {
            GatewayConfig gateway = ManyRoutes.gateway(ManyRoutes.routes(ROUTES));
            long before = threads.getCurrentThreadAllocatedBytes();
            ProxyConfigCodec.gatewayDigest(gateway);
            if (i >= 0) {
                digest[i] = threads.getCurrentThreadAllocatedBytes() - before;
            }
        }
        Arrays.sort(digest);
        System.out.printf("GatewayDigestAllocationTest: %,d routes on the Gateway, every route a new object: "
                + "gatewayDigest allocates %,d bytes (median over %d)%n", ROUTES, digest[rounds / 2], rounds);
    }
}
