package dev.portolan.kubernetes.mode;

import static dev.portolan.kubernetes.MockApiServer.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portolan.kubernetes.KubernetesStoreOptions;
import dev.portolan.kubernetes.MockApiServer;
import dev.portolan.kubernetes.ShopCluster;
import dev.portolan.kubernetes.ha.LeaderElectionSettings;
import dev.portolan.kubernetes.provision.ProvisionSettings;
import dev.portolan.model.ApiGroups;
import dev.portolan.model.ResourceKey;
import dev.portolan.proxy.forward.HttpForwarder;
import dev.portolan.proxy.listen.SocketKey;
import dev.portolan.embedded.GatewayAddressBook;
import io.fabric8.kubernetes.api.model.LoadBalancerIngressBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Kubernetes mode assembled against fabric8's mock API server (CRUD mode, real HTTP and watches): a follower
 * computes snapshots but leaves status and provisioning to the leader; once it takes the Lease over it writes
 * status, provisions the Gateway's proxy, reports the Service's address, and cleans up when the Gateway goes. Off
 * a cluster's network, the same control plane serves the Gateways itself from an in-process proxy.
 */
class KubernetesControlPlaneTest {
    private static final String LEASE_NAMESPACE = "portolan-system";

    private MockApiServer cluster;
    private KubernetesControlPlane controlPlane;

    @BeforeEach
    void installGatewayApi() {
        cluster = new MockApiServer();
        ShopCluster.installGatewayApi(cluster);
    }

    @AfterEach
    void stop() {
        if (controlPlane != null) {
            controlPlane.close();
        }
        cluster.close();
    }

    /** Another replica holds the Lease and stops renewing it: it expires after {@code seconds}. */
    private void leaseHeldElsewhere(int seconds) {
        cluster.client().leases().inNamespace(LEASE_NAMESPACE).resource(new LeaseBuilder()
                .withNewMetadata().withName(LeaderElectionSettings.DEFAULT_LEASE_NAME)
                .withNamespace(LEASE_NAMESPACE).endMetadata()
                .withNewSpec().withHolderIdentity("replica-elsewhere").withLeaseDurationSeconds(seconds)
                .withAcquireTime(ZonedDateTime.now()).withRenewTime(ZonedDateTime.now()).withLeaseTransitions(0)
                .endSpec().build()).create();
    }

    private KubernetesControlPlane start(String identity) {
        LeaderElectionSettings election = new LeaderElectionSettings(LEASE_NAMESPACE,
                LeaderElectionSettings.DEFAULT_LEASE_NAME, identity, Duration.ofSeconds(2), Duration.ofMillis(1500),
                Duration.ofMillis(200));
        KubernetesModeOptions options = new KubernetesModeOptions(KubernetesStoreOptions.allNamespaces(),
                Optional.of(ProvisionSettings.defaults("http://portolan-controller.portolan-system.svc:8080")),
                Optional.of(election), Duration.ofSeconds(1));
        controlPlane = KubernetesControlPlane.start(cluster.client(), options, false);
        return controlPlane;
    }

    private JsonNode gatewayStatus() {
        ObjectNode gateway = cluster.read("gateway.networking.k8s.io/v1", "Gateway", "default", "web");
        return gateway == null ? null : gateway.get("status");
    }

    private static String condition(JsonNode conditions, String type, String field) {
        for (JsonNode condition : conditions) {
            if (type.equals(condition.path("type").asText())) {
                return condition.path(field).asText();
            }
        }
        return null;
    }

    private Deployment proxyDeployment() {
        return cluster.client().apps().deployments().inNamespace("default").withName("portolan-web").get();
    }

