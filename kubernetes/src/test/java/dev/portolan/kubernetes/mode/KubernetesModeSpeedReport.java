package dev.portolan.kubernetes.mode;

import static dev.portolan.kubernetes.MockApiServer.await;

import dev.portolan.kubernetes.KubernetesStoreOptions;
import dev.portolan.kubernetes.MockApiServer;
import dev.portolan.kubernetes.ShopCluster;
import dev.portolan.model.ApiGroups;
import dev.portolan.model.ResourceKey;
import dev.portolan.store.StoredObject;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * How Kubernetes mode copes with 5,000 HTTPRoutes on fabric8's mock API server: time to start (list everything),
 * to write every route's status back (one read and one write per object), and to follow one edit. A report, not a
 * test: {@code mvn -pl kubernetes test -Dtest=KubernetesModeSpeedReport -Dportolan.speed=true} (through the reactor
 * with the modules before it); skipped otherwise. The mock answers faster than a real API server, which also
 * throttles clients (fabric8 defaults: none; kube-apiserver: API Priority and Fairness).
 */
class KubernetesModeSpeedReport {
    private static final int NAMESPACES = 20;
    private static final int ROUTES = Integer.getInteger("portolan.speed.routes", 5_000);

    @Test
    void fiveThousandRoutes() throws Exception {
        Assumptions.assumeTrue(Boolean.getBoolean("portolan.speed")
                || "true".equals(System.getenv("PORTOLAN_SPEED")), "speed report runs with -Dportolan.speed=true");
        try (MockApiServer cluster = new MockApiServer()) {
            ShopCluster.installGatewayApi(cluster);
            ShopCluster.create(cluster, 3000);
            long created = System.nanoTime();
            StringBuilder yaml = new StringBuilder();
            for (int n = 0; n < NAMESPACES; n++) {
                yaml.append("apiVersion: v1\nkind: Namespace\nmetadata: {name: ns-").append(n).append("}\n---\n");
            }
            cluster.create(yaml.toString());
            for (int i = 0; i < ROUTES; i++) {
                cluster.create("""
                        apiVersion: gateway.networking.k8s.io/v1
                        kind: HTTPRoute
                        metadata: {name: route-%1$d, namespace: default}
                        spec:
                          parentRefs: [{name: web}]
                          rules:
                          - matches: [{path: {type: PathPrefix, value: /r%1$d}}]
                            backendRefs: [{name: shop, port: 8080}]
                        """.formatted(i));
            }
            report("create " + ROUTES + " HTTPRoutes through the client (the test's own cost)", created);

            long start = System.nanoTime();
            KubernetesModeOptions options = new KubernetesModeOptions(KubernetesStoreOptions.allNamespaces(),
                    Optional.empty(), Optional.empty(), Duration.ofMinutes(1));
            try (KubernetesControlPlane controlPlane = KubernetesControlPlane.start(cluster.client(), options,
                    false)) {
                report("start: informers listed, first snapshot published (serving)", start);
                long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
                while (statusesSeen(controlPlane) < ROUTES + 1 && System.nanoTime() < deadline) {
                    Thread.sleep(100); // the first status sync runs after the snapshot is published
                }
                report("start until the store has seen every route's status (" + statusesSeen(controlPlane)
                        + " routes)", start);
                int before = cluster.requestCount();
                Thread.sleep(3000);
                System.out.printf("SPEED requests in 3 s of quiet after start: %d%n", cluster.requestCount() - before);

                ResourceKey edited = ResourceKey.of(ApiGroups.GATEWAY, "HTTPRoute", "default", "route-42");
                long edit = System.nanoTime();
                cluster.apply(MockApiServer.documents("""
                        apiVersion: gateway.networking.k8s.io/v1
                        kind: HTTPRoute
                        metadata: {name: route-42, namespace: default}
                        spec:
                          parentRefs: [{name: web}]
                          rules:
                          - backendRefs: [{name: missing, port: 8080}]
                        """).get(0));
                await(() -> controlPlane.store().get(edited).map(StoredObject::status)
                        .map(s -> s.toString().contains("BackendNotFound")).orElse(false),
                        "the edited route's new status");
                report("one edit until its new status is back in the store", edit);
                int afterEdit = cluster.requestCount();
                Thread.sleep(3000);
                System.out.printf("SPEED requests in 3 s of quiet after the edit: %d%n",
                        cluster.requestCount() - afterEdit);
            }
        }
    }

    private static long statusesSeen(KubernetesControlPlane controlPlane) {
        return controlPlane.store().snapshot().byKey().values().stream()
                .filter(o -> o.key().kind().equals("HTTPRoute"))
                .filter(o -> o.status() != null && o.status().path("parents").size() > 0)
                .count();
    }

    private static void report(String what, long startNanos) {
        System.out.printf("SPEED %-70s %,8d ms%n", what, (System.nanoTime() - startNanos) / 1_000_000);
    }
}
