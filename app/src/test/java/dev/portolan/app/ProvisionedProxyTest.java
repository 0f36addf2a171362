package dev.portolan.app;

import static dev.portolan.kubernetes.MockApiServer.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portolan.kubernetes.MockApiServer;
import dev.portolan.kubernetes.ShopCluster;
import dev.portolan.echo.EchoOptions;
import dev.portolan.echo.EchoServer;
import io.fabric8.kubernetes.api.model.LoadBalancerIngressBuilder;
import io.fabric8.kubernetes.api.model.ServiceStatusBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.micronaut.context.ApplicationContext;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The data path of Kubernetes mode end to end, as close as this machine gets to a cluster: the control plane
 * (the application, Kubernetes mode, mock API server) provisions a Deployment; its container arguments are run as
 * they are, in a separate JVM standing in for the pod, with a service-account token file and the control plane's CA
 * from the provisioned ConfigMap (as the kubelet mounts them); the proxy authenticates (TokenReview; loopback is not
 * trusted here) over the HTTPS config channel, trusting only that CA, pulls its Gateway's config, becomes ready and
 * forwards to a real echo backend behind the route. Its admin port, open on all addresses for the kubelet, answers
 * /admin/* on loopback only.
 */
@MicronautTest(environments = "kubernetes")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProvisionedProxyTest implements TestPropertyProvider {
    private static final String PROXY_TOKEN = "projected-token-of-portolan-web";

    private MockApiServer cluster;
    private EchoServer backend;
    private Process pod;
    private Path podLog;

    @Inject
    ApplicationContext context;

    @Override
    public Map<String, String> getProperties() {
        try {
            backend = EchoServer.start(EchoOptions.of("shop-7d4b9", "default"));
        } catch (Exception e) {
            throw new IllegalStateException("echo backend did not start", e);
        }
        cluster = new MockApiServer();
        ShopCluster.installGatewayApi(cluster);
        ShopCluster.create(cluster, backend.httpPort());
        cluster.answerTokenReviews(Map.of(PROXY_TOKEN, "system:serviceaccount:default:portolan-web"));
        System.setProperty("kubernetes.master", cluster.client().getMasterUrl().toString());
        System.setProperty("kubernetes.auth.tryKubeConfig", "false");
        System.setProperty("kubernetes.auth.tryServiceAccount", "false");
        int port = freePort();
        int httpsPort = freePort();
        return Map.of("portolan.mode", "kubernetes",
                "micronaut.server.port", Integer.toString(port),
                "micronaut.server.ssl.port", Integer.toString(httpsPort),
                // the certificate is issued for the Service's names; "localhost" is one this machine resolves
                "portolan.kubernetes.control-plane-service", "localhost",
                "portolan.kubernetes.control-plane-namespace", "portolan-system",
                "portolan.kubernetes.shared-secrets", "true",
                "portolan.kubernetes.control-plane-url", "https://localhost:" + httpsPort,
                "portolan.kubernetes.leader-election", "false",
                "portolan.kubernetes.reconcile-period", "1s",
                // a proxy in a pod is never loopback to the control plane: make this one prove who it is
                "portolan.api.trust-loopback", "false");
    }

    @AfterAll
    void stop() throws Exception {
        if (pod != null) {
            pod.destroyForcibly().waitFor();
        }
        context.close();
        for (String key : List.of("kubernetes.master", "kubernetes.auth.tryKubeConfig",
                "kubernetes.auth.tryServiceAccount")) {
            System.clearProperty(key);
        }
        cluster.close();
        backend.close();
    }

    @Test
    void theProvisionedPodsArgumentsServeTheRouteWithTheServiceAccountToken() throws Exception {
        await(() -> deployment() != null, "the control plane provisions the Gateway's proxy Deployment");
        List<String> args = deployment().getSpec().getTemplate().getSpec().getContainers().get(0).getArgs();
        assertEquals("dev.portolan.proxy.ProxyMain", args.get(0), args.toString());
        assertTrue(args.containsAll(List.of("--gateway", "default/web", "--bind-address", "0.0.0.0")), args.toString());
        assertTrue(args.get(args.indexOf("--config-url") + 1).startsWith("https://"), args.toString());
        assertTrue(args.contains("--ca-file") && !args.contains("--insecure-plaintext"), args.toString());
        var caConfigMap = cluster.client().configMaps().inNamespace("default").withName("portolan-web").get();
        assertEquals(cluster.client().configMaps().inNamespace("portolan-system").withName("portolan-config-ca").get()
                .getData().get("ca.crt"), caConfigMap.getData().get("ca.crt"),
                "the proxy's namespace holds a copy of the control plane's CA");

        // the cloud's load balancer gives the Service an address: the Gateway is programmed
        var services = cluster.client().services().inNamespace("default");
        await(() -> services.withName("portolan-web").get() != null, "the proxy's Service exists");
        var service = services.withName("portolan-web").get();
        service.setStatus(new ServiceStatusBuilder().withNewLoadBalancer()
                .withIngress(new LoadBalancerIngressBuilder().withIp("203.0.113.20").build()).endLoadBalancer().build());
        services.resource(service).updateStatus();

        int listenerPort = freePort();
        int adminPort = freePort();
        pod = startPod(podArguments(args, listenerPort - 80, adminPort, caConfigMap.getData().get("ca.crt")));

        awaitHttp("http://127.0.0.1:" + adminPort + "/ready", 200,
                "the proxy authenticates, gets its Gateway's config and reports ready");
        HttpResponse<String> answer = http().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + listenerPort + "/cart?items=2"))
                .timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, answer.statusCode(), answer.body());
        assertEquals(1, backend.recordedCount("/cart?items=2"), "the echo backend behind the route answered");
        assertTrue(answer.body().contains("shop-7d4b9"), "the echo names its pod: " + answer.body());

        // the admin port is open on all addresses for the kubelet's probe: beyond loopback only /ready, /metrics
        assertEquals(200, status("http://127.0.0.1:" + adminPort + "/admin/config"), "loopback sees the config");
        Optional<InetAddress> podIp = ownNonLoopbackAddress();
        if (podIp.isPresent()) {
            String base = "http://" + podIp.get().getHostAddress() + ":" + adminPort;
            assertEquals(200, status(base + "/ready"), "the kubelet's probe at the pod IP");
            assertEquals(404, status(base + "/admin/config"), "the config (private keys redacted or not) stays local");
            assertEquals(404, status(base + "/admin/gateways"));
        }
    }

    private static int status(String url) throws Exception {
        return http().send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static Optional<InetAddress> ownNonLoopbackAddress() throws IOException {
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (nic.isUp() && !nic.isLoopback()) {
                for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                    if (address instanceof Inet4Address) {
                        return Optional.of(address);
                    }
                }
            }
        }
        return Optional.empty();
    }

    private Deployment deployment() {
        return cluster.client().apps().deployments().inNamespace("default").withName("portolan-web").get();
    }

    /**
     * The Deployment's arguments as the kubelet would pass them, with only what a shared test machine needs
     * changed: the token file (the kubelet's projected token), the CA file (the kubelet's mount of the provisioned
     * ConfigMap), free ports (listener ports shifted by an offset,
     * since port 80 may be taken here; the admin port).
     */
    private static List<String> podArguments(List<String> deploymentArgs, int portOffset, int adminPort,
                                             String caPem) throws IOException {
        Path token = Files.createTempFile("serviceaccount-token", "");
        Files.writeString(token, PROXY_TOKEN + "\n");
        Path ca = Files.createTempFile("control-plane-ca", ".crt");
        Files.writeString(ca, caPem);
        List<String> args = new ArrayList<>(deploymentArgs);
        args.set(args.indexOf("--token-file") + 1, token.toString());
        args.set(args.indexOf("--ca-file") + 1, ca.toString());
        args.set(args.indexOf("--admin-port") + 1, Integer.toString(adminPort));
        args.addAll(List.of("--port-offset", Integer.toString(portOffset)));
        return args;
    }

    private Process startPod(List<String> args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path")));
        command.addAll(args);
        podLog = Files.createTempFile("provisioned-proxy", ".log");
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(podLog.toFile()).start();
    }

    private void awaitHttp(String url, int status, String what) throws IOException {
        try {
            await(() -> {
                try {
                    return http().send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build(),
                            HttpResponse.BodyHandlers.ofString()).statusCode() == status;
                } catch (IOException e) {
                    return false;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }, what);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; the proxy's log:\n" + Files.readString(podLog), e);
        }
    }

    private static HttpClient http() {
        return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
