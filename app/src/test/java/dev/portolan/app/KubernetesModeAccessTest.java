package dev.portolan.app;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portolan.kubernetes.MockApiServer;
import dev.portolan.kubernetes.ShopCluster;
import io.micronaut.context.ApplicationContext;
import io.micronaut.http.server.HttpServerConfiguration;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Kubernetes mode's side of the access policy: the server listens on every interface (proxies and the kubelet
 * reach the pod by IP), and the Host allow-list takes what they send (the control plane Service's names, IP
 * literals) while still refusing a rebound DNS name.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KubernetesModeAccessTest implements TestPropertyProvider {
    private MockApiServer cluster;

    @Inject
    EmbeddedServer server;

    @Inject
    ApplicationContext context;

    @Override
    public Map<String, String> getProperties() {
        cluster = new MockApiServer();
        ShopCluster.installGatewayApi(cluster);
        ShopCluster.create(cluster, 10);
        System.setProperty("kubernetes.master", cluster.client().getMasterUrl().toString());
        System.setProperty("kubernetes.trust.certificates", "true");
        System.setProperty("kubernetes.auth.tryKubeConfig", "false");
        System.setProperty("kubernetes.auth.tryServiceAccount", "false");
        return Map.of("portolan.mode", "kubernetes",
                "portolan.kubernetes.lease-namespace", "default",
                "portolan.kubernetes.identity", "access-test",
                "portolan.kubernetes.provision", "false");
    }

    @AfterAll
    void stopCluster() {
        context.close();
        for (String key : List.of("kubernetes.master", "kubernetes.trust.certificates",
                "kubernetes.auth.tryKubeConfig", "kubernetes.auth.tryServiceAccount")) {
            System.clearProperty(key);
        }
        cluster.close();
    }

    private String statusLine(String path, String host) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", server.getPort()), 2_000);
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: " + host
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return answer.lines().findFirst().orElse("");
        }
    }

    @Test
    void listensOnEveryInterface() {
        assertTrue(context.getBean(HttpServerConfiguration.class).getHost().isEmpty(),
                "no bind address: every interface, for the pod IP");
    }

    @Test
    void probesByPodIpAndProxiesByServiceNameAreAnswered() throws IOException {
        for (String host : List.of("10.244.3.17:8080", "[fd00:10:244::11]:8080",
                "portolan-controller.portolan-system.svc:8080", "portolan-controller.portolan-system.svc.cluster.local",
                "localhost:8080")) {
            String status = statusLine("/health", host);
            assertTrue(status.startsWith("HTTP/1.1 200"), host + ": " + status);
        }
    }

    @Test
    void aRebindingNameIsStillRefused() throws IOException {
        String status = statusLine("/api/v1/summary", "attacker.example:8080");
        assertTrue(status.startsWith("HTTP/1.1 421"), status);
    }
}
