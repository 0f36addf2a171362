package dev.portolan.app;

import static dev.portolan.kubernetes.MockApiServer.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portolan.kubernetes.MockApiServer;
import dev.portolan.kubernetes.ShopCluster;
import dev.portolan.testpki.TestPki;
import io.fabric8.kubernetes.api.model.Secret;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import dev.portolan.proxy.sync.TrustedCa;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Two replicas of the application as shipped for a cluster (the {@code kubernetes} environment of
 * deploy/kubernetes) against one mock API server: they share one config-channel certificate and one write token
 * from Secrets the first one created, serve proxy configs over HTTPS to a proxy trusting only that CA, and accept a
 * write through either of them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KubernetesReplicasTest {
    private static final String PROXY_TOKEN = "projected-token-of-portolan-web";
    /** The Service name the certificate is issued for; "localhost" so that this machine's clients can check it. */
    private static final String SERVICE = "localhost";
    private static final String NAMESPACE = "portolan-system";

    private MockApiServer cluster;
    private EmbeddedServer first;
    private EmbeddedServer second;
    private int firstHttps;
    private int secondHttps;
    private final Map<EmbeddedServer, Integer> httpPorts = new HashMap<>();

    @BeforeAll
    void startTwoReplicas() {
        cluster = new MockApiServer();
        ShopCluster.installGatewayApi(cluster);
        ShopCluster.create(cluster, 3000);
        cluster.answerTokenReviews(Map.of(PROXY_TOKEN, "system:serviceaccount:default:portolan-web"));
        System.setProperty("kubernetes.master", cluster.client().getMasterUrl().toString());
        System.setProperty("kubernetes.auth.tryKubeConfig", "false");
        System.setProperty("kubernetes.auth.tryServiceAccount", "false");
        firstHttps = freePort();
        secondHttps = freePort();
        first = replica("replica-a", firstHttps);
        second = replica("replica-b", secondHttps);
    }

    private EmbeddedServer replica(String identity, int httpsPort) {
        Map<String, Object> properties = new HashMap<>();
        int httpPort = freePort();
        properties.put("portolan.mode", "kubernetes");
        properties.put("micronaut.server.port", httpPort);
        properties.put("micronaut.server.ssl.port", httpsPort);
        properties.put("portolan.kubernetes.identity", identity);
        properties.put("portolan.kubernetes.lease-namespace", NAMESPACE);
        properties.put("portolan.kubernetes.control-plane-namespace", NAMESPACE);
        properties.put("portolan.kubernetes.control-plane-service", SERVICE);
        properties.put("portolan.kubernetes.provision", "false");
        properties.put("portolan.kubernetes.shared-secrets", "true"); // as in a pod (POD_NAMESPACE)
        properties.put("portolan.api.trust-loopback", "false");
        EmbeddedServer replica = ApplicationContext.run(EmbeddedServer.class, properties, "kubernetes");
        httpPorts.put(replica, httpPort);
        return replica;
    }

    @AfterAll
    void stop() {
        for (EmbeddedServer replica : new EmbeddedServer[] {second, first}) {
            if (replica != null) {
                replica.getApplicationContext().close();
            }
        }
        for (String key : List.of("kubernetes.master", "kubernetes.auth.tryKubeConfig",
                "kubernetes.auth.tryServiceAccount")) {
            System.clearProperty(key);
        }
        cluster.close();
    }

    private String caFromConfigMap() {
        var configMap = cluster.client().configMaps().inNamespace(NAMESPACE).withName("portolan-config-ca").get();
        assertNotNull(configMap, "the CA is published in ConfigMap portolan-config-ca");
        return configMap.getData().get("ca.crt");
    }

    private static String secretValue(Secret secret, String key) {
        if (secret.getData() != null && secret.getData().containsKey(key)) {
            return new String(Base64.getDecoder().decode(secret.getData().get(key)), StandardCharsets.UTF_8);
        }
        return secret.getStringData().get(key);
    }

    private HttpClient trusting(String caPem) throws IOException {
        Path ca = Files.createTempFile("control-plane-ca", ".crt");
        Files.writeString(ca, caPem);
        return client(TrustedCa.sslContext(ca));
    }

    private static HttpClient client(SSLContext tls) {
        return HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(5)).build();
    }

    private static HttpResponse<String> get(HttpClient client, String url, String token) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void oneCertificateAndOneTokenForBothReplicasInSecretsTheFirstCreated() {
        assertEquals(1, cluster.client().secrets().inNamespace(NAMESPACE).list().getItems().stream()
                .filter(s -> s.getMetadata().getName().equals("portolan-config-tls")).count());
        Secret tls = cluster.client().secrets().inNamespace(NAMESPACE).withName("portolan-config-tls").get();
        assertEquals(caFromConfigMap(), secretValue(tls, "ca.crt"), "the ConfigMap publishes the Secret's CA");
        assertNotNull(cluster.client().secrets().inNamespace(NAMESPACE).withName("portolan-api-token").get());
    }

    @Test
    void aProxyTrustingTheCaGetsItsConfigOverHttpsFromEitherReplica() throws Exception {
        HttpClient proxy = trusting(caFromConfigMap());
        Certificate[] seen = null;
        for (int port : List.of(firstHttps, secondHttps)) {
            HttpResponse<String> answer = get(proxy, "https://" + SERVICE + ":" + port
                    + "/proxy/v1/config?gateway=default/web&wait=0s", PROXY_TOKEN);
            assertEquals(200, answer.statusCode(), answer.body());
            assertTrue(answer.body().contains("\"gateways\""), answer.body());
            Certificate[] served = answer.sslSession().orElseThrow().getPeerCertificates();
            if (seen != null) {
                assertArrayEquals(seen, served, "both replicas serve the same certificate");
            }
            seen = served;
        }
    }

    @Test
    void aClientTrustingAnotherCaRefusesTheReplica() {
        HttpClient other = client(TestPki.sslContext(TestPki.newCa("another CA")));
        assertThrows(SSLHandshakeException.class, () -> get(other, "https://" + SERVICE + ":" + firstHttps
                + "/proxy/v1/config?gateway=default/web&wait=0s", PROXY_TOKEN));
    }

    @Test
    void aWriteWithTheSharedTokenSucceedsOnEitherReplicaAndAnotherTokenOnNeither() throws Exception {
        String token = secretValue(cluster.client().secrets().inNamespace(NAMESPACE).withName("portolan-api-token")
                .get(), "token");
        HttpClient http = HttpClient.newHttpClient();
        String manifest = "apiVersion: v1\nkind: Namespace\nmetadata: {name: team-a}\n";
        for (EmbeddedServer replica : List.of(first, second)) {
            // the API stays on plain HTTP (8080 in the cluster); the HTTPS port is the proxies' config channel
            URI analyze = URI.create("http://127.0.0.1:" + httpPorts.get(replica) + "/api/v1/analyze");
            HttpResponse<String> accepted = http.send(HttpRequest.newBuilder(analyze)
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/yaml")
                    .POST(HttpRequest.BodyPublishers.ofString(manifest)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, accepted.statusCode(), "replica on " + httpPorts.get(replica) + ": " + accepted.body());
            HttpResponse<String> refused = http.send(HttpRequest.newBuilder(analyze)
                    .header("Authorization", "Bearer not-the-token").header("Content-Type", "application/yaml")
                    .POST(HttpRequest.BodyPublishers.ofString(manifest)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(401, refused.statusCode(), refused.body());
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
