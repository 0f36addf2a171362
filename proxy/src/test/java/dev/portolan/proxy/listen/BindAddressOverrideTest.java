package dev.portolan.proxy.listen;

import static dev.portolan.proxy.listen.ListenFixtures.freeOffset;
import static dev.portolan.proxy.listen.ListenFixtures.gateway;
import static dev.portolan.proxy.listen.ListenFixtures.http;
import static dev.portolan.proxy.listen.ListenFixtures.route;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portolan.proxy.admin.AdminServer;
import dev.portolan.proxy.config.GatewayConfig;
import dev.portolan.proxy.config.ProxyConfig;
import dev.portolan.proxy.observe.GatewayMetrics;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A proxy pod: the config names the Service's IP, the proxy listens on the override address instead. */
class BindAddressOverrideTest {
    /** Stands in for the Service IP: an address the proxy must not bind. */
    static final String GATEWAY_ADDRESS = "127.0.0.77";
    static final String OVERRIDE = "127.0.0.1";

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private ProxyServer proxy;
    private int offset;

    @BeforeEach
    void start() throws Exception {
        offset = freeOffset(List.of(80), OVERRIDE, GATEWAY_ADDRESS);
        proxy = new ProxyServer(new TestForwarder(),
                ProxyServerOptions.defaults().withPortOffset(offset).withBindAddressOverride(OVERRIDE),
                new GatewayMetrics());
        proxy.start();
    }

    @AfterEach
    void stop() {
        proxy.close();
    }

    private static ProxyConfig config(GatewayConfig... gateways) {
        return new ProxyConfig("1", List.of(gateways));
    }

    private HttpResponse<String> get(String address) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://" + address + ":" + (80 + offset) + "/"))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theGatewayIsServedOnTheOverrideAddressAndNotOnItsOwn() throws Exception {
        assertTrue(proxy.apply(config(gateway("gw", GATEWAY_ADDRESS, Map.of(),
                http("web", 80, null, route("r", "/", "rule"))))).ok());

        HttpResponse<String> served = get(OVERRIDE);
        assertEquals(200, served.statusCode());
        assertEquals("infra/gw", served.headers().firstValue("X-Gateway").orElseThrow());
        assertEquals(80 + offset, proxy.boundPort(new SocketKey(OVERRIDE, 80)));
        assertEquals(-1, proxy.boundPort(new SocketKey(GATEWAY_ADDRESS, 80)));
        try (Socket socket = new Socket()) {
            assertThrows(ConnectException.class,
                    () -> socket.connect(new InetSocketAddress(GATEWAY_ADDRESS, 80 + offset), 2_000));
        }
    }

    @Test
    void aGatewayWithoutAddressYetIsServedOnTheOverride() throws Exception {
        // e.g. a LoadBalancer Service still waiting for its IP
        assertTrue(proxy.apply(config(gateway("gw", null, Map.of(),
                http("web", 80, null, route("r", "/", "rule"))))).ok());

        assertEquals(200, get(OVERRIDE).statusCode());
    }

    @Test
    void twoGatewaysCannotShareTheOverrideOnOnePort() {
        ProxyConfig two = config(
                gateway("gw-a", "127.0.0.77", Map.of(), http("web", 80, null, route("r", "/", "a"))),
                gateway("gw-b", "127.0.0.78", Map.of(), http("web", 80, null, route("r", "/", "b"))));

        ApplyResult result = proxy.apply(two);

        assertEquals(Map.of("infra/gw-b", "Gateways infra/gw-a and infra/gw-b both listen on 127.0.0.1:80 (every "
                + "Gateway binds the override address); give each Gateway its own proxy or drop the override"),
                result.refusedGateways());
    }

    @Test
    void adminGatewaysShowsTheConfigAddressAndWhereItReallyListens() throws Exception {
        proxy.apply(config(gateway("gw", GATEWAY_ADDRESS, Map.of(), http("web", 80, null,
                route("r", "/", "rule")))));
        AdminServer admin = new AdminServer(proxy, "127.0.0.1", 0);
        admin.start();
        try {
            JsonNode body = new ObjectMapper().readTree(client.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + admin.port() + "/admin/gateways")).build(),
                    HttpResponse.BodyHandlers.ofString()).body());

            JsonNode gateway = body.get("gateways").get(0);
            assertEquals(GATEWAY_ADDRESS, gateway.get("address").asText());
            assertEquals(OVERRIDE, gateway.get("listenAddress").asText());
            assertTrue(gateway.get("listeners").get(0).get("open").asBoolean());
            assertEquals(80 + offset, gateway.get("listeners").get(0).get("socketPort").asInt());
        } finally {
            admin.close();
        }
    }

    @Test
    void theOverrideMustBeAnIpLiteral() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ProxyServerOptions.defaults().withBindAddressOverride("any"));
        assertEquals("bindAddressOverride: 'any' is not an IP address (use a literal such as 0.0.0.0, 127.0.0.1"
                + " or ::)", e.getMessage());
    }

    /** Without override nothing changed: the Gateway's own address is bound. */
    @Test
    void withoutOverrideTheGatewaysAddressIsBound() throws Exception {
        try (ProxyServer plain = new ProxyServer(new TestForwarder(),
                ProxyServerOptions.defaults().withPortOffset(offset), new GatewayMetrics())) {
            plain.start();
            assertTrue(plain.apply(config(gateway("gw", GATEWAY_ADDRESS, Map.of(),
                    http("web", 80, null, route("r", "/", "rule"))))).ok());
            assertEquals(80 + offset, plain.boundPort(new SocketKey(GATEWAY_ADDRESS, 80)));
            assertEquals(200, get(GATEWAY_ADDRESS).statusCode());
        }
    }
}
