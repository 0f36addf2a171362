package dev.portolan.kubernetes.mode;

import static dev.portolan.kubernetes.MockApiServer.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.portolan.distribute.PublishedConfig;
import dev.portolan.kubernetes.KubernetesStoreOptions;
import dev.portolan.kubernetes.MockApiServer;
import dev.portolan.kubernetes.ShopCluster;
import dev.portolan.embedded.GatewayAddressBook;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Kubernetes replicas each compute and serve proxy configs, and a proxy's long polls may move from one to another
 * (or to a restarted one). Two replicas over the same cluster content publish the same version, so a moving proxy
 * is neither reloaded for nothing nor, worse, told "not modified" about content it does not have; after an edit
 * they agree on a new version, and a replica started later joins them on it.
 */
class ReplicaConfigVersionsTest {
    private MockApiServer cluster;
    private final List<KubernetesControlPlane> replicas = new ArrayList<>();

    @AfterEach
    void stop() {
        replicas.forEach(KubernetesControlPlane::close);
        cluster.close();
    }

    private KubernetesControlPlane replica() {
        KubernetesModeOptions options = new KubernetesModeOptions(KubernetesStoreOptions.allNamespaces(),
                Optional.empty(), Optional.empty(), Duration.ofMinutes(1))
                .withAddressing(GatewayAddressBook.loopback());
        KubernetesControlPlane replica = KubernetesControlPlane.start(cluster.client(), options, false);
        replicas.add(replica);
        return replica;
    }

    private static PublishedConfig served(KubernetesControlPlane replica) {
        return replica.publisher().current();
    }

    private static boolean servesRoutes(KubernetesControlPlane replica, int routes) {
        PublishedConfig config = served(replica);
        return config != null && config.config().gateways().size() == 1
                && config.config().gateways().get(0).listeners().stream().mapToInt(l -> l.routes().size()).sum()
                == routes;
    }

    @Test
    void replicasOverTheSameObjectsAgreeOnTheVersionAndNeverRepeatOneForOtherContent() throws Exception {
        cluster = new MockApiServer();
        ShopCluster.installGatewayApi(cluster);
        ShopCluster.create(cluster, 3000);
        int routes = 1;
        KubernetesControlPlane a = replica();
        KubernetesControlPlane b = replica();
        await(() -> servesRoutes(a, routes) && servesRoutes(b, routes), "both replicas serve the shop route");
        await(() -> served(a).version().equals(served(b).version()), "the replicas agree on the version");
        String before = served(a).version();
        assertEquals(served(a).json(), served(b).json(), "the same version is the same content");

        // a proxy that got its config from replica a now polls replica b: held, not reloaded
        CompletableFuture<PublishedConfig> moved = b.publisher().awaitChange(before, Duration.ofSeconds(30));
        Thread.sleep(300);
        assertFalse(moved.isDone(), "replica b has nothing new for a proxy holding replica a's version");

        cluster.create("""
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata: {name: added, namespace: default}
                spec:
                  parentRefs: [{name: web}]
                  rules:
                  - matches: [{path: {type: PathPrefix, value: /added}}]
                    backendRefs: [{name: shop, port: 8080}]
                """);
        await(() -> servesRoutes(a, routes + 1) && servesRoutes(b, routes + 1), "both replicas serve the new route");
        await(() -> served(a).version().equals(served(b).version()), "the replicas agree on the new version");
        String after = served(a).version();
        assertNotEquals(before, after, "new content, new version");
        assertSame(served(b), moved.get(5, TimeUnit.SECONDS), "the held poll on replica b gets the edit");

        KubernetesControlPlane late = replica(); // a replica started (or restarted) after the edit
        await(() -> servesRoutes(late, routes + 1), "the late replica serves both routes");
        assertEquals(after, served(late).version(), "a restarted replica serves the same content as the same version");
    }
}
