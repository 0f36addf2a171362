package dev.portolan.proxy.listen;

import static dev.portolan.proxy.listen.ListenFixtures.freeOffset;
import static dev.portolan.proxy.listen.ListenFixtures.gateway;
import static dev.portolan.proxy.listen.ListenFixtures.http;
import static dev.portolan.proxy.listen.ListenFixtures.route;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portolan.proxy.config.ProxyConfig;
import dev.portolan.proxy.observe.GatewayMetrics;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.http.HttpVersion;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ProxyServerHttpTest {
    static final String A = "127.0.0.201";
    static final String B = "127.0.0.202";

    private ProxyServer proxy;
    private HttpClient client;
    private int offset;

    @BeforeEach
    void start() throws Exception {
        offset = freeOffset(List.of(80, 81), A, B);
        proxy = new ProxyServer(new TestForwarder(), ProxyServerOptions.defaults().withPortOffset(offset),
                new GatewayMetrics());
        proxy.start();
        client = TestClients.http1(Map.of("a.test", A, "b.test", B));
    }

    @AfterEach
    void stop() throws Exception {
        client.stop();
        proxy.close();
    }

    private static ProxyConfig twoGateways(long version) {
        return new ProxyConfig(String.valueOf(version), List.of(
                gateway("gw-a", A, Map.of(), http("web", 80, null, route("route-a", "/", "a-rule"))),
                gateway("gw-b", B, Map.of(), http("web", 80, null, route("route-b", "/", "b-rule")),
                        http("extra", 81, null, route("route-b81", "/", "b81-rule")))));
    }

    private ContentResponse get(String host, int specPort, String path) throws Exception {
        return client.newRequest("http://" + host + ":" + (specPort + offset) + path)
                .timeout(5, TimeUnit.SECONDS).send();
    }

    @Test
    void gatewaysWithTheSameSpecPortAreReachableOnTheirOwnAddresses() throws Exception {
        assertTrue(proxy.apply(twoGateways(1)).ok());

        ContentResponse a = get("a.test", 80, "/x");
        ContentResponse b = get("b.test", 80, "/x");

        assertEquals(200, a.getStatus());
        assertEquals("infra/gw-a", a.getHeaders().get("X-Gateway"));
        assertEquals("apps/route-a", a.getHeaders().get("X-Route"));
        assertEquals(200, b.getStatus());
        assertEquals("infra/gw-b", b.getHeaders().get("X-Gateway"));
        assertEquals("apps/route-b", b.getHeaders().get("X-Route"));
    }

    @Test
    void socketPortIsSpecPortPlusOffsetAndTheRuleSeesTheSpecPort() throws Exception {
        proxy.apply(twoGateways(1));

        assertEquals(80 + offset, proxy.boundPort(new SocketKey(A, 80)));
        ContentResponse response = get("b.test", 81, "/");
        assertEquals("apps/route-b81", response.getHeaders().get("X-Route"));
        assertEquals("81", response.getHeaders().get("X-Spec-Port"));
        assertEquals("false", response.getHeaders().get("X-Secure"));
    }

    @Test
    void noMatchingRouteAnswers404WithAShortText() throws Exception {
        ProxyConfig config = new ProxyConfig("1", List.of(
                gateway("gw-a", A, Map.of(), http("web", 80, null, route("route-a", "/api", "api")))));
        proxy.apply(config);

        ContentResponse response = get("a.test", 80, "/other");

        assertEquals(404, response.getStatus());
        // a fixed body: which Gateway and what request go to the log, not to the client
        assertEquals("404 no route\n", response.getContentAsString());
    }

    @Test
    void h2cPriorKnowledgeOnTheHttpSocket() throws Exception {
        proxy.apply(twoGateways(1));
        HttpClient h2c = TestClients.http2(Map.of("a.test", A), null);
        try {
            ContentResponse response = h2c.newRequest("http://a.test:" + (80 + offset) + "/h2")
                    .timeout(5, TimeUnit.SECONDS).send();
            assertEquals(200, response.getStatus());
            assertEquals(HttpVersion.HTTP_2, response.getVersion());
            assertEquals("apps/route-a", response.getHeaders().get("X-Route"));
        } finally {
            h2c.stop();
        }
    }

    @Test
    void removedListenerClosesItsPortWhileAKeptPortKeepsItsConnections() throws Exception {
        proxy.apply(twoGateways(1));
        try (Socket kept = new Socket(B, 80 + offset)) {
            kept.setSoTimeout(5_000);
            assertTrue(exchange(kept, "b.test").contains("X-Version: 1"));

            ProxyConfig withoutExtra = new ProxyConfig("2", List.of(
                    gateway("gw-a", A, Map.of(), http("web", 80, null, route("route-a", "/", "a-rule"))),
                    gateway("gw-b", B, Map.of(), http("web", 80, null, route("route-b", "/", "b-rule")))));
            assertTrue(proxy.apply(withoutExtra).ok());

            assertEquals(-1, proxy.boundPort(new SocketKey(B, 81)));
            // Jetty's stop() returns before its acceptor thread has left accept(), so the kernel may keep the
            // listening socket for a moment: the port must be closed shortly, not necessarily at once.
            assertTrue(portClosesWithin(B, 81 + offset, 2_000), "port " + (81 + offset) + " still accepts");
            // Same TCP connection, next request: served by the new version.
            assertTrue(exchange(kept, "b.test").contains("X-Version: 2"));
        }
    }

    @Test
    void aGatewayThatCannotBeServedIsRefusedAloneAndTheOthersMoveOn() throws Exception {
        proxy.apply(twoGateways(1));
        ProxyConfig clash = new ProxyConfig("2", List.of(
                gateway("gw-a", A, Map.of(), http("web", 80, null, route("route-a", "/", "a-rule"))),
                gateway("gw-c", A, Map.of(), http("web", 80, null, route("route-c", "/", "c-rule")))));

        ApplyResult result = proxy.apply(clash);

        assertEquals(Map.of("infra/gw-c", "Gateways infra/gw-a and infra/gw-c both listen on " + A + ":80; each "
                + "Gateway needs its own address"), result.refusedGateways());
        assertEquals("2", proxy.live().version());
        assertEquals(List.of("gw-a"), proxy.live().config().gateways().stream().map(g -> g.name()).toList());
        assertEquals("2", get("a.test", 80, "/").getHeaders().get("X-Version"));
        assertTrue(proxy.refusals().latest().degraded());
        assertEquals(1, proxy.refusals().gatewayRefusalsTotal());
    }

    private static boolean portClosesWithin(String address, int port, long millis) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000;
        while (System.nanoTime() < deadline) {
            try (Socket probe = new Socket(address, port)) {
                Thread.sleep(20);
            } catch (ConnectException refused) {
                return true;
            } catch (IOException other) {
                Thread.sleep(20);
            }
        }
        return false;
    }

    /** One HTTP/1.1 keep-alive request on a raw socket; returns the response head. */
    private static String exchange(Socket socket, String host) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(("GET / HTTP/1.1\r\nHost: " + host + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
        StringBuilder head = new StringBuilder();
        int contentLength = 0;
        for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
            head.append(line).append('\n');
            if (line.toLowerCase().startsWith("content-length:")) {
                contentLength = Integer.parseInt(line.substring(15).trim());
            }
        }
        for (int i = 0; i < contentLength; i++) {
            in.read();
        }
        return head.toString();
    }
}
