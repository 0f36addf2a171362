package dev.portolan.kubernetes;

import static dev.portolan.kubernetes.MockApiServer.await;
import static dev.portolan.kubernetes.MockApiServer.crd;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portolan.model.ApiGroups;
import dev.portolan.model.ResourceKey;
import dev.portolan.store.LoadProblem;
import dev.portolan.store.StoreSnapshot;
import dev.portolan.store.StoredObject;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The store's connections to the API server (lists and watches) break, as in a network failure or an API server
 * restart, and come back: the store keeps serving what it last read, says so, and catches up. The store talks to
 * the mock server through a {@link CuttableTcpProxy}; the test's own client talks to it directly, so the cluster
 * can change while the store cannot see it.
 */
class KubernetesStoreReconnectTest {
    private static final String GW = ApiGroups.GATEWAY;
    private static final ResourceKey SERVICE = ResourceKey.of("", "Service", "default", "web");
    private static final ResourceKey GATEWAY = ResourceKey.of(GW, "Gateway", "default", "gw");
    private static final ResourceKey ROUTE = ResourceKey.of(GW, "HTTPRoute", "default", "late");

    private MockApiServer cluster;
    private CuttableTcpProxy link;
    private KubernetesClient storeClient;
    private KubernetesStore store;

    @BeforeEach
    void startCluster() {
        cluster = new MockApiServer();
        cluster.create(crd(GW, "GatewayClass", false, List.of("v1"), null));
        cluster.create(crd(GW, "Gateway", true, List.of("v1"), null));
        cluster.create(crd(GW, "HTTPRoute", true, List.of("v1"), null));
        cluster.create("""
                apiVersion: v1
                kind: Namespace
                metadata: {name: default}
                ---
                apiVersion: gateway.networking.k8s.io/v1
                kind: Gateway
                metadata: {name: gw, namespace: default}
                spec:
                  gatewayClassName: portolan
                  listeners:
                  - {name: http, protocol: HTTP, port: 80}
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: web, namespace: default}
                spec:
                  ports:
                  - {port: 8080}
                """);
        link = new CuttableTcpProxy(cluster.port());
        storeClient = cluster.clientVia(link.port());
    }

    @AfterEach
    void stop() {
        if (store != null) {
            store.close();
        }
        storeClient.close();
        link.close();
        cluster.close();
    }

    @Test
    void lostWatchesAreReportedWhileTheLastObjectsAreServedAndTheStoreCatchesUpOnceTheyAreBack() {
        store = KubernetesStore.start(storeClient, KubernetesStoreOptions.allNamespaces());
        Map<ResourceKey, String> before = versions(store.snapshot());
        assertTrue(before.containsKey(GATEWAY) && before.containsKey(SERVICE), before.toString());
        assertEquals(List.of(), connectionProblems(store.snapshot()));

        long cutAt = System.nanoTime();
        link.cut();
        await(() -> connectionProblems(store.snapshot()).stream().anyMatch(p -> p.reason().contains(
                "Service v1 in all namespaces: watch interrupted since")), "the lost Service watch is a problem");
        long reportedMillis = (System.nanoTime() - cutAt) / 1_000_000;
        StoreSnapshot disconnected = store.snapshot();
        assertEquals(before, versions(disconnected), "the objects last read are still served, unchanged");
        assertTrue(connectionProblems(disconnected).stream().allMatch(LoadProblem::keptPrevious),
                connectionProblems(disconnected).toString());

        // The cluster changes while the store cannot see it.
        cluster.client().services().inNamespace("default").withName("web").edit(service -> {
            service.getMetadata().setLabels(Map.of("tier", "front"));
            return service;
        });

        long restoredAt = System.nanoTime();
        link.restore();
        await(() -> "front".equals(label(store.snapshot().byKey().get(SERVICE))),
                "the store sees the label set while it was disconnected");
        await(() -> connectionProblems(store.snapshot()).isEmpty(), "the watches are back and the problems gone");
        long recoveredMillis = (System.nanoTime() - restoredAt) / 1_000_000;

        // The watches are live again: a deletion and a creation are seen.
        cluster.client().genericKubernetesResources(MockApiServer.context(
                cluster.read(GW + "/v1", "Gateway", "default", "gw"))).inNamespace("default").withName("gw").delete();
        cluster.create("""
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata: {name: late, namespace: default}
                spec:
                  parentRefs: [{name: gw}]
                """);
        await(() -> !store.snapshot().byKey().containsKey(GATEWAY) && store.snapshot().byKey().containsKey(ROUTE),
                "the store sees a deletion and a creation after the reconnection");
        System.out.printf("lost watches reported after %d ms; caught up %d ms after the link came back%n",
                reportedMillis, recoveredMillis);
    }

    @Test
    void aStoreStartedWhileTheApiServerIsUnreachableReadsItOnceItIsReachable() {
        link.cut();
        store = KubernetesStore.start(storeClient, KubernetesStoreOptions.allNamespaces());
        StoreSnapshot unreachable = store.snapshot();
        assertTrue(unreachable.byKey().isEmpty(), unreachable.byKey().keySet().toString());
        assertTrue(unreachable.problems().stream().anyMatch(p -> p.reason().startsWith(
                        "CustomResourceDefinition apiextensions.k8s.io/v1 in the cluster cannot be read since")
                        && p.reason().endsWith("; retrying") && !p.keptPrevious()),
                "the store says why it has nothing: " + unreachable.problems());

        long restoredAt = System.nanoTime();
        link.restore();
        await(() -> store.snapshot().byKey().containsKey(GATEWAY) && store.snapshot().byKey().containsKey(SERVICE),
                "the store lists the cluster once it is reachable");
        await(() -> connectionProblems(store.snapshot()).isEmpty(), "no connection problem is left");
        assertTrue(store.servedKinds().containsKey("Gateway." + GW), store.servedKinds().toString());
        System.out.printf("first lists done %d ms after the link came up%n", (System.nanoTime() - restoredAt) / 1_000_000);
    }

    private static List<LoadProblem> connectionProblems(StoreSnapshot snapshot) {
        return snapshot.problems().stream()
                .filter(p -> p.reason().contains("watch interrupted") || p.reason().contains("cannot be read"))
                .toList();
    }

    private static Map<ResourceKey, String> versions(StoreSnapshot snapshot) {
        Map<ResourceKey, String> versions = new TreeMap<>();
        snapshot.byKey().forEach((key, object) -> versions.put(key, object.resourceVersion()));
        return versions;
    }

    private static String label(StoredObject object) {
        return object == null ? null : object.manifest().path("metadata").path("labels").path("tier").asText(null);
    }
}
