package dev.portolan.proxy.admin;

import static dev.portolan.proxy.listen.ListenFixtures.freeOffset;
import static dev.portolan.proxy.listen.ListenFixtures.gateway;
import static dev.portolan.proxy.listen.ListenFixtures.http;
import static dev.portolan.proxy.listen.ListenFixtures.https;
import static dev.portolan.proxy.listen.ListenFixtures.route;
import static dev.portolan.proxy.listen.ListenFixtures.serverCertificate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portolan.proxy.config.ProxyConfig;
import dev.portolan.proxy.config.ProxyConfigCodec;
import dev.portolan.proxy.listen.ProxyServer;
import dev.portolan.proxy.listen.ProxyServerOptions;
import dev.portolan.proxy.observe.GatewayMetrics;
import dev.portolan.testpki.KeyFormat;
import dev.portolan.testpki.KeyType;
import dev.portolan.testpki.TestPki;
import dev.portolan.proxy.listen.TestForwarder;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AdminServerTest {
    static final String ADDRESS = "127.0.0.205";

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private ProxyServer proxy;
    private AdminServer admin;
    private int offset;

    @BeforeEach
    void start() throws Exception {
        offset = freeOffset(List.of(80, 443), ADDRESS);
        proxy = new ProxyServer(new TestForwarder(), ProxyServerOptions.defaults().withPortOffset(offset),
                new GatewayMetrics());
        proxy.start();
        admin = new AdminServer(proxy, "127.0.0.1", 0);
        admin.start();
    }

    @AfterEach
    void stop() throws Exception {
        admin.close();
        proxy.close();
    }

    private ProxyConfig config() throws Exception {
        return new ProxyConfig("7", List.of(gateway("edge", ADDRESS,
                Map.of("app.kubernetes.io/name", "edge", "team", "blue"),
                http("web", 80, null, route("api", "/api", "api-rule")),
                https("secure", 443, "secure.test", serverCertificate(TestPki.newCa("Portolan Test CA"), "secure.test", KeyType.EC,
                        KeyFormat.PKCS8),
                        route("api", "/", "tls-rule")))));
    }

    private HttpResponse<String> get(String base, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> admin(String path) throws Exception {
        return get("http://127.0.0.1:" + admin.port(), path);
    }

    @Test
    void readyOnlyOnceAConfigIsLive() throws Exception {
        assertEquals(503, admin("/ready").statusCode());
        proxy.apply(config());
        HttpResponse<String> ready = admin("/ready");
        assertEquals(200, ready.statusCode());
        assertEquals("ready: config version 7\n", ready.body());
    }

    @Test
    void notReadyWhileTheListenerIsNotBoundYetEvenThoughTheConfigIsPublished() throws Exception {
        // another process still holds the listener's port (a restart, a slow predecessor): apply publishes the
        // config, then retries binding for up to a second
        ServerSocket holder = new ServerSocket();
        holder.bind(new InetSocketAddress(ADDRESS, 80 + offset));
        var applying = CompletableFuture.runAsync(() -> proxy.apply(plainOnly()));
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (proxy.live() == null && System.nanoTime() < deadline) {
                Thread.sleep(1);
            }
            assertTrue(proxy.live() != null, "the config was published");
            assertFalse(applying.isDone(), "apply still waits for the port");
            HttpResponse<String> notYet = admin("/ready");
            assertEquals(503, notYet.statusCode(), notYet.body());
        } finally {
            holder.close();
        }
        applying.get(10, TimeUnit.SECONDS);
        assertEquals(200, admin("/ready").statusCode());
        try (Socket client = new Socket(ADDRESS, 80 + offset)) {
            assertTrue(client.isConnected(), "ready means the listener accepts");
        }
    }

    /** The config with its plain HTTP listener only. */
    private ProxyConfig plainOnly() {
        return new ProxyConfig("8", List.of(gateway("edge", ADDRESS, Map.of(), http("web", 80, null,
                route("api", "/api", "api-rule")))));
    }

    @Test
    void aProxyOfOneGatewayIsReadyOnlyOnceItsGatewayIsInTheConfig() throws Exception {
        try (AdminServer ofOther = new AdminServer(proxy, "127.0.0.1", 0, "infra/other");
             AdminServer ofEdge = new AdminServer(proxy, "127.0.0.1", 0, "infra/edge")) {
            ofOther.start();
            ofEdge.start();
            proxy.apply(config());
            HttpResponse<String> notYet = get("http://127.0.0.1:" + ofOther.port(), "/ready");
            assertEquals(503, notYet.statusCode());
            assertTrue(notYet.body().contains("does not hold Gateway infra/other"), notYet.body());
            assertEquals(200, get("http://127.0.0.1:" + ofEdge.port(), "/ready").statusCode());
        }
    }

    @Test
    void gatewaysListsAddressesPortsVersionAndInfrastructureMetadata() throws Exception {
        proxy.apply(config());

        JsonNode body = new ObjectMapper().readTree(admin("/admin/gateways").body());

        assertEquals("7", body.get("configVersion").asText());
        JsonNode gateway = body.get("gateways").get(0);
        assertEquals("infra", gateway.get("namespace").asText());
        assertEquals("edge", gateway.get("name").asText());
        assertEquals(ADDRESS, gateway.get("address").asText());
        assertEquals("7", gateway.get("configVersion").asText());
        assertEquals("blue", gateway.get("infrastructureLabels").get("team").asText());
        assertEquals("team-edge", gateway.get("infrastructureAnnotations").get("owner").asText());
        JsonNode web = gateway.get("listeners").get(0);
        assertEquals("web", web.get("name").asText());
        assertEquals(80, web.get("specPort").asInt());
        assertEquals(80 + offset, web.get("socketPort").asInt());
        assertTrue(web.get("open").asBoolean());
        JsonNode secure = gateway.get("listeners").get(1);
        assertEquals("secure", secure.get("name").asText());
        assertEquals(443 + offset, secure.get("socketPort").asInt());
        assertEquals("HTTPS", secure.get("protocol").asText());
    }

    @Test
    void configIsTheCodecJsonWithPrivateKeysRedacted() throws Exception {
        ProxyConfig applied = config();
        proxy.apply(applied);

        String body = admin("/admin/config").body();

        assertFalse(body.contains("PRIVATE KEY"), body);
        ProxyConfig shown = ProxyConfigCodec.fromJson(body);
        assertEquals("7", shown.version());
        var certificate = shown.gateways().get(0).listeners().get(1).certificates().get(0);
        assertEquals("<redacted>", certificate.privateKeyPem());
        assertEquals(applied.gateways().get(0).listeners().get(1).certificates().get(0).certificateChainPem(),
                certificate.certificateChainPem());
    }

    @Test
    void metricsCountStatusClassesPerListenerWithInfrastructureLabels() throws Exception {
        proxy.apply(config());
        String proxyBase = "http://" + ADDRESS + ":" + (80 + offset);
        assertEquals(200, get(proxyBase, "/api/a").statusCode());
        assertEquals(200, get(proxyBase, "/api/b").statusCode());
        assertEquals(404, get(proxyBase, "/elsewhere").statusCode());

        String labels = "gateway=\"edge\",gateway_namespace=\"infra\",label_app_kubernetes_io_name=\"edge\","
                + "label_team=\"blue\",listener=\"web\"}";
        String ok = "portolan_gateway_requests_total{code_class=\"2xx\"," + labels + " 2";
        String notFound = "portolan_gateway_requests_total{code_class=\"4xx\"," + labels + " 1";
        // Counting happens when the exchange completes, which may be just after the client has its response.
        String metrics = "";
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (System.nanoTime() < deadline) {
            metrics = admin("/metrics").body();
            if (metrics.contains(ok) && metrics.contains(notFound)) {
                break;
            }
            Thread.sleep(20);
        }
        assertTrue(metrics.contains(ok), metrics);
        assertTrue(metrics.contains(notFound), metrics);
        assertTrue(metrics.contains("\nportolan_config_info{version=\"7\"} 1\n"), metrics);
        assertTrue(metrics.contains("# TYPE portolan_gateway_requests_total counter\n"), metrics);
        assertTrue(metrics.contains("code_class=\"2xx\",gateway=\"edge\",gateway_namespace=\"infra\","
                + "label_app_kubernetes_io_name=\"edge\",label_team=\"blue\",listener=\"secure\"} 0"), metrics);
    }

    @Test
    void unknownPathsAndMethodsAreRefused() throws Exception {
        assertEquals(404, admin("/admin/nothing").statusCode());
        HttpResponse<String> post = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + admin.port()
                + "/ready")).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(405, post.statusCode());
    }
}
