package dev.portolan.api.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portolan.api.ApiKinds;
import dev.portolan.graph.GraphOptions;
import dev.portolan.model.Manifests;
import dev.portolan.model.ResourceKey;
import dev.portolan.model.ResourceSet;
import dev.portolan.pipeline.BuiltInResources;
import dev.portolan.pipeline.ComputedState;
import dev.portolan.pipeline.ControlPlanePipeline;
import dev.portolan.pipeline.ControlPlaneSnapshot;
import dev.portolan.store.StoreSnapshot;
import dev.portolan.store.StoredObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Not a timed test: measures the read API on 5,000 generated HTTPRoutes (50 namespaces, 20 Gateways, 1,000
 * Services) and prints warm medians of 20. Run with
 * {@code mvn -pl backend/server -am test -Dtest=ApiSpeedReport -Dsurefire.failIfNoSpecifiedTests=false -Dportolan.speed=true}; skipped otherwise.
 */
class ApiSpeedReport {
    private static final int NAMESPACES = 50;
    private static final int GATEWAYS = 20;
    private static final int ROUTES = 5000;
    private static final int SERVICES_PER_NAMESPACE = 20;

    @Test
    void listAndDescribeStayUnder50Milliseconds() throws Exception {
        Assumptions.assumeTrue(Boolean.getBoolean("portolan.speed")
                || "true".equals(System.getenv("PORTOLAN_SPEED")), "speed report runs with -Dportolan.speed=true");
        long buildStart = System.nanoTime();
        ControlPlaneSnapshot snapshot = snapshot(manifests());
        long snapshotMillis = (System.nanoTime() - buildStart) / 1_000_000;
        long indexStart = System.nanoTime();
        ReadIndex index = ReadIndex.of(snapshot);
        long indexMillis = (System.nanoTime() - indexStart) / 1_000_000;
        ReadApi api = new ReadApi(index, Instant.now());
        assertEquals(ROUTES, index.entries(ApiKinds.HTTP_ROUTES).size());

        ListQuery firstPage = ListQuery.parse(null, null, null, 100, null);
        String token = api.list(ApiKinds.HTTP_ROUTES, ListQuery.parse(null, null, null, 1000, null))
                .path("metadata").path("continue").asText();
        ListQuery laterPage = ListQuery.parse(null, null, null, 100, token);
        ListQuery filtered = ListQuery.parse("team-07", "app=shop", "gateway/gateways/gw-03", 100, null);
        double list = median(() -> api.list(ApiKinds.HTTP_ROUTES, firstPage));
        double later = median(() -> api.list(ApiKinds.HTTP_ROUTES, laterPage));
        double filteredList = median(() -> api.list(ApiKinds.HTTP_ROUTES, filtered));
        double describeRoute = median(() -> api.describe(ApiKinds.HTTP_ROUTES, "team-25", "route-2512"));
        double describeGateway = median(() -> api.describe(ApiKinds.GATEWAYS, "gateways", "gw-03"));
        double describeBackend = median(() -> api.describe(ApiKinds.BACKENDS, "team-25", "svc-05"));
        double policies = median(() -> api.listPolicies(ListQuery.parse(null, null, "gateway/gateways/gw-03", 100,
                null)));
        System.out.printf("ApiSpeedReport: %d HTTPRoutes; snapshot build %d ms, read index %d ms%n", ROUTES,
                snapshotMillis, indexMillis);
        System.out.printf("ApiSpeedReport: list 100 routes %.2f ms, later page %.2f ms, filtered "
                        + "(namespace+labels+for) %.2f ms, describe route %.2f ms, describe gateway (250 routes) "
                        + "%.2f ms, describe backend %.2f ms, policies for a gateway %.2f ms (warm medians of 20, "
                        + "JSON included)%n", list, later, filteredList, describeRoute, describeGateway,
                describeBackend, policies);
        JsonNode route = api.describe(ApiKinds.HTTP_ROUTES, "team-25", "route-2512");
        assertTrue(route.path("effectiveTimeouts").size() > 0, route.toString());
        for (double millis : new double[] {list, later, filteredList, describeRoute, describeGateway,
                describeBackend, policies}) {
            assertTrue(millis < 50, "every read answers in under 50 ms: " + millis);
        }
    }

