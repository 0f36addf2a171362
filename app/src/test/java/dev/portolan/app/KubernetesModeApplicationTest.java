package dev.portolan.app;

import static dev.portolan.kubernetes.MockApiServer.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portolan.distribute.ProxyAuthenticator;
import dev.portolan.kubernetes.MockApiServer;
import dev.portolan.kubernetes.ShopCluster;
import dev.portolan.kubernetes.mode.TokenReviewAuthenticator;
import dev.portolan.model.Manifests;
import io.fabric8.kubernetes.api.model.LoadBalancerIngressBuilder;
import io.fabric8.kubernetes.api.model.ServiceStatusBuilder;
import io.micronaut.context.ApplicationContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The application as shipped, in Kubernetes mode, against fabric8's mock API server: the cluster is found the way
 * kubectl would (here: the kubernetes.master system property), the API, dashboard and proxy configs serve what the
 * cluster holds, status lands on the cluster's objects and the Gateway's proxy is provisioned.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KubernetesModeApplicationTest implements TestPropertyProvider {
    private static final String API_TOKEN = "kubernetes-mode-test-token";

    private MockApiServer cluster;

    @Inject
    @Client("/")
    HttpClient client;

    @Inject
    Optional<ProxyAuthenticator> proxyAuthenticator;

    @Inject
    ApplicationContext context;

    @Override
    public Map<String, String> getProperties() {
        cluster = new MockApiServer();
        ShopCluster.installGatewayApi(cluster);
        ShopCluster.create(cluster, 3000);
        // what the kubeconfig would say; fabric8's auto-configuration reads these before ~/.kube/config
        System.setProperty("kubernetes.master", cluster.client().getMasterUrl().toString());
        System.setProperty("kubernetes.trust.certificates", "true");
        System.setProperty("kubernetes.auth.tryKubeConfig", "false");
        System.setProperty("kubernetes.auth.tryServiceAccount", "false");
        return Map.of("portolan.mode", "kubernetes",
                "portolan.kubernetes.lease-namespace", "default",
                "portolan.kubernetes.identity", "app-test",
                "portolan.kubernetes.reconcile-period", "1s", "portolan.api.write-token", API_TOKEN);
    }

    @AfterAll
    void stopCluster() {
        // Portolan first, so that its watches close before the mock server goes (the mock waits for open sockets)
        context.close();
        for (String key : List.of("kubernetes.master", "kubernetes.trust.certificates",
                "kubernetes.auth.tryKubeConfig", "kubernetes.auth.tryServiceAccount")) {
            System.clearProperty(key);
        }
        cluster.close();
    }

    private JsonNode get(String path) throws IOException {
        // proxy configs hold private keys: they need a token even from loopback
        var request = path.startsWith("/proxy/") ? HttpRequest.GET(path).bearerAuth(API_TOKEN) : HttpRequest.GET(path);
        return Manifests.JSON.readTree(client.toBlocking().retrieve(request, String.class));
    }

    @Test
    void theSummaryNamesTheClusterAndThisReplicaLeads() throws IOException {
        await(() -> {
            try {
                return get("/api/v1/summary").path("leader").asBoolean();
            } catch (IOException e) {
                return false;
            }
        }, "the only replica leads");
        JsonNode summary = get("/api/v1/summary");
        assertEquals("kubernetes", summary.path("mode").asText());
        assertEquals(cluster.client().getMasterUrl().toString(), summary.path("cluster").asText());
        assertEquals(1, summary.at("/counts/HTTPRoute").asInt(), summary.toString());
        String overview = client.toBlocking().retrieve(HttpRequest.GET("/"), String.class);
        assertTrue(overview.contains("this replica leads"), "the dashboard says who writes status");
        String apply = client.toBlocking().retrieve(HttpRequest.GET("/ui/apply"), String.class);
        assertTrue(apply.contains("data-key=\"cluster-writes\""), "the apply page warns that the cluster's RBAC "
                + "refuses spec writes");
    }

    @Test
    void statusLandsOnTheClustersObjectsAndTheApiDescribesThem() throws IOException {
        await(() -> {
            ObjectNode route = cluster.read("gateway.networking.k8s.io/v1", "HTTPRoute", "default", "shop");
            return route != null && route.at("/status/parents/0/conditions").size() > 0;
        }, "the route's status is written to the cluster");
        JsonNode route = get("/api/v1/httproutes/default/shop");
        assertEquals("web", route.at("/object/spec/parentRefs/0/name").asText(), route.toString());
    }

    @Test
    void theGatewaysProxyIsProvisionedAndItsConfigServedPerGateway() throws IOException {
        await(() -> cluster.client().apps().deployments().inNamespace("default").withName("portolan-web").get() != null,
                "the proxy Deployment is created");
        var deployment = cluster.client().apps().deployments().inNamespace("default").withName("portolan-web").get();
        assertEquals("payments", deployment.getSpec().getTemplate().getMetadata().getLabels().get("team"));
        // the mock assigns no addresses: play the cloud's load balancer
        var services = cluster.client().services().inNamespace("default");
        var service = services.withName("portolan-web").get();
        service.setStatus(new ServiceStatusBuilder().withNewLoadBalancer()
                .withIngress(new LoadBalancerIngressBuilder().withIp("203.0.113.9").build()).endLoadBalancer().build());
        services.resource(service).updateStatus();
        await(() -> {
            try {
                return get("/proxy/v1/config?gateway=default/web").path("gateways").size() == 1;
            } catch (IOException e) {
                return false;
            }
        }, "the Gateway, now with an address, is in its proxy's config");
        JsonNode config = get("/proxy/v1/config?gateway=default/web");
        assertEquals(1, config.path("gateways").size(), config.toString());
        assertEquals("web", config.at("/gateways/0/name").asText());
        assertEquals("203.0.113.9", config.at("/gateways/0/address").asText());
        assertInstanceOf(TokenReviewAuthenticator.class, proxyAuthenticator.orElseThrow(),
                "remote proxies authenticate with their service-account tokens");
    }
}