    @Test
    void aFollowerServesSnapshotsButOnlyTheLeaderWritesStatusAndProvisions() {
        leaseHeldElsewhere(6);
        start("replica-b");
        ShopCluster.create(cluster, 3000);
        ResourceKey gateway = ResourceKey.of(ApiGroups.GATEWAY, "Gateway", "default", "web");
        await(() -> controlPlane.snapshots().current().computed().graph().gateways().containsKey(gateway),
                "the follower's snapshot has the Gateway");
        await(() -> controlPlane.snapshots().current().computed().graph().routes().size() == 1,
                "the follower's snapshot has the route");

        assertFalse(controlPlane.isLeader(), "the Lease is still held elsewhere");
        assertFalse(controlPlane.origin().path("leader").asBoolean(), controlPlane.origin().toString());
        assertEquals("kubernetes", controlPlane.origin().path("mode").asText());
        JsonNode untouched = gatewayStatus();
        assertTrue(untouched == null || untouched.path("conditions").isEmpty(),
                "a follower writes no status: " + untouched);
        assertNull(proxyDeployment(), "a follower provisions nothing");
        assertTrue(controlPlane.dataPlane().isEmpty(), "in a cluster the proxies run in their own pods");

        await(controlPlane::isLeader, "the follower takes over the expired Lease");
        await(() -> gatewayStatus() != null && "True".equals(condition(gatewayStatus().path("conditions"),
                "Accepted", "status")), "the new leader writes the Gateway's status");
        assertEquals("AddressNotAssigned", condition(gatewayStatus().path("conditions"), "Programmed", "reason"),
                "no address until the Service has one: " + gatewayStatus());
        await(() -> proxyDeployment() != null, "the leader provisions the Gateway's proxy");
        Deployment deployment = proxyDeployment();
        assertEquals("web", deployment.getMetadata().getLabels().get("gateway.networking.k8s.io/gateway-name"));
        assertEquals("payments", deployment.getSpec().getTemplate().getMetadata().getLabels().get("team"));
        assertEquals("42", deployment.getSpec().getTemplate().getMetadata().getAnnotations().get("cost-center"));

        JsonNode route = cluster.read("gateway.networking.k8s.io/v1", "HTTPRoute", "default", "shop");
        assertEquals("portolan.dev/gateway-controller", route.at("/status/parents/0/controllerName").asText());

        // the cloud's load balancer answers: the address reaches the Gateway's status and the proxy config
        await(() -> cluster.client().services().inNamespace("default").withName("portolan-web").get() != null,
                "the proxy's Service is created (after its Deployment)");
        Service service = cluster.client().services().inNamespace("default").withName("portolan-web").get();
        service.setStatus(new io.fabric8.kubernetes.api.model.ServiceStatusBuilder().withNewLoadBalancer()
                .withIngress(new LoadBalancerIngressBuilder().withIp("203.0.113.7").build()).endLoadBalancer()
                .build());
        cluster.client().services().inNamespace("default").resource(service).updateStatus();
        await(() -> "203.0.113.7".equals(gatewayStatus().at("/addresses/0/value").asText()),
                "the Gateway's status.addresses comes from its Service");
        assertEquals("IPAddress", gatewayStatus().at("/addresses/0/type").asText());
        assertEquals("True", condition(gatewayStatus().path("conditions"), "Programmed", "status"));
        await(() -> controlPlane.publisher().current() != null && controlPlane.publisher().current().config()
                .gateways().stream().anyMatch(g -> "203.0.113.7".equals(g.address())),
                "the proxy config carries the address");

        cluster.client().genericKubernetesResources("gateway.networking.k8s.io/v1", "Gateway")
                .inNamespace("default").withName("web").delete();
        await(() -> proxyDeployment() == null
                        && cluster.client().services().inNamespace("default").withName("portolan-web").get() == null
                        && cluster.client().serviceAccounts().inNamespace("default").withName("portolan-web").get() == null,
                "deleting the Gateway removes its proxy's Deployment, Service and ServiceAccount");
    }