    /** Median of 20 timed runs after 20 warm-up runs, serialising to JSON as the controller does. */
    private static double median(Supplier<JsonNode> read) throws Exception {
        for (int i = 0; i < 20; i++) {
            Manifests.JSON.writeValueAsString(read.get());
        }
        double[] millis = new double[20];
        for (int i = 0; i < millis.length; i++) {
            long start = System.nanoTime();
            Manifests.JSON.writeValueAsString(read.get());
            millis[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(millis);
        return (millis[9] + millis[10]) / 2;
    }

    private static ControlPlaneSnapshot snapshot(List<ObjectNode> manifests) {
        TreeMap<ResourceKey, StoredObject> stored = new TreeMap<>();
        for (int i = 0; i < manifests.size(); i++) {
            ObjectNode manifest = manifests.get(i);
            ResourceKey key = Manifests.keyOf(manifest);
            stored.put(key, new StoredObject(key, manifest, null, "generated.yaml#" + i));
        }
        StoreSnapshot store = new StoreSnapshot(1, stored, List.of());
        ResourceSet resources = ResourceSet.of(BuiltInResources.withBuiltIns(store.manifests()));
        Instant now = Instant.now();
        ComputedState computed = ControlPlanePipeline.compute(resources,
                new GraphOptions(GraphOptions.PORTOLAN_CONTROLLER, now, key -> Optional.empty()));
        return new ControlPlaneSnapshot(1, now, store, resources, computed);
    }

    private static List<ObjectNode> manifests() throws Exception {
        List<String> yaml = new ArrayList<>();
        yaml.add("""
                apiVersion: gateway.networking.k8s.io/v1
                kind: GatewayClass
                metadata: {name: portolan}
                spec: {controllerName: portolan.dev/gateway-controller}
                """);
        yaml.add("""
                apiVersion: gateway.portolan.dev/v1alpha1
                kind: TimeoutPolicy
                metadata: {name: class-defaults, namespace: gateways}
                spec:
                  targetRef: {group: gateway.networking.k8s.io, kind: GatewayClass, name: portolan}
                  default: {request: 30s}
                """);
        for (int g = 0; g < GATEWAYS; g++) {
            yaml.add("""
                    apiVersion: gateway.networking.k8s.io/v1
                    kind: Gateway
                    metadata: {name: gw-%02d, namespace: gateways}
                    spec:
                      gatewayClassName: portolan
                      listeners:
                      - {name: http, protocol: HTTP, port: %d, allowedRoutes: {namespaces: {from: All}}}
                    """.formatted(g, 8000 + g));
        }
        yaml.add("""
                apiVersion: gateway.portolan.dev/v1alpha1
                kind: TimeoutPolicy
                metadata: {name: gw-03-cap, namespace: gateways}
                spec:
                  targetRef: {group: gateway.networking.k8s.io, kind: Gateway, name: gw-03}
                  override: {backendRequest: 5s}
                """);
        for (int n = 0; n < NAMESPACES; n++) {
            for (int s = 0; s < SERVICES_PER_NAMESPACE; s++) {
                yaml.add("""
                        apiVersion: v1
                        kind: Service
                        metadata: {name: svc-%02d, namespace: team-%02d}
                        spec: {ports: [{name: http, port: 8080}]}
                        """.formatted(s, n));
            }
        }
        for (int r = 0; r < ROUTES; r++) {
            int namespace = r / (ROUTES / NAMESPACES);
            yaml.add("""
                    apiVersion: gateway.networking.k8s.io/v1
                    kind: HTTPRoute
                    metadata:
                      name: route-%04d
                      namespace: team-%02d
                      labels: {app: %s}
                    spec:
                      parentRefs: [{name: gw-%02d, namespace: gateways}]
                      hostnames: [r%d.example.com]
                      rules:
                      - matches: [{path: {type: PathPrefix, value: /a}}]
                        timeouts: {request: 10s}
                        backendRefs: [{name: svc-%02d, port: 8080}]
                      - backendRefs: [{name: svc-%02d, port: 8080, weight: 3}, {name: svc-%02d, port: 8080}]
                    """.formatted(r, namespace, r % 2 == 0 ? "shop" : "blog", r % GATEWAYS, r,
                    r % SERVICES_PER_NAMESPACE, (r + 1) % SERVICES_PER_NAMESPACE, (r + 2) % SERVICES_PER_NAMESPACE));
        }
        List<ObjectNode> out = new ArrayList<>();
        for (String document : yaml) {
            out.add((ObjectNode) Manifests.YAML.readTree(document));
        }
        return out;
    }
}
