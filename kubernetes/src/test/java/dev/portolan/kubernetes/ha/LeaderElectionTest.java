package dev.portolan.kubernetes.ha;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Two replicas racing for one Lease on fabric8's mock API server (CRUD mode, real HTTP). */
class LeaderElectionTest {
    private static final Duration WAIT = Duration.ofSeconds(15);

    private KubernetesMockServer server;
    private KubernetesClient clientA;
    private KubernetesClient clientB;
    private LeaderElection a;
    private LeaderElection b;

    @BeforeEach
    void startServer() {
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesCrudDispatcher(), false);
        server.init();
        clientA = server.createClient(new JdkHttpClientFactory());
        clientB = server.createClient(new JdkHttpClientFactory());
    }

    @AfterEach
    void stop() {
        for (AutoCloseable closeable : new AutoCloseable[] {a, b, clientA, clientB}) {
            try {
                if (closeable != null) {
                    closeable.close();
                }
            } catch (Exception ignored) {
                // best effort: the next test gets a fresh server
            }
        }
        server.destroy();
    }

    @Test
    void exactlyOneOfTwoLeads() {
        a = new LeaderElection(clientA, settings("replica-a"));
        b = new LeaderElection(clientB, settings("replica-b"));
        a.start();
        b.start();
        await(() -> a.isLeader() || b.isLeader(), "a leader elected");
        // stays exclusive over several renewals
        for (int i = 0; i < 10; i++) {
            assertNotEquals(a.isLeader(), b.isLeader(), "exactly one leader");
            sleep(150);
        }
        LeaderElection leader = a.isLeader() ? a : b;
        Lease lease = clientA.leases().inNamespace("portolan-system").withName("portolan-controller").get();
        assertEquals(leader.settings().identity(), lease.getSpec().getHolderIdentity());
        await(() -> b.currentLeader().equals(a.currentLeader()) && a.currentLeader().isPresent(),
                "both replicas see the same leader");
        assertEquals(leader.settings().identity(), a.currentLeader().orElseThrow());
    }

    @Test
    void stoppingTheLeaderHandsOverAndListenersHear() {
        List<String> events = new CopyOnWriteArrayList<>();
        a = new LeaderElection(clientA, settings("replica-a"));
        a.addListener(leading -> events.add("a " + leading));
        a.start();
        await(a::isLeader, "replica-a leads alone");
        b = new LeaderElection(clientB, settings("replica-b"));
        b.addListener(leading -> events.add("b " + leading));
        b.start();
        sleep(500);
        assertFalse(b.isLeader(), "the follower must wait while the leader renews");

        long stoppedAt = System.nanoTime();
        a.close();
        assertFalse(a.isLeader());
        await(b::isLeader, "replica-b takes over");
        Duration handover = Duration.ofNanos(System.nanoTime() - stoppedAt);
        // released on close: no need to wait for the lease (2 s) to expire, one retry period (plus jitter) is enough
        assertTrue(handover.compareTo(Duration.ofSeconds(2)) < 0, "handover took " + handover);
        // each replica's own listeners hear its changes in order; across replicas (separate processes in a cluster)
        // only the lease orders them, and "a false" may be delivered by the elector's thread a moment after close
        await(() -> events.size() >= 3, "every listener heard its change");
        assertEquals(List.of("a true", "a false"), events.stream().filter(e -> e.startsWith("a ")).toList());
        assertEquals(List.of("b true"), events.stream().filter(e -> e.startsWith("b ")).toList());
    }

    @Test
    void settingsNameTheWrongField() {
        IllegalArgumentException blank = assertThrows(IllegalArgumentException.class,
                () -> new LeaderElectionSettings("ns", "lease", " ", Duration.ofSeconds(15), Duration.ofSeconds(10),
                        Duration.ofSeconds(2)));
        assertTrue(blank.getMessage().contains("identity"), blank.getMessage());
        IllegalArgumentException timing = assertThrows(IllegalArgumentException.class,
                () -> new LeaderElectionSettings("ns", "lease", "me", Duration.ofSeconds(5), Duration.ofSeconds(10),
                        Duration.ofSeconds(2)));
        assertTrue(timing.getMessage().contains("leaseDuration"), timing.getMessage());
    }

    private static LeaderElectionSettings settings(String identity) {
        return new LeaderElectionSettings("portolan-system", "portolan-controller", identity, Duration.ofSeconds(2),
                Duration.ofMillis(1500), Duration.ofMillis(200));
    }

    private static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + WAIT + " waiting for: " + what);
            }
            sleep(20);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
