package dev.portolan.proxy.admin;

import static dev.portolan.proxy.listen.ListenFixtures.gateway;
import static dev.portolan.proxy.listen.ListenFixtures.http;
import static dev.portolan.proxy.listen.ListenFixtures.route;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portolan.proxy.config.ProxyConfig;
import dev.portolan.proxy.listen.ProxyServer;
import dev.portolan.proxy.listen.ProxyServerOptions;
import dev.portolan.proxy.listen.TestForwarder;
import dev.portolan.proxy.observe.GatewayMetrics;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A provisioned proxy's admin endpoint on all addresses ({@code --admin-address 0.0.0.0}): reached at this
 * machine's own non-loopback address (as the kubelet and anyone on the pod network reach the pod IP), it answers
 * /ready and /metrics and nothing else; on 127.0.0.1 everything. The proxy's listener is on a loopback address of
 * its own; no proxied traffic is involved.
 */
class AdminServerBeyondLoopbackTest {
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private ProxyServer proxy;
    private AdminServer admin;
    private String podAddress;

    @BeforeEach
    void start() throws Exception {
        Optional<InetAddress> own = ownNonLoopbackAddress();
        Assumptions.assumeTrue(own.isPresent(), "this machine has no non-loopback IPv4 address to reach the admin"
                + " endpoint at");
        podAddress = own.get().getHostAddress();
        proxy = new ProxyServer(new TestForwarder(), ProxyServerOptions.defaults().withPortOffset(
                dev.portolan.proxy.listen.ListenFixtures.freeOffset(List.of(80), "127.0.0.206")), new GatewayMetrics());
        proxy.start();
        admin = new AdminServer(proxy, "0.0.0.0", 0, "infra/edge");
        admin.start();
        proxy.apply(new ProxyConfig("7", List.of(gateway("edge", "127.0.0.206", Map.of(),
                http("web", 80, null, route("api", "/", "rule")))))).openFailures();
    }

    @AfterEach
    void stop() throws Exception {
        if (admin != null) {
            admin.close();
            proxy.close();
        }
    }

    private static Optional<InetAddress> ownNonLoopbackAddress() throws Exception {
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!nic.isUp() || nic.isLoopback()) {
                continue;
            }
            for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                if (address instanceof Inet4Address && !address.isLoopbackAddress()) {
                    return Optional.of(address);
                }
            }
        }
        return Optional.empty();
    }

    private HttpResponse<String> get(String host, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://" + host + ":" + admin.port() + path))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void beyondLoopbackOnlyReadyAndMetricsAnswer() throws Exception {
        HttpResponse<String> ready = get(podAddress, "/ready");
        assertEquals(200, ready.statusCode(), ready.body());
        HttpResponse<String> metrics = get(podAddress, "/metrics");
        assertEquals(200, metrics.statusCode());
        assertTrue(metrics.body().contains("portolan_"), "metrics are served to Prometheus on the pod IP");
        for (String path : List.of("/admin/config", "/admin/gateways", "//admin/config", "/admin/config/",
                "/ADMIN/config", "/ready/../admin/config", "/%61dmin/config")) {
            HttpResponse<String> refused = get(podAddress, path);
            assertFalse(refused.statusCode() == 200, path + " answered beyond loopback: " + refused.body());
            assertFalse(refused.body().contains("\"gateways\""), path + " leaked the config");
        }
        assertEquals(404, get(podAddress, "/admin/config").statusCode());
    }

    @Test
    void onLoopbackTheAdminPathsStillAnswer() throws Exception {
        assertEquals(200, get("127.0.0.1", "/admin/config").statusCode());
        assertEquals(200, get("127.0.0.1", "/admin/gateways").statusCode());
        assertEquals(200, get("127.0.0.1", "/ready").statusCode());
    }
}