    @Test
    void anEditWritesOnlyTheStatusItChanges() throws Exception {
        KubernetesModeOptions noLeaderNoProvisioning = new KubernetesModeOptions(KubernetesStoreOptions.allNamespaces(),
                Optional.empty(), Optional.empty(), Duration.ofMinutes(1));
        ShopCluster.create(cluster, 3000);
        StringBuilder routes = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            routes.append("""
                    apiVersion: gateway.networking.k8s.io/v1
                    kind: HTTPRoute
                    metadata: {name: route-%d, namespace: default}
                    spec:
                      parentRefs: [{name: web}]
                      rules:
                      - backendRefs: [{name: shop, port: 8080}]
                    ---
                    """.formatted(i));
        }
        cluster.create(routes.toString());
        controlPlane = KubernetesControlPlane.start(cluster.client(), noLeaderNoProvisioning, false);
        await(() -> controlPlane.store().snapshot().byKey().values().stream()
                .filter(o -> o.key().kind().equals("HTTPRoute"))
                .allMatch(o -> o.status() != null && o.status().path("parents").size() == 1),
                "every route's status is written and seen");
        Thread.sleep(300);
        cluster.drainRequests();

        cluster.apply(MockApiServer.documents("""
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata: {name: route-7, namespace: default}
                spec:
                  parentRefs: [{name: web}]
                  rules:
                  - backendRefs: [{name: missing, port: 8080}]
                """).get(0));
        ResourceKey edited = ResourceKey.of(ApiGroups.GATEWAY, "HTTPRoute", "default", "route-7");
        await(() -> controlPlane.store().get(edited).map(o -> o.status().toString().contains("BackendNotFound"))
                .orElse(false), "the edited route's new status");
        Thread.sleep(500);
        List<String> statusWrites = cluster.drainRequests().stream().filter(r -> r.startsWith("PUT ")
                && r.endsWith("/status")).toList();
        assertEquals(List.of("PUT /apis/gateway.networking.k8s.io/v1/namespaces/default/httproutes/route-7/status"),
                statusWrites, "statuses read back from the API server equal the computed ones (an int 1 is a long 1, [] is absent)");
    }

    @Test
    void withAnInProcessProxyTheGatewayGetsALoopbackAddressAndIsServedFromThisJvm() throws Exception {
        int portOffset = freePort() - 80;
        KubernetesModeOptions options = new KubernetesModeOptions(KubernetesStoreOptions.allNamespaces(),
                Optional.empty(), Optional.empty(), Duration.ofMinutes(1))
                .withAddressing(GatewayAddressBook.loopback())
                .withInProcessProxy(new InProcessProxy(HttpForwarder::new, portOffset, -1));
        controlPlane = KubernetesControlPlane.start(cluster.client(), options, false);
        ShopCluster.create(cluster, 3000);
        // a Service without endpoints: no pods behind it in the mock
        cluster.client().discovery().v1().endpointSlices().inNamespace("default").withName("shop-1").delete();

        await(() -> gatewayStatus() != null && gatewayStatus().at("/addresses/0/value").asText().startsWith("127."),
                "the Gateway's status.addresses has a loopback address");
        String address = gatewayStatus().at("/addresses/0/value").asText();
        assertEquals("True", condition(gatewayStatus().path("conditions"), "Programmed", "status"), gatewayStatus()
                .toString());
        assertTrue(controlPlane.dataPlane().isPresent(), "the in-process proxy is the control plane's data plane");
        await(() -> controlPlane.dataPlane().get().proxy().boundPort(new SocketKey(address, 80)) == 80 + portOffset,
                "the proxy listens on the Gateway's address, port 80 + offset");

        // the route matches and goes to its backend, a Service without endpoints (no pods behind it in the mock)
        URI shop = URI.create("http://" + address + ":" + (80 + portOffset) + "/");
        HttpResponse<String> answer = get(shop);
        assertEquals(503, answer.statusCode(), answer.body());
        // the gateway's own short answer (details go to the log and metrics only)
        assertTrue(answer.body().contains("no healthy upstream"), answer.body());

        controlPlane.close();
        controlPlane = null;
        assertThrows(ConnectException.class, () -> get(shop), "closing the control plane stops its proxy");
    }

    /** A new client each time: a pooled connection would hide whether the proxy still accepts new ones. */
    private static HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A port free now, well above 80, so that 80 + offset lands on it. */
    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
