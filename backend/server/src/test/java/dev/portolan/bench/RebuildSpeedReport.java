package dev.portolan.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portolan.graph.GraphOptions;
import dev.portolan.model.Manifests;
import dev.portolan.model.ResourceSet;
import dev.portolan.model.TypedCache;
import dev.portolan.proxy.config.GatewayConfig;
import dev.portolan.proxy.config.ListenerConfig;
import dev.portolan.proxy.config.RouteConfig;
import dev.portolan.pipeline.BuiltInResources;
import dev.portolan.pipeline.ComputedState;
import dev.portolan.pipeline.ControlPlanePipeline;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Not a timed test: the cost of one full rebuild ({@link ControlPlanePipeline#compute}, the pure path the snapshot
 * service runs on every change) over the shape of {@code e2e-playwright/perf/generate.mjs}: N HTTPRoutes over 50
 * namespaces and 20 Gateways. In the suite it is a seconds-long smoke at 200 routes that checks every route reaches
 * the proxy config; {@code -Dportolan.bench.rebuild=true} prints warm medians at 1,000, 5,000 and 20,000 routes
 * (override with {@code -Dportolan.bench.rebuild.sizes=1000,5000}). Asserts nothing about speed.
 */
class RebuildSpeedReport {
    private static final int GATEWAYS = PerfManifests.GATEWAYS;

    @Test
    void everyRouteReachesTheProxyConfigAndPrintsMedianRebuildTimes() {
        boolean full = Boolean.getBoolean("portolan.bench.rebuild");
        int[] sizes = full
                ? Arrays.stream(System.getProperty("portolan.bench.rebuild.sizes", "1000,5000,20000").split(","))
                .map(String::trim).mapToInt(Integer::parseInt).toArray()
                : new int[] {200};
        int warmUps = full ? 3 : 1;
        int runs = full ? 5 : 3;
        for (int routes : sizes) {
            ResourceSet resources = resources(routes);
            GraphOptions options = new GraphOptions(GraphOptions.PORTOLAN_CONTROLLER, Instant.now(),
                    // What embedded mode assigns: the address each Gateway asks for.
                    key -> Optional.of("127.0.1." + (Integer.parseInt(key.name().substring("gw-".length())) + 1)));
            ComputedState state = null;
            for (int i = 0; i < warmUps; i++) {
                state = ControlPlanePipeline.compute(resources, options);
            }
            double[] millis = new double[runs];
            for (int i = 0; i < runs; i++) {
                long start = System.nanoTime();
                state = ControlPlanePipeline.compute(resources, options);
                millis[i] = (System.nanoTime() - start) / 1e6;
            }
            assertEveryRouteServed(state, routes);
            Arrays.sort(millis);
            System.out.printf("RebuildSpeedReport: %,d HTTPRoutes over %d Gateways: median %.1f ms per rebuild "
                    + "(min %.1f, max %.1f; %d runs after %d warm-ups)%n", routes, GATEWAYS, millis[runs / 2],
                    millis[0], millis[runs - 1], runs, warmUps);
            OneRouteRuns oneRoute = oneRouteChanged(routes, options, warmUps, full ? 20 : 3);
            double[] took = oneRoute.millis();
            long[] allocated = oneRoute.bytes();
            System.out.printf("RebuildSpeedReport: %,d HTTPRoutes, one HTTPRoute changed (reusing the last "
                            + "rebuild, as the snapshot service does): median %.1f ms (min %.1f, max %.1f), "
                            + "allocated median %,d KiB (min %,d, max %,d)%n", routes,
                    took[took.length / 2], took[0], took[took.length - 1], allocated[allocated.length / 2] / 1024,
                    allocated[0] / 1024, allocated[allocated.length - 1] / 1024);
        }
    }

    /**
     * What a change to one HTTPRoute costs the snapshot service: the typed set patched with the changed manifest (as
     * the service does for a store that names its changes) and the pipeline with its memo, after a rebuild over the
     * same objects; each run changes another route's path.
     */
    private static OneRouteRuns oneRouteChanged(int routes, GraphOptions options, int warmUps, int runs) {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        List<ObjectNode> manifests = new ArrayList<>(manifests(routes));
        TypedCache cache = new TypedCache();
        ControlPlanePipeline.Memo memo = new ControlPlanePipeline.Memo();
        double[] millis = new double[runs];
        long[] bytes = new long[runs];
        for (int i = -warmUps - 1; i < runs; i++) {
            int at = manifests.size() - 1 - Math.floorMod(i, routes);
            ObjectNode route = manifests.get(at).deepCopy();
            boolean changed = i >= -warmUps && route.path("kind").asText().equals("HTTPRoute");
            if (changed) {
                ((ObjectNode) route.at("/spec/rules/0/matches/0/path")).put("value", "/changed-" + i);
                manifests.set(at, route);
            }
            long allocatedBefore = threads.getCurrentThreadAllocatedBytes();
            long start = System.nanoTime();
            // as the snapshot service reads a store that names its changed objects: only those manifests
            ResourceSet resources = (changed
                    ? ResourceSet.patched(Map.of(Manifests.keyOf(route), route), cache)
                    : Optional.<ResourceSet>empty())
                    .orElseGet(() -> ResourceSet.of(BuiltInResources.withBuiltIns(manifests, cache::keyOf), cache));
            ComputedState state = ControlPlanePipeline.compute(resources, options, memo);
            if (i >= 0) {
                millis[i] = (System.nanoTime() - start) / 1e6;
                bytes[i] = threads.getCurrentThreadAllocatedBytes() - allocatedBefore;
            }
            assertEquals(GATEWAYS, state.translation().config().gateways().size());
        }
        Arrays.sort(millis);
        Arrays.sort(bytes);
        return new OneRouteRuns(millis, bytes);
    }

    /** Each run's time and the bytes its thread allocated (young garbage: collections pause the in-process proxy). */
    private record OneRouteRuns(double[] millis, long[] bytes) {
    }

    private static void assertEveryRouteServed(ComputedState state, int routes) {
        assertTrue(state.translation().problems().isEmpty(), () -> state.translation().problems().toString());
        assertEquals(GATEWAYS, state.translation().config().gateways().size());
        Set<String> served = new TreeSet<>();
        for (GatewayConfig gateway : state.translation().config().gateways()) {
            for (ListenerConfig listener : gateway.listeners()) {
                for (RouteConfig route : listener.routes()) {
                    assertEquals("gw-" + (Integer.parseInt(route.name().substring("route-".length())) % GATEWAYS),
                            gateway.name(), route.key());
                    assertEquals(1, route.rules().size(), route.key());
                    served.add(route.key());
                }
            }
        }
        assertEquals(routes, served.size(), "every HTTPRoute is in the proxy config once");
    }

    /** The manifests of generate.mjs, built in memory. */
    static ResourceSet resources(int routes) {
        return ResourceSet.of(BuiltInResources.withBuiltIns(manifests(routes)));
    }

    /** The manifests of generate.mjs, as parsed objects with metadata as a store gives them. */
    static List<ObjectNode> manifests(int routes) {
        StringBuilder yaml = new StringBuilder(PerfManifests.gatewaysYaml());
        for (int n = 0; n < PerfManifests.NAMESPACES; n++) {
            yaml.append("---\n").append(PerfManifests.namespaceYaml(n, routes));
        }
        // One document at a time: the YAML parser caps one text at 3 MiB (20,000 routes are more).
        List<ObjectNode> docs = new ArrayList<>();
        try {
            for (String doc : yaml.toString().split("(?m)^---\n")) {
                docs.add((ObjectNode) Manifests.YAML.readTree(doc));
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("generated YAML does not parse", e);
        }
        return docs;
    }
}
